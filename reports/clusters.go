package reports

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/custseg/custseg/analysis"
)

// clusterWords put a cluster's traits in words, by feature (in the order
// of analysis.Clusters.Features: recency, frequency, monetary, tenure)
// and side (analysis.High, Low, More, Less, Mid).
var clusterWords = [][5]Label{
	{"reports.clusterWords.recency.High", "reports.clusterWords.recency.Low",
		"reports.clusterWords.recency.More", "reports.clusterWords.recency.Less", "reports.clusterWords.recency.Mid"},
	{"reports.clusterWords.frequency.High", "reports.clusterWords.frequency.Low",
		"reports.clusterWords.frequency.More", "reports.clusterWords.frequency.Less", "reports.clusterWords.frequency.Mid"},
	{"reports.clusterWords.monetary.High", "reports.clusterWords.monetary.Low",
		"reports.clusterWords.monetary.More", "reports.clusterWords.monetary.Less", "reports.clusterWords.monetary.Mid"},
	{"reports.clusterWords.tenure.High", "reports.clusterWords.tenure.Low",
		"reports.clusterWords.tenure.More", "reports.clusterWords.tenure.Less", "reports.clusterWords.tenure.Mid"},
}

// ClusterNames returns the name of each cluster of res in locale. A name
// is told apart from every other cluster's and from every segment's name
// in either report language (ignoring case) by a number after it, the
// first free from 2 on, so that a filter on a name gives one group.
func ClusterNames(res *analysis.Result, locale string) []string {
	taken := map[string]bool{}
	for _, sg := range res.Segments {
		taken[strings.ToLower(strings.TrimSpace(SegmentName(sg.Rule, "en")))] = true
		taken[strings.ToLower(strings.TrimSpace(SegmentName(sg.Rule, "zh-CN")))] = true
	}
	names := make([]string, len(res.Clusters.Profiles))
	for k, p := range res.Clusters.Profiles {
		en, zh := clusterName(p.Name, "en"), clusterName(p.Name, "zh-CN")
		baseEn, baseZh := en, zh
		for n := 2; taken[strings.ToLower(en)] || taken[strings.ToLower(zh)]; n++ {
			en, zh = baseEn+" "+strconv.Itoa(n), baseZh+" "+strconv.Itoa(n)
		}
		taken[strings.ToLower(en)], taken[strings.ToLower(zh)] = true, true
		names[k] = en
		if locale == "zh-CN" {
			names[k] = zh
		}
	}
	return names
}

// clusterName puts n in words in locale, before any number.
func clusterName(n analysis.ClusterName, locale string) string {
	var s string
	if len(n.Traits) == 0 {
		s = Label("reports.clusterTypical").In(locale)
	} else {
		words := make([]string, len(n.Traits))
		for i, t := range n.Traits {
			words[i] = clusterWord(t, locale)
		}
		s = Format("reports.clusterNamed", locale, strings.Join(words, Label("reports.clusterJoin").In(locale)))
		r, size := utf8.DecodeRuneInString(s)
		s = string(unicode.ToUpper(r)) + s[size:]
	}
	if n.Apart != nil {
		s = Format("reports.clusterApart", locale, s, clusterWord(*n.Apart, locale))
	}
	return s
}

// clusterWord is the word for trait t in locale.
func clusterWord(t analysis.ClusterTrait, locale string) string {
	if t.Feature < 0 || t.Feature >= len(clusterWords) || t.Side < 0 || int(t.Side) >= len(clusterWords[t.Feature]) {
		return "?"
	}
	return clusterWords[t.Feature][t.Side].In(locale)
}
