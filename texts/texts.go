// Package texts is the catalogue of every text a reader of the reports
// sees: sheet and column names, explanations, chart titles, the narrative,
// warnings and settings, one message file per locale (locales/en.yaml,
// locales/zh-CN.yaml), read with go-i18n. Code names a text by its Key and
// asks for it in a locale; a translator edits only the message files.
//
// A text that takes values is a fmt format ("%s", or "%[2]s" where a
// language wants the values in another order); every locale's text of a
// key takes the same values (TestCatalogueComplete).
//
// texts imports nothing of ours.
package texts

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"

	"github.com/goccy/go-yaml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// Key names one text of the catalogue, such as "workbook.sheetSummary".
type Key string

// Locales are the report languages, the source language first: each has
// a message file locales/<locale>.yaml.
var Locales = []string{"en", "zh-CN"}

// Default is the locale of a text asked for in a locale the catalogue does
// not have.
const Default = "en"

//go:embed locales/*.yaml
var files embed.FS

// catalogue holds every locale's texts, resolved once from the message
// files, so that a lookup in a loop over a million customers is a map read.
var catalogue = mustLoad(files)

// In returns the text of k in locale; a locale the catalogue does not have
// gets the Default one. A key missing from the catalogue gives the key
// itself in brackets, which TestKeysInCatalogue keeps out of any build.
func (k Key) In(locale string) string {
	if t, ok := catalogue.texts[catalogue.locale(locale)][k]; ok {
		return t
	}
	if t, ok := catalogue.texts[Default][k]; ok {
		return t
	}
	return "[" + string(k) + "]"
}

// Has reports whether the catalogue has a text for k in locale.
func Has(k Key, locale string) bool {
	_, ok := catalogue.texts[locale][k]
	return ok
}

// Keys returns every key of the source locale's message file, in the
// file's order.
func Keys() []Key { return slices.Clone(catalogue.keys) }

// set is a loaded catalogue.
type set struct {
	texts map[string]map[Key]string // locale → key → text
	keys  []Key                     // of the source locale, in file order
	match language.Matcher
}

// locale returns the catalogue's locale for a requested one ("zh" and
// "zh-Hans" are zh-CN), or Default.
func (s *set) locale(l string) string {
	if _, ok := s.texts[l]; ok {
		return l
	}
	tag, err := language.Parse(l)
	if err != nil {
		return Default
	}
	_, i, conf := s.match.Match(tag)
	if conf == language.No {
		return Default
	}
	return Locales[i]
}

func mustLoad(fsys fs.FS) *set {
	s, err := load(fsys)
	if err != nil {
		panic(err)
	}
	return s
}

// load reads the message files of Locales from fsys (locales/<locale>.yaml)
// through a go-i18n bundle and resolves every message of every locale.
// A text is resolved in its own locale only: a key a locale lacks is
// left out of that locale's table (Has reports it), not filled in.
func load(fsys fs.FS) (*set, error) {
	bundle := i18n.NewBundle(language.MustParse(Default))
	bundle.RegisterUnmarshalFunc("yaml", yaml.Unmarshal)
	s := &set{texts: map[string]map[Key]string{}}
	tags := make([]language.Tag, len(Locales))
	for i, loc := range Locales {
		name := path.Join("locales", loc+".yaml")
		mf, err := bundle.LoadMessageFileFS(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("texts: %s: %w", name, err)
		}
		tags[i] = mf.Tag
		ids := make([]string, 0, len(mf.Messages))
		for _, m := range mf.Messages {
			ids = append(ids, m.ID)
		}
		if i == 0 {
			order, err := fileOrder(fsys, name)
			if err != nil {
				return nil, err
			}
			for _, id := range order {
				s.keys = append(s.keys, Key(id))
			}
		}
		localizer := i18n.NewLocalizer(bundle, loc)
		table := make(map[Key]string, len(ids))
		for _, id := range ids {
			t, tag, err := localizer.LocalizeWithTag(&i18n.LocalizeConfig{MessageID: id})
			if err != nil {
				return nil, fmt.Errorf("texts: %s: %s: %w", name, id, err)
			}
			if tag != mf.Tag {
				continue
			}
			table[Key(id)] = t
		}
		s.texts[loc] = table
	}
	s.match = language.NewMatcher(tags)
	return s, nil
}

// fileOrder returns the keys of a flat message file in the order they are
// written (a bundle keeps them in a map).
func fileOrder(fsys fs.FS, name string) ([]string, error) {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("texts: %w", err)
	}
	var ms yaml.MapSlice
	if err := yaml.Unmarshal(b, &ms); err != nil {
		return nil, fmt.Errorf("texts: %s: %w", name, err)
	}
	keys := make([]string, 0, len(ms))
	for _, it := range ms {
		keys = append(keys, fmt.Sprint(it.Key))
	}
	return keys, nil
}
