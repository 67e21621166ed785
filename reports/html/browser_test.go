package html

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/custseg/custseg/reports"
	"github.com/custseg/custseg/reports/email"
	"github.com/custseg/custseg/reports/reportstest"

	"github.com/custseg/custseg/analysis"
)

// TestHTMLInBrowser opens reports in headless Chromium, offline, and checks
// that echarts drew every chart, that the page raised no script error and
// logged nothing to the console, and that it requested nothing but itself:
// the page's own record of the resources it loaded (Resource Timing) and
// Chromium's network log must both show no request beyond file:, data:,
// about: and blob: URLs. Without Chromium it skips, except under CI=true,
// where it fails. It also narrows a window around a report and checks that
// the charts follow, and saves screenshots (1280 px wide, and 390 px wide
// as on a phone) to CUSTSEG_SCREENSHOT_DIR, or /tmp/custseg-screenshots,
// for a person to look at.
func TestHTMLInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: renders the reports in Chromium, a minute or more")
	}
	chromium := findChromium()
	if chromium == "" {
		msg := "chromium not found (install it, or set CHROMIUM to its path)"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg + "; CI=true does not allow skipping")
		}
		t.Skip(msg)
	}
	shots := os.Getenv("CUSTSEG_SCREENSHOT_DIR")
	if shots == "" {
		shots = filepath.Join(os.TempDir(), "custseg-screenshots")
	}
	if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		input func(t *testing.T) *reports.Input
		shots bool
	}{
		{"shop-en", func(t *testing.T) *reports.Input { return reportstest.Input(t, reportstest.Shop(), "en") }, false},
		{"shop-zh-CN", func(t *testing.T) *reports.Input { return reportstest.Input(t, reportstest.Shop(), "zh-CN") }, false},
		{"full-en", func(t *testing.T) *reports.Input {
			return reportstest.HtmlTestFull(t, 5000, "en", reportstest.HtmlFull{Previous: true, Models: true})
		}, true},
		{"full-zh-CN", func(t *testing.T) *reports.Input {
			return reportstest.HtmlTestFull(t, 5000, "zh-CN", reportstest.HtmlFull{Previous: true, Models: true})
		}, true},
		{"backtest-en", func(t *testing.T) *reports.Input {
			in := reportstest.HtmlTestFull(t, 3000, "en", reportstest.HtmlFull{Previous: true, Models: true})
			reportstest.FillBacktest(&in.Result.Models, reportstest.AsOf)
			return in
		}, true},
		{"backtest-zh-CN", func(t *testing.T) *reports.Input {
			in := reportstest.HtmlTestFull(t, 3000, "zh-CN", reportstest.HtmlFull{Models: true})
			reportstest.FillBacktest(&in.Result.Models, reportstest.AsOf)
			return in
		}, false},
		{"firstrun-nomodels-en", func(t *testing.T) *reports.Input {
			return reportstest.HtmlTestFull(t, 3000, "en", reportstest.HtmlFull{})
		}, true},
		{"hostile-en", func(t *testing.T) *reports.Input {
			return reportstest.HtmlTestFull(t, 1500, "en", reportstest.HtmlFull{Previous: true, Models: true, Hostile: true})
		}, false},
		{"empty-en", func(t *testing.T) *reports.Input {
			return reportstest.Input(t, &analysis.Dataset{AsOf: reportstest.AsOf}, "en")
		}, false},
		{"nobuyers-zh-CN", func(t *testing.T) *reports.Input {
			return reportstest.Input(t, &analysis.Dataset{AsOf: reportstest.AsOf, Customers: []analysis.Customer{{ID: "a"}}}, "zh-CN")
		}, false},
	}
	// The checks must see what they look for: a page that fetches from the
	// network and logs to the console fails each of them.
	t.Run("canary", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		page := "<!DOCTYPE html><html><head>" + probe + `</head><body><img src="https://cdn.example.com/x.png">` +
			`<script>console.log("hello"); fetch("http://api.example.com/y").catch(function () {});</script></body></html>`
		file := filepath.Join(dir, "canary.html")
		if err := os.WriteFile(file, []byte(page), 0o644); err != nil {
			t.Fatal(err)
		}
		dom, log := runChromium(t, chromium, dir, 3*time.Second, "--dump-dom", "file://"+file)
		res := strings.Join(resourceProblems(dom), "\n")
		logged := strings.Join(logProblems(log), "\n")
		for _, want := range []string{"cdn.example.com/x.png", "api.example.com/y"} {
			if !strings.Contains(res, want) {
				t.Errorf("Resource Timing check missed %s; it found:\n%s", want, res)
			}
			if !strings.Contains(logged, want) {
				t.Errorf("network log check missed %s; it found:\n%s", want, logged)
			}
		}
		if !strings.Contains(logged, `console: "hello"`) {
			t.Errorf("console check missed the message; it found:\n%s", logged)
		}
	})
	// The email bodies load nothing either, and are screenshot as a mail
	// client 700 px wide and a phone would show them.
	for _, loc := range []string{"en", "zh-CN"} {
		for name, body := range map[string]func(*reports.Input) (string, string, string, error){
			"management": email.Management, "marketing": email.Marketing} {
			t.Run("email-"+name+"-"+loc, func(t *testing.T) {
				t.Parallel()
				in := reportstest.HtmlTestFull(t, 3000, loc, reportstest.HtmlFull{Previous: true, Models: true})
				in.SegmentSheets = []string{"loyal", "cant_lose"}
				_, html, _, err := body(in)
				if err != nil {
					t.Fatal(err)
				}
				dir := t.TempDir()
				file := filepath.Join(dir, "report.html")
				if err := os.WriteFile(file, []byte(html), 0o644); err != nil {
					t.Fatal(err)
				}
				probed := filepath.Join(dir, "probed.html")
				if err := os.WriteFile(probed, []byte(strings.Replace(html, "<head>", "<head>"+probe, 1)), 0o644); err != nil {
					t.Fatal(err)
				}
				dom, log := runChromium(t, chromium, dir, 3*time.Second, "--window-size=700,2000", "--dump-dom", "file://"+probed)
				checkResources(t, dom)
				checkLog(t, log)
				screenshots(t, chromium, dir, filepath.Join(shots, "email-"+name+"-"+loc), 700, attrInt(dom, "data-height"))
			})
		}
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			in := tt.input(t)
			dir := t.TempDir()
			var buf bytes.Buffer
			if err := Write(&buf, in); err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(dir, "report.html")
			if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			// The checked copy carries a probe that records what the page
			// loaded; the report itself has no such script.
			probed := filepath.Join(dir, "probed.html")
			page := strings.Replace(buf.String(), "<head>", "<head>"+probe, 1)
			if err := os.WriteFile(probed, []byte(page), 0o644); err != nil {
				t.Fatal(err)
			}
			dom, log := runChromium(t, chromium, dir, 5*time.Second, "--window-size=1280,2000", "--dump-dom", "file://"+probed)
			want := wantCharts(in)
			checkDOM(t, dom, want)
			checkResources(t, dom)
			checkLog(t, log)
			if strings.HasPrefix(tt.name, "hostile") {
				body := scriptRE.ReplaceAllString(dom[strings.Index(dom, "<body"):], "<script></script>")
				if strings.Contains(body, "<img") || strings.Contains(body, "<script>alert") {
					t.Error("hostile names became elements in the DOM")
				}
			}
			if tt.name == "shop-en" {
				checkResize(t, chromium, dir, want)
			}
			if !tt.shots {
				return
			}
			screenshots(t, chromium, dir, filepath.Join(shots, tt.name), 1280, attrInt(dom, "data-height"))
		})
	}
}

// screenshots saves prefix-desktop.png, report.html in dir at width px
// and its full height, and prefix-phone.png, the page in a 390 px wide
// frame (headless Chromium lays pages out at least 500 px wide).
func screenshots(t *testing.T, chromium, dir, prefix string, width, height int) {
	t.Helper()
	phone := filepath.Join(dir, "phone.html")
	phoneHeight := phoneHeight(t, chromium, dir)
	frame := fmt.Sprintf(`<!DOCTYPE html><html><body style="margin:0"><iframe src="report.html" style="width:390px;height:%dpx;border:0;display:block"></iframe></body></html>`, phoneHeight)
	if err := os.WriteFile(phone, []byte(frame), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, shot := range []struct{ suffix, size, file string }{
		{"desktop", fmt.Sprintf("%d,%d", width, height), filepath.Join(dir, "report.html")},
		{"phone", fmt.Sprintf("390,%d", phoneHeight), phone},
	} {
		png := prefix + "-" + shot.suffix + ".png"
		runChromium(t, chromium, dir, 5*time.Second, "--screenshot="+png, "--window-size="+shot.size, "file://"+shot.file)
		if st, err := os.Stat(png); err != nil || st.Size() == 0 {
			t.Errorf("no screenshot %s: %v", png, err)
		}
	}
}

// probe records, once the page has loaded, every resource it fetched
// (Resource Timing, which lists failed requests too) and its height.
const probe = `<script>
(function () {
  var seen = [];
  try {
    new PerformanceObserver(function (list) {
      list.getEntries().forEach(function (e) { seen.push(e.name); });
    }).observe({ type: "resource", buffered: true });
  } catch (e) { seen.push("observer-failed:" + e); }
  window.addEventListener("load", function () {
    setTimeout(function () {
      var names = performance.getEntriesByType("resource").map(function (e) { return e.name; }).concat(seen);
      var root = document.documentElement;
      root.setAttribute("data-resources", JSON.stringify(names));
      root.setAttribute("data-height", String(Math.ceil(root.scrollHeight)));
    }, 1000);
  });
})();
</script>`

// attrInt reads a numeric attribute of the dumped DOM's root.
func attrInt(dom, name string) int {
	m := regexp.MustCompile(name + `="(\d+)"`).FindStringSubmatch(dom)
	if m == nil {
		return 2400
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// localURL reports whether a URL stays inside the machine and the page.
func localURL(u string) bool {
	for _, p := range []string{"file:", "data:", "about:", "blob:"} {
		if strings.HasPrefix(u, p) {
			return true
		}
	}
	return false
}

// resourceProblems reads the probe's record and returns what the page
// fetched beyond local URLs.
func resourceProblems(dom string) []string {
	m := regexp.MustCompile(`data-resources="([^"]*)"`).FindStringSubmatch(dom)
	if m == nil {
		return []string{"the probe recorded no resources: the page did not finish loading"}
	}
	var names []string
	if err := json.Unmarshal([]byte(html.UnescapeString(m[1])), &names); err != nil {
		return []string{fmt.Sprintf("probe record %q: %v", m[1], err)}
	}
	var out []string
	for _, n := range names {
		if !localURL(n) {
			out = append(out, "the page requested "+n)
		}
	}
	return out
}

// checkResources checks the probe's record: the page fetched nothing
// but local URLs.
func checkResources(t *testing.T, dom string) {
	t.Helper()
	for _, p := range resourceProblems(dom) {
		t.Error(p)
	}
}

// chromiumOwn are requests Chromium itself sends at start-up (clock,
// updates, accounts, spelling dictionaries), whatever page it opens; the
// flags in htmlRunChromium send them to a dead proxy.
var chromiumOwn = []string{
	"http://clients2.google.com/time/", "https://clients2.google.com/time/",
	"http://update.googleapis.com/service/update2/", "https://update.googleapis.com/service/update2/",
	"https://accounts.google.com/ListAccounts", "https://redirector.gvt1.com/edgedl/",
	"https://www.google.com/dl/release2/", "http://www.google.com/dl/release2/",
	"https://clientservices.googleapis.com/chrome-variations/",
	"https://optimizationguide-pa.googleapis.com/",
}

var (
	scriptRE   = regexp.MustCompile(`(?s)<script[^>]*>.*?</script>`)
	logRequest = regexp.MustCompile(`NotifyBeforeURLRequest: (\S+)`)
	logConsole = regexp.MustCompile(`:CONSOLE[:(]\d*\)?\] (.*)`)
)

// logProblems reads Chromium's log of a page load and returns its
// console messages and the network requests beyond local URLs and
// Chromium's own.
func logProblems(log string) []string {
	var out []string
	for _, m := range logConsole.FindAllStringSubmatch(log, -1) {
		out = append(out, "console: "+m[1])
	}
	for _, m := range logRequest.FindAllStringSubmatch(log, -1) {
		u := m[1]
		own := false
		for _, p := range chromiumOwn {
			own = own || strings.HasPrefix(u, p)
		}
		if !own && !localURL(u) {
			out = append(out, "network request: "+u)
		}
	}
	return out
}

// checkLog checks Chromium's log of a page load: no console message
// and no network request beyond local URLs and Chromium's own.
func checkLog(t *testing.T, log string) {
	t.Helper()
	for _, p := range logProblems(log) {
		t.Error(p)
	}
}

// checkDOM checks a DOM dumped after the page's scripts ran: every
// chart of want initialised and drew an SVG or canvas, without NaN, and
// nothing else was drawn.
func checkDOM(t *testing.T, dom string, want []string) {
	t.Helper()
	body := regexp.MustCompile(`<body[^>]*>`).FindString(dom)
	if body == "" {
		t.Fatalf("no <body> in dumped DOM (%d bytes)", len(dom))
	}
	if m := regexp.MustCompile(`data-(js-error|charts-error)="[^"]*"`).FindString(body); m != "" {
		t.Errorf("script error: %s", m)
	}
	if w := fmt.Sprintf(`data-charts-ok="%d"`, len(want)); !strings.Contains(body, w) {
		t.Errorf("body %s lacks %s: not every chart initialised", body, w)
	}
	for _, id := range want {
		tag := regexp.MustCompile(`<div[^>]*\bid="` + regexp.QuoteMeta(id) + `"[^>]*>`).FindStringIndex(dom)
		if tag == nil {
			t.Errorf("chart %s: no container in DOM", id)
			continue
		}
		if !strings.Contains(dom[tag[0]:tag[1]], "_echarts_instance_") {
			t.Errorf("chart %s: container has no _echarts_instance_", id)
		}
		inner := dom[tag[1]:]
		if end := strings.Index(inner, "</article>"); end >= 0 {
			inner = inner[:end]
		}
		if !strings.Contains(inner, "<svg") && !strings.Contains(inner, "<canvas") {
			t.Errorf("chart %s: echarts drew nothing (no <svg> or <canvas>)", id)
		}
		if strings.Contains(inner, "NaN") {
			t.Errorf("chart %s: drawing contains NaN", id)
		}
	}
	if n := strings.Count(scriptRE.ReplaceAllString(dom, ""), `_echarts_instance_="`); n != len(want) {
		t.Errorf("%d echarts instances, want %d", n, len(want))
	}
}

// phoneHarness loads report.html in a 390 px wide frame and records the
// height of the page there.
const phoneHarness = `<!DOCTYPE html><html><body style="margin:0">
<iframe id="f" src="report.html" style="width:390px;height:800px;border:0"></iframe>
<script>
var f = document.getElementById("f");
f.addEventListener("load", function () {
  setTimeout(function () {
    var d = f.contentDocument;
    var out = document.createElement("pre");
    out.id = "result";
    out.textContent = "height=" + (d ? Math.ceil(d.documentElement.scrollHeight) : 0) + ";";
    document.body.appendChild(out);
  }, 800);
});
</script></body></html>`

// phoneHeight returns the height of report.html in dir at 390 px wide.
func phoneHeight(t *testing.T, chromium, dir string) int {
	t.Helper()
	harness := filepath.Join(dir, "phone-height.html")
	if err := os.WriteFile(harness, []byte(phoneHarness), 0o644); err != nil {
		t.Fatal(err)
	}
	dom, _ := runChromium(t, chromium, dir, 5*time.Second, "--allow-file-access-from-files", "--dump-dom", "file://"+harness)
	m := regexp.MustCompile(`height=(\d+);`).FindStringSubmatch(dom)
	if m == nil {
		t.Fatalf("phone harness gave no height:\n%.2000s", dom)
	}
	h, _ := strconv.Atoi(m[1])
	return max(h, 800)
}

// resizeHarness loads report.html in a 1000 px wide frame, narrows the
// frame to 360 px and records the width echarts drew each chart at, before
// and after.
const resizeHarness = `<!DOCTYPE html><html><body style="margin:0">
<iframe id="f" src="report.html" style="width:1000px;height:3000px;border:0"></iframe>
<script>
var f = document.getElementById("f");
f.addEventListener("load", function () {
  function widths() {
    var d = f.contentDocument;
    if (!d) { return "no-access"; }
    return Array.prototype.map.call(d.querySelectorAll(".chart"), function (c) {
      var s = c.querySelector("svg, canvas");
      return s ? Math.round(s.getBoundingClientRect().width) : 0;
    }).join(",");
  }
  setTimeout(function () {
    var before = widths(), tries = 0;
    f.style.width = "360px";
    f.getBoundingClientRect();
    // Under virtual time Chromium dispatches resize at its next rendering
    // opportunity, which may take a while: poll.
    (function poll() {
      var after = widths();
      var done = after.split(",").every(function (w) { return +w <= 360; });
      if (!done && ++tries < 50) { setTimeout(poll, 200); return; }
      var out = document.createElement("pre");
      out.id = "result";
      out.textContent = "before=" + before + ";after=" + after + ";";
      document.body.appendChild(out);
    })();
  }, 500);
});
</script></body></html>`

// checkResize checks that the charts follow the window when it narrows.
func checkResize(t *testing.T, chromium, dir string, ids []string) {
	t.Helper()
	harness := filepath.Join(dir, "resize.html")
	if err := os.WriteFile(harness, []byte(resizeHarness), 0o644); err != nil {
		t.Fatal(err)
	}
	dom, _ := runChromium(t, chromium, dir, 15*time.Second, "--allow-file-access-from-files", "--dump-dom", "file://"+harness)
	m := regexp.MustCompile(`before=([0-9,]*);after=([0-9,]*);`).FindStringSubmatch(dom)
	if m == nil {
		t.Fatalf("resize harness gave no result:\n%.2000s", dom)
	}
	before, after := strings.Split(m[1], ","), strings.Split(m[2], ",")
	if len(before) != len(ids) || len(after) != len(ids) {
		t.Fatalf("resize: widths before %v, after %v; want %d charts", before, after, len(ids))
	}
	for i, id := range ids {
		var b, a int
		fmt.Sscan(before[i], &b)
		fmt.Sscan(after[i], &a)
		if b < 400 || a <= 0 || a > 360 {
			t.Errorf("chart %s: %d px wide in a 1000 px window, %d px after narrowing it to 360 px", id, b, a)
		}
	}
}

func findChromium() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// runChromium runs headless Chromium with a fresh profile in dir, with
// networking off as far as flags allow (every request goes to a dead proxy
// and no name resolves), lets the page run for budget of virtual time and
// returns Chromium's standard output and its log (standard error, with
// console messages and the network requests it began).
func runChromium(t *testing.T, chromium, dir string, budget time.Duration, args ...string) (stdout, log string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	profile, err := os.MkdirTemp(dir, "profile")
	if err != nil {
		t.Fatal(err)
	}
	flags := []string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--disable-extensions", "--disable-default-apps", "--no-default-browser-check",
		"--disable-client-side-phishing-detection", "--no-pings", "--disable-domain-reliability",
		"--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
		"--host-resolver-rules=MAP * ~NOTFOUND",
		"--enable-logging=stderr", "--log-level=0", "--vmodule=network_delegate=1",
		"--hide-scrollbars", "--user-data-dir=" + profile,
		fmt.Sprintf("--virtual-time-budget=%d", budget.Milliseconds()),
	}
	cmd := exec.CommandContext(ctx, chromium, append(flags, args...)...)
	cmd.WaitDelay = 5 * time.Second
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s", chromium, strings.Join(args, " "), err, errOut.String())
	}
	return out.String(), errOut.String()
}
