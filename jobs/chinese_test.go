package jobs

import (
	"context"
	"fmt"
	"mime"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/net/html"

	"github.com/custseg/custseg/internal/smtptest"
	"github.com/custseg/custseg/queries"
)

// latinWord is a word in Latin letters; one letter alone (the R, F and M
// of RFM, a cell's "A") is not a word.
var latinWord = regexp.MustCompile(`[A-Za-z][A-Za-z'’]*[A-Za-z]`)

// notWords are the pieces of a Chinese page that are rightly in Latin
// letters and are not words: addresses, file names, IANA time zones, ISO
// dates and times, the locale code, configuration keys and column names
// (analysis.models.holdout_units, email_consent) and Excel column
// letters ("AO 列").
var notWords = regexp.MustCompile(`\S+@\S+|https?://\S+|k-means|[\w./-]+\.(?:sql|json|jsonl|xlsx|html|csv|gz|yaml)\b|\b[A-Z][a-z]+/[A-Za-z_]+\b|\d{4}-\d\d-\d\dT[\d:.]+Z?|zh-CN|\b[a-z]+(?:[._][a-z0-9]+)+\b|\b[A-Z]{1,3} ?列`)

// terms are the names a Chinese reader of these reports knows in Latin
// letters: the method names, the models' published names, and the
// abbreviations the Chinese texts of the catalogue use on purpose.
var terms = map[string]bool{
	"RFM": true, "FM": true, "CLV": true, "BG": true, "NBD": true, "MBG": true, "Pareto": true, "Gamma": true,
	"BIC": true, "MAE": true, "alpha": true, "ln": true, "SQL": true, "JOIN": true, "UTC": true, "ID": true, "Excel": true,
	"HTML": true, "JavaScript": true, "Apache": true, "ECharts": true, "License": true, "custseg": true,
	// A configuration value the text names for the operator to set.
	"auto": true,
}

// TestChinesePagesSayNoEnglish runs the job with the reports in Chinese,
// twice (so the second run compares with the first), and reads every
// text its readers get: each cell of the workbook, the HTML report's
// visible text, and the plain text of each email. A word in Latin letters
// must be a term a Chinese reader knows (terms), or come from the shop's
// own data (the customers' names, cities, categories: jobs/testdata/
// shop.sql) or from the configuration; anything else is English the
// catalogue failed to translate.
func TestChinesePagesSayNoEnglish(t *testing.T) {
	tdb := loadFixture(t)
	srv := smtptest.Start(t)
	cfg := deliveryConfig(t, srv)
	cfg.Outputs.Locale = "zh-CN"
	cfg.Jobs[0].Title = "每周客户分群"
	out := t.TempDir()
	src := queries.Builtin()
	var m *Manifest
	for _, day := range []time.Time{asOf.AddDate(0, 0, -7), asOf} {
		var err error
		m, err = Execute(context.Background(), cfg, Options{AsOf: day, OutDir: out, Queries: &src, DSN: tdb.DSN})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(m.Warnings) == 0 {
		t.Fatal("the run has no warnings: the test reads no run notes")
	}

	allowed := dataWords(t)
	for w := range terms {
		allowed[w] = true
	}
	for _, id := range []string{m.RunID, m.Version, cfg.Email.From} {
		for _, w := range latinWord.FindAllString(id, -1) {
			allowed[w] = true
		}
	}
	found := map[string][]string{} // word → where
	check := func(where, text string) {
		text = notWords.ReplaceAllString(text, " ")
		for _, w := range latinWord.FindAllString(text, -1) {
			if !allowed[w] && len(found[w]) < 3 {
				found[w] = append(found[w], fmt.Sprintf("%s: %.120q", where, text))
			}
		}
	}

	// The workbook: every cell of every sheet, but the SQL the run sent.
	f, err := excelize.OpenFile(filepath.Join(m.Dir, WorkbookFile(m.AsOf)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cells := 0
	for _, sheet := range f.GetSheetList() {
		check("sheet name", sheet)
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for c, v := range row {
				if strings.Contains(v, "SELECT") {
					continue // the exact SQL sent, on the About sheet
				}
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				check(sheet+"!"+cell, v)
				cells++
			}
		}
	}
	if cells < 1000 {
		t.Fatalf("the workbook has %d cells", cells)
	}

	// The HTML report: the text a browser shows.
	page, err := os.ReadFile(filepath.Join(m.Dir, ReportFile(m.AsOf)))
	if err != nil {
		t.Fatal(err)
	}
	texts := visibleText(t, string(page))
	if len(texts) < 100 {
		t.Fatalf("the report shows %d texts", len(texts))
	}
	for _, s := range texts {
		check("report", s)
	}

	// The emails of the last run.
	msgs := srv.Messages()
	if len(msgs) < 2 {
		t.Fatalf("%d emails", len(msgs))
	}
	for _, msg := range msgs[len(msgs)-2:] {
		body, err := smtptest.PlainText(msg.Data)
		if err != nil {
			t.Fatal(err)
		}
		check("email to "+msg.To[0], body)
		subject, err := new(mime.WordDecoder).DecodeHeader(msg.Header().Get("Subject"))
		if err != nil {
			t.Fatal(err)
		}
		check("subject", subject)
	}

	words := make([]string, 0, len(found))
	for w := range found {
		words = append(words, w)
	}
	slices.Sort(words)
	for _, w := range words {
		t.Errorf("untranslated %q:\n  %s", w, strings.Join(found[w], "\n  "))
	}
}

// dataWords are the words in Latin letters of the shop's own data: every
// quoted value of jobs/testdata/shop.sql.
func dataWords(t *testing.T) map[string]bool {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "shop.sql"))
	if err != nil {
		t.Fatal(err)
	}
	words := map[string]bool{}
	for _, q := range regexp.MustCompile(`'(?:[^'\\]|\\.)*'`).FindAllString(string(b), -1) {
		for _, w := range latinWord.FindAllString(q, -1) {
			words[w] = true
		}
	}
	if len(words) == 0 {
		t.Fatal("no data words in shop.sql")
	}
	return words
}

// visibleText returns the text nodes of an HTML page outside its scripts
// and styles, and the titles and alternative texts a reader sees.
func visibleText(t *testing.T, page string) []string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && (n.Data == "script" || n.Data == "style") {
			return
		}
		if n.Type == html.TextNode && strings.TrimSpace(n.Data) != "" {
			out = append(out, n.Data)
		}
		if n.Type == html.ElementNode {
			for _, a := range n.Attr {
				if a.Key == "title" || a.Key == "alt" || a.Key == "aria-label" {
					out = append(out, a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}
