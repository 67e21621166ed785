package reports

import "github.com/custseg/custseg/analysis"

// defaultSegments are the catalogue's name and suggested action of each
// default RFM segment (analysis.DefaultSegments), by key.
var defaultSegments = map[string][2]Label{
	"champions":          {"reports.segments.champions.name", "reports.segments.champions.action"},
	"loyal":              {"reports.segments.loyal.name", "reports.segments.loyal.action"},
	"potential_loyalist": {"reports.segments.potential_loyalist.name", "reports.segments.potential_loyalist.action"},
	"new":                {"reports.segments.new.name", "reports.segments.new.action"},
	"promising":          {"reports.segments.promising.name", "reports.segments.promising.action"},
	"need_attention":     {"reports.segments.need_attention.name", "reports.segments.need_attention.action"},
	"about_to_sleep":     {"reports.segments.about_to_sleep.name", "reports.segments.about_to_sleep.action"},
	"cant_lose":          {"reports.segments.cant_lose.name", "reports.segments.cant_lose.action"},
	"at_risk":            {"reports.segments.at_risk.name", "reports.segments.at_risk.action"},
	"hibernating":        {"reports.segments.hibernating.name", "reports.segments.hibernating.action"},
	"lost":               {"reports.segments.lost.name", "reports.segments.lost.action"},
}

// SegmentName returns a segment's name in locale: the configured name
// (name_zh in Chinese, when given), or for a default segment the
// configuration does not name, the catalogue's.
func SegmentName(r analysis.SegmentRule, locale string) string {
	if t, ok := defaultSegments[r.Key]; ok && r.Name == "" && r.NameZh == "" {
		return t[0].In(locale)
	}
	return inLocale(locale, r.Name, r.NameZh)
}

// SegmentAction returns a segment's suggested action in locale, from the
// configuration or, for a default segment it leaves without one, the
// catalogue.
func SegmentAction(r analysis.SegmentRule, locale string) string {
	if t, ok := defaultSegments[r.Key]; ok && r.Action == "" && r.ActionZh == "" {
		return t[1].In(locale)
	}
	return inLocale(locale, r.Action, r.ActionZh)
}

// inLocale picks, of a text the configuration gives in English and
// Chinese (a segment's name or action), the one for locale; a Chinese text
// left empty falls back to the English one.
func inLocale(locale, en, zh string) string {
	if locale == "zh-CN" && zh != "" {
		return zh
	}
	return en
}
