package reports

import (
	"strings"

	"github.com/custseg/custseg/analysis"
	"github.com/custseg/custseg/texts"
)

// attributeNames name the usual attribute columns of customers.sql, by
// their names in lower case. English shows a column's name as the query
// has it; the other languages show these.
var attributeNames = map[string]Label{
	"province":   "reports.attributeNames.province",
	"city":       "reports.attributeNames.city",
	"region":     "reports.attributeNames.region",
	"postcode":   "reports.attributeNames.postcode",
	"gender":     "reports.attributeNames.gender",
	"birth_date": "reports.attributeNames.birth_date",
	"age":        "reports.attributeNames.age",
	"age band":   "reports.attributeNames.age_band",
	"age_band":   "reports.attributeNames.age_band",
	"income":     "reports.attributeNames.income",
	"occupation": "reports.attributeNames.occupation",
	"channel":    "reports.attributeNames.channel",
	"source":     "reports.attributeNames.source",
	"level":      "reports.attributeNames.level",
}

// AttributeName is an attribute column's name as the reports show it in
// locale: in English as the query names it, in another language the
// catalogue's name for the usual columns (attributeNames), else as the
// query names it.
func AttributeName(col, locale string) string {
	if locale != texts.Default {
		if l, ok := attributeNames[strings.ToLower(col)]; ok {
			return l.In(locale)
		}
	}
	return col
}

// ageBands name the age bands (analysis.AgeBands), in their order.
var ageBands = []Label{"reports.ageBands.under25", "reports.ageBands.25to34", "reports.ageBands.35to44",
	"reports.ageBands.45to54", "reports.ageBands.55to64", "reports.ageBands.65plus"}

// AgeBandName is the name of an age band of analysis.AgeBands in locale;
// any other name is returned as it is.
func AgeBandName(band, locale string) string {
	for i, b := range analysis.AgeBands {
		if b == band && i < len(ageBands) {
			return ageBands[i].In(locale)
		}
	}
	return band
}
