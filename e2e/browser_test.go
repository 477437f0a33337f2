package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// pageTypes are the pages checked in the browser: one or more of each
// page type of the portal, and the 404 page.
var pageTypes = []struct{ name, path string }{
	{"portal home fr", "/fr/"},
	{"portal home en", "/en/"},
	{"report home fr", "/fr/a-76-564/"},
	{"report home en", "/en/a-76-564/"},
	{"section I", "/fr/a-76-564/i/"},
	{"section III", "/fr/a-76-564/iii/"},
	{"results framework en", "/en/a-76-564/ii-f-5/"},
	{"analysis of variances", "/fr/a-76-564/iv/"},
	{"analysis of variances en", "/en/a-76-564/iv/"},                  // the variances' direction, the note that the text is French
	{"component with its accomplishments en", "/en/a-76-564/ii-f-2/"}, // their list, badges against the plan
	{"table page", "/fr/a-76-564/tables/iii-a/"},
	{"dataset page", "/fr/a-76-564/tables/ea-4-1-indicators/"},
	{"results framework with a long word", "/fr/a-76-564/ii-f-4/"},
	{"table index", "/fr/a-76-564/tables/"},
	{"about fr", "/fr/a-propos/"},
	{"about en", "/en/about/"},
	{"glossary", "/fr/glossaire/"},
	{"search results", "/api/search?lang=fr&q=rations"},
	{"not found fr", "/fr/no-such-page/"},
	{"not found en", "/en/no-such-page/"},
	{"not found elsewhere", "/no-such-page/"},
}

// notFoundPaths are URLs of no page: the server answers 404 with the
// not-found page of their language (or the bilingual one).
var notFoundPaths = map[string]bool{"/fr/no-such-page/": true, "/en/no-such-page/": true, "/no-such-page/": true}

// axeViolation is one violated axe-core rule on a page.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target []any  `json:"target"`
		HTML   string `json:"html"`
	} `json:"nodes"`
}

// visit is what the browser saw on one page.
type visit struct {
	path     string
	err      error
	console  []string       // console errors, exceptions, error log entries
	csp      []string       // securitypolicyviolation events
	requests []string       // URLs requested by the page
	axe      []axeViolation // axe-core violations
}

var (
	visitsOnce sync.Once
	visits     []*visit
)

// visitAll loads every page type once in the browser and records its
// console, CSP violations, requests and axe-core violations. The tests
// below share these visits.
func visitAll(t *testing.T) []*visit {
	t.Helper()
	ctx := needBrowser(t)
	visitsOnce.Do(func() {
		axe, err := os.ReadFile(axePath)
		if err != nil {
			t.Fatal(err)
		}
		t0 := time.Now()
		for _, p := range pageTypes {
			visits = append(visits, load(ctx, p.path, string(axe)))
		}
		t.Logf("visited %d pages in %v", len(pageTypes), time.Since(t0).Round(time.Millisecond))
	})
	return visits
}

// cspProbe records securitypolicyviolation events from the very start of
// each document, before the page's own scripts run.
const cspProbe = `window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.effectiveDirective + " blocked " + (e.blockedURI || "inline") +
    " (" + (e.sourceFile || "") + ":" + e.lineNumber + ")");
});`

// load opens path in a new tab, with the CSP on, and runs axe-core on it.
func load(parent context.Context, path, axe string) *visit {
	v := &visit{path: path}
	var mu sync.Mutex
	tab, cancel := chromedp.NewContext(parent, chromedp.WithListener(func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeAssert {
				var args []string
				for _, a := range e.Args {
					if a.Value != nil {
						args = append(args, string(a.Value))
					} else {
						args = append(args, a.Description)
					}
				}
				v.console = append(v.console, "console."+string(e.Type)+": "+strings.Join(args, " "))
			}
		case *runtime.EventExceptionThrown:
			d := e.ExceptionDetails
			msg := d.Text
			if d.Exception != nil {
				msg += " " + d.Exception.Description
			}
			v.console = append(v.console, fmt.Sprintf("exception: %s (%s:%d)", msg, d.URL, d.LineNumber))
		case *log.EventEntryAdded:
			// The not-found page is meant to answer 404: that is no error.
			if e.Entry.Level == log.EntryLevelError && !(notFoundPaths[path] && e.Entry.URL == baseURL+path) {
				v.console = append(v.console, fmt.Sprintf("log %s: %s (%s)", e.Entry.Source, e.Entry.Text, e.Entry.URL))
			}
		case *network.EventRequestWillBeSent:
			v.requests = append(v.requests, e.Request.URL)
		}
	}))
	defer cancel()
	ctx, stop := context.WithTimeout(tab, 60*time.Second)
	defer stop()

	type axeResult struct {
		Violations []axeViolation `json:"violations"`
	}
	var res axeResult
	v.err = chromedp.Do(ctx,
		addScript(cspProbe),
		chromedp.Navigate(baseURL+path),
		// Let deferred scripts and late CSP reports settle.
		chromedp.Sleep(100*time.Millisecond),
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			csp, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`window.__csp || []`))
			if err != nil {
				return fmt.Errorf("read CSP violations: %w", err)
			}
			mu.Lock()
			v.csp = csp
			mu.Unlock()
			// DevTools evaluation is not subject to the page's CSP, so
			// axe-core runs with the policy on.
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](axe)); err != nil {
				return fmt.Errorf("inject axe-core: %w", err)
			}
			raw, err := chromedp.Run(ctx, chromedp.Evaluate[[]byte](
				`axe.run(document, {resultTypes: ["violations"]}).then(r => ({violations: r.violations}))`,
				chromedp.EvalAwaitPromise))
			if err != nil {
				return fmt.Errorf("run axe-core: %w", err)
			}
			return json.Unmarshal(raw, &res)
		}),
	)
	mu.Lock()
	defer mu.Unlock()
	v.axe = res.Violations
	return v
}

// addScript makes every new document of the tab run src first.
func addScript(src string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: src})
		return err
	})
}

// TestAccessibility: axe-core finds no serious or critical violation on
// any page type. Lesser ones are logged.
func TestAccessibility(t *testing.T) {
	for _, v := range visitAll(t) {
		t.Run(v.path, func(t *testing.T) {
			if v.err != nil {
				t.Fatal(v.err)
			}
			for _, a := range v.axe {
				var targets []string
				for _, n := range a.Nodes {
					targets = append(targets, fmt.Sprint(n.Target...))
				}
				if len(targets) > 5 {
					targets = append(targets[:5], fmt.Sprintf("… %d more", len(a.Nodes)-5))
				}
				msg := fmt.Sprintf("%s [%s] %s: %s", a.ID, a.Impact, a.Help, strings.Join(targets, ", "))
				if a.Impact == "serious" || a.Impact == "critical" {
					t.Error(msg)
				} else {
					t.Log(msg)
				}
			}
		})
	}
}

// TestNoConsoleErrorOrCSPViolation: with netlify.toml's CSP on, no page
// logs an error, throws, or violates the policy.
func TestNoConsoleErrorOrCSPViolation(t *testing.T) {
	for _, v := range visitAll(t) {
		t.Run(v.path, func(t *testing.T) {
			if v.err != nil {
				t.Fatal(v.err)
			}
			for _, m := range v.console {
				t.Error(m)
			}
			for _, m := range v.csp {
				t.Error("CSP violation: " + m)
			}
		})
	}
}

// TestNoThirdPartyRequest: pages load nothing from another host.
func TestNoThirdPartyRequest(t *testing.T) {
	for _, v := range visitAll(t) {
		if v.err != nil {
			t.Errorf("%s: %v", v.path, v.err)
			continue
		}
		for _, r := range v.requests {
			u, err := url.Parse(r)
			if err != nil {
				t.Errorf("%s: request to unparsable URL %q", v.path, r)
				continue
			}
			if (u.Scheme == "http" || u.Scheme == "https") && u.Host != siteHost {
				t.Errorf("%s: request to third-party host: %s", v.path, r)
			}
		}
	}
}

// TestParagraphPermalink: /fr/a-76-564/par/26/ lands on its section page
// at #par-26, with the paragraph in the viewport and marked.
// A link that carries a query (a newsletter's utm_source) lands there too,
// and so does one whose query a redirect put after the anchor.
func TestParagraphPermalink(t *testing.T) {
	for _, c := range [][2]string{
		{"/fr/a-76-564/par/26/", "/fr/a-76-564/ii-f-1/#par-26"},
		{"/fr/a-76-564/par/26/?utm_source=mail", "/fr/a-76-564/ii-f-1/?utm_source=mail#par-26"},
		{"/fr/a-76-564/ii-f-1/#par-26?utm_source=mail", "/fr/a-76-564/ii-f-1/#par-26?utm_source=mail"},
		// an anchor on the wrong page (a link shortened by hand): the page that holds it
		{"/fr/a-76-564/#par-26", "/fr/a-76-564/ii-f-1/#par-26"},
	} {
		t.Run(c[0], func(t *testing.T) { landsOnParagraph26(t, c[0], c[1]) })
	}
}

func landsOnParagraph26(t *testing.T, from, at string) {
	ctx, cancel := tab(t)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(baseURL+from)); err != nil {
		t.Fatal(err)
	}
	waitLocation(t, ctx, baseURL+at)
	type state struct {
		Marked  bool    `json:"marked"`
		Top     float64 `json:"top"`
		Bottom  float64 `json:"bottom"`
		Height  float64 `json:"height"`
		ScrollY float64 `json:"scrollY"`
	}
	s, err := chromedp.Run(ctx, chromedp.Poll[state](`(() => {
		const el = document.getElementById("par-26");
		const r = el.getBoundingClientRect();
		if (!el.classList.contains("target")) return null;
		return {marked: true, top: r.top, bottom: r.bottom, height: innerHeight, scrollY: scrollY};
	})()`, chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(5*time.Second)))
	if err != nil {
		t.Fatalf("paragraph 26 not marked with class \"target\": %v", err)
	}
	if s.Top < -2 || s.Top >= s.Height || s.ScrollY == 0 { // -2: scrollIntoView rounds
		t.Errorf("paragraph 26 not in the viewport: top %v, bottom %v, viewport height %v, scrollY %v", s.Top, s.Bottom, s.Height, s.ScrollY)
	}
}

// TestAnchorOnTheWrongPage: a report's anchor on a page that does not
// hold it (the report home, a link shortened by hand) leads to the page
// that does: a table, an expected accomplishment's output; a page that is
// not a report's stays (the glossary has no paragraph 26).
func TestAnchorOnTheWrongPage(t *testing.T) {
	landsAt(t, [][2]string{
		{"/en/a-76-564/#table-iii-a", "/en/a-76-564/tables/iii-a/#table-iii-a"},
		{"/en/a-76-564/#ea-2-1-o4", "/en/a-76-564/ii-f-2/#ea-2-1-o4"},
	})
	stays(t, "/en/glossary/#par-26", "anchor", "/en/glossary/")
}

// TestAddressMeantNotFound: an address typed from the symbol in capitals,
// or shortened by hand without its language, leads from the page not
// found to the page meant, with its anchor; one the portal does not have
// stays on the page not found.
func TestAddressMeantNotFound(t *testing.T) {
	landsAt(t, [][2]string{
		{"/fr/A-76-564/", "/fr/a-76-564/"},
		{"/a-76-564/par/26/", "/en/a-76-564/ii-f-1/#par-26"}, // the browser's language first (Chromium's: English)
		{"/a-76-564/tables/iii-a/#iii-a-r2", "/en/a-76-564/tables/iii-a/#iii-a-r2"},
	})
	stays(t, "/fr/a-76-564/nulle-part/", "notfound", "/fr/a-76-564/nulle-part/")
}

// landsAt opens each case's first address in a tab and waits to be at its
// second.
func landsAt(t *testing.T, cases [][2]string) {
	t.Helper()
	for _, c := range cases {
		t.Run(c[0], func(t *testing.T) {
			ctx, cancel := tab(t)
			defer cancel()
			if err := chromedp.Do(ctx, chromedp.Navigate(baseURL+c[0])); err != nil {
				t.Fatal(err)
			}
			waitLocation(t, ctx, baseURL+c[1])
		})
	}
}

// stays opens from and checks that the page's script, once it says it
// stays (the document's data-<marker> "stays"), left the reader at path.
func stays(t *testing.T, from, marker, path string) {
	t.Helper()
	ctx, cancel := tab(t)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(baseURL+from)); err != nil {
		t.Fatal(err)
	}
	u, err := chromedp.Run(ctx, chromedp.Poll[string](`document.documentElement.dataset.`+marker+` === "stays" ? location.pathname : null`,
		chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(5*time.Second)))
	if err != nil || u != path {
		t.Errorf("%s: at %q (%v), want to stay at %s", from, u, err, path)
	}
}

// TestLanguageSwitchKeepsPlace: the language switch on
// /fr/a-76-564/iii/#par-52 leads to /en/a-76-564/iii/#par-52.
func TestLanguageSwitchKeepsPlace(t *testing.T) {
	ctx, cancel := tab(t)
	defer cancel()
	err := chromedp.Do(ctx,
		chromedp.Navigate(baseURL+"/fr/a-76-564/iii/#par-52"),
		chromedp.Click(chromedp.CSS(`a.lang-switch[hreflang="en"]`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	waitLocation(t, ctx, baseURL+"/en/a-76-564/iii/#par-52")
}

// waitLocation waits until the tab's document is want and loaded, and
// fails the test if it does not get there within 5 seconds.
func waitLocation(t *testing.T, ctx context.Context, want string) {
	t.Helper()
	var loc string
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		l, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[location.href, document.readyState]`))
		if err != nil || len(l) != 2 {
			continue // navigating
		}
		loc = l[0]
		if loc == want && l[1] == "complete" {
			return
		}
	}
	t.Fatalf("at %s, want %s", loc, want)
}

// tab opens a new tab of the browser with a time limit.
func tab(t *testing.T) (context.Context, context.CancelFunc) {
	t.Helper()
	tctx, tcancel := chromedp.NewContext(needBrowser(t))
	// Open the tab before the time limit applies to it.
	if err := chromedp.Do(tctx); err != nil {
		tcancel()
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(tctx, 30*time.Second)
	return ctx, func() { cancel(); tcancel() }
}

// TestNoSidewaysScrollOnAPhone: on a phone's screen (390 CSS pixels
// wide), no page of pageTypes is wider than the screen: a wide table
// scrolls inside its own frame, not the whole page.
func TestNoSidewaysScrollOnAPhone(t *testing.T) {
	ctx, cancel := tab(t)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844)); err != nil {
		t.Fatal(err)
	}
	for _, p := range pageTypes {
		var width int
		err := chromedp.Do(ctx, chromedp.Navigate(baseURL+p.path))
		if err == nil {
			width, err = chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
		}
		if err != nil {
			t.Errorf("%s: %v", p.name, err)
			continue
		}
		if width > 390 {
			t.Errorf("%s (%s) is %d pixels wide on a 390-pixel screen", p.name, p.path, width)
		}
	}
}

// TestSearchAsYouType: typing in the header's search box lists results
// from the search function, each a link to its anchor, matches marked.
func TestSearchAsYouType(t *testing.T) {
	ctx, cancel := tab(t)
	defer cancel()
	err := chromedp.Do(ctx,
		chromedp.Navigate(baseURL+"/fr/a-76-564/"),
		chromedp.SendKeys(chromedp.CSS(`#q`), "rations"),
	)
	if err != nil {
		t.Fatal(err)
	}
	type live struct {
		Count int    `json:"count"`
		Href  string `json:"href"`
		Mark  string `json:"mark"`
	}
	got, err := chromedp.Run(ctx, chromedp.Poll[live](`(() => {
		const items = document.querySelectorAll(".search-live li");
		if (items.length === 0) return null;
		const m = items[0].querySelector("mark");
		return {count: items.length, href: items[0].querySelector("a").getAttribute("href"), mark: m ? m.textContent : ""};
	})()`, chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(5*time.Second)))
	if err != nil {
		t.Fatalf("no live results for \"rations\": %v", err)
	}
	if !strings.Contains(got.Href, "/fr/a-76-564/") || !strings.Contains(got.Href, "#") || !strings.EqualFold(got.Mark, "rations") {
		t.Errorf("first live result %+v", got)
	}
	// the panel says how many, to the eye and to a screen reader
	said, err := chromedp.Run(ctx, chromedp.Poll[[]string](`(() => {
		const said = document.getElementById("live-status")?.textContent ?? "";
		return said ? [document.querySelector(".search-live > p").textContent, said] : null;
	})()`, chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(5*time.Second)))
	if err != nil || len(said) != 2 || !strings.HasSuffix(said[0], "résultat(s)") || said[1] != said[0] {
		t.Errorf("live results' count: shown and said %q (%v)", said, err)
	}
	// ArrowDown makes the first result the active option, the focus
	// staying in the box (a combobox: TestLiveSearchIsACombobox); Escape
	// closes the panel, keeping the query
	err = chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowDown))
	active, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[document.activeElement.id, document.getElementById(document.getElementById("q").getAttribute("aria-activedescendant"))?.getAttribute("href") ?? ""]`))
	if err != nil || len(active) != 2 || active[0] != "q" || active[1] != got.Href {
		t.Errorf("ArrowDown: focus on %q, active option %q, want focus on q, the first result %q (%v)", active[0], active[1], got.Href, err)
	}
	err = chromedp.Do(ctx, chromedp.KeyEvent(kb.Escape))
	state, _ := chromedp.Run(ctx, chromedp.Evaluate[[]any](`[document.querySelector(".search-live").hidden, document.activeElement.id, document.getElementById("q").value]`))
	if err != nil || len(state) != 3 || state[0] != true || state[1] != "q" || state[2] != "rations" {
		t.Errorf("Escape: panel hidden, focus, query = %v, want true, q, rations (%v)", state, err)
	}
	// a query the function refuses replaces the results with its reason
	err = chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`document.getElementById("q").value = ""`), chromedp.SendKeys(chromedp.CSS(`#q`), "de la"))
	if err != nil {
		t.Fatal(err)
	}
	refused, err := chromedp.Run(ctx, chromedp.Poll[[]any](`(() => {
		const p = document.querySelector(".search-live");
		return p.hidden || p.querySelector("p").textContent.includes("résultat") ? null : [p.querySelectorAll("li").length, p.querySelector("p").textContent];
	})()`, chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(5*time.Second)))
	if err != nil || len(refused) != 2 || refused[0] != float64(0) || refused[1] == "" {
		t.Errorf("refused query: %v (%v), want no results and the reason", refused, err)
	}
}

// TestSortableTable: on a table of items ending with its total (III.D),
// the "Montant" heading sorts the items by their numbers, ascending then
// descending, and the total stays below them.
func TestSortableTable(t *testing.T) {
	ctx, cancel := tab(t)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(baseURL+"/fr/a-76-564/tables/iii-d/")); err != nil {
		t.Fatal(err)
	}
	order := func() []float64 {
		t.Helper()
		vals, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`(() => {
			const heads = Array.from(document.querySelectorAll("table.sortable thead th"));
			const k = heads.findIndex((h) => h.textContent.trim().startsWith("Montant"));
			return Array.from(document.querySelectorAll("table.sortable tbody tr"))
				.map((tr) => tr.cells[k + 1].dataset.value).filter((v) => v !== undefined).map(Number);
		})()`))
		if err != nil {
			t.Fatal(err)
		}
		return vals
	}
	click := chromedp.Evaluate[chromedp.Void](`Array.from(document.querySelectorAll("table.sortable thead th button.sort")).find((b) => b.textContent.trim().startsWith("Montant")).click()`)
	last := chromedp.Evaluate[string](`Array.from(document.querySelectorAll("table.sortable tr")).pop().textContent`)
	for _, asc := range []bool{true, false} {
		if err := chromedp.Do(ctx, click); err != nil {
			t.Fatal(err)
		}
		v := order()
		if len(v) < 3 {
			t.Fatalf("%d numbers in the Montant column", len(v))
		}
		for i := 1; i < len(v); i++ {
			if (asc && v[i] < v[i-1]) || (!asc && v[i] > v[i-1]) {
				t.Fatalf("not sorted (ascending %v) at row %d: %v", asc, i, v)
			}
		}
		if row, err := chromedp.Run(ctx, last); err != nil || !strings.HasPrefix(row, "Total") || !strings.Contains(row, "48\u00a0772,5") && !strings.Contains(row, "48\u202f772,5") {
			t.Fatalf("last row after sorting (ascending %v): %q, %v; want the total, 48 772,5", asc, row, err)
		}
	}
}

// TestCopiedCitationReadsAsShown: clicking a citation link copies the
// citation as the page shows it, then its URL ("A/76/564, par. 26 —
// http://…/fr/a-76-564/par/26/"), on each kind of page that has them. The
// clipboard is replaced by a recorder: a headless browser has none.
func TestCopiedCitationReadsAsShown(t *testing.T) {
	ctx, cancel := tab(t)
	defer cancel()
	for _, p := range []string{"/fr/a-76-564/", "/en/a-76-564/", "/fr/a-76-564/i/", "/en/a-76-564/ii-f-2/", "/fr/a-76-564/tables/summary-financial/", "/fr/a-76-564/tables/ea-2-1-outputs/"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(baseURL+p)); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[][2]string](`(() => {
				navigator.clipboard.writeText = (text) => { window.__copied = text; return Promise.resolve(); };
				return Array.from(document.querySelectorAll("a.permalink")).map((a) => {
					window.__copied = null;
					a.click();
					return [a.textContent.trim() + " — " + a.href, window.__copied];
				});
			})()`))
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if len(got) == 0 {
			t.Errorf("%s: no citation link", p)
		}
		for _, g := range got {
			if g[0] != g[1] {
				t.Errorf("%s: clicking %q copies %q", p, g[0], g[1])
				break
			}
		}
		// the reader is told: next to the link, and by the status region
		told, err := chromedp.Run(ctx, chromedp.Poll[[]string](`(() => {
			const a = document.querySelector("a.permalink[data-copied]");
			const said = document.getElementById("live-status")?.textContent ?? "";
			return a && said ? [a.dataset.copied, said, a.title] : null;
		})()`, chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(5*time.Second)))
		want := map[bool]string{true: "citation et lien copiés", false: "citation and link copied"}[strings.HasPrefix(p, "/fr/")]
		if err != nil || told[0] != want || !strings.HasSuffix(told[1], want) || told[2] == "" {
			t.Errorf("%s: after a copy, shown, said and hinted %q (%v), want %q", p, told, err, want)
		}
	}
}

// TestCitationsOnTheirOwnLine: a paragraph's citation ("A/76/564,
// par. 32") is a line of its own under the paragraph, on screen and on
// paper, where the delegate reads it (it was glued to the paragraph's last
// word on screen, and hidden in print with every other citation).
func TestCitationsOnTheirOwnLine(t *testing.T) {
	ctx, cancel := tab(t)
	defer cancel()
	for _, media := range []string{"screen", "print"} {
		if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: media}); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(ctx, chromedp.Navigate(baseURL+"/fr/a-76-564/ii-f-2/")); err != nil {
			t.Fatal(err)
		}
		bad, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("p.cite")).filter((p) => {
			const prev = p.previousElementSibling;
			const below = !prev || p.getBoundingClientRect().top >= prev.getBoundingClientRect().bottom - 1;
			return getComputedStyle(p).display !== "block" || !below || p.getBoundingClientRect().height === 0;
		}).map((p) => p.textContent)`))
		if err != nil {
			t.Fatal(err)
		}
		if len(bad) > 0 {
			t.Errorf("%s: %d citations not on a line of their own, e.g. %q", media, len(bad), bad[0])
		}
	}
}

// TestWideTablesReachableByKeyboard: a table wider than the screen is a
// tab stop (its figure scrolls by keyboard), the same table on a screen
// it fits is not (one tab stop less per table for a keyboard user).
func TestWideTablesReachableByKeyboard(t *testing.T) {
	ctx, cancel := tab(t)
	defer cancel()
	stops := func(width int64) map[string]int {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 800), chromedp.Navigate(baseURL+"/fr/a-76-564/tables/iii-a/")); err != nil {
			t.Fatal(err)
		}
		got, err := chromedp.Run(ctx, chromedp.Poll[map[string]int](`(() => {
			const f = document.querySelector("figure.table");
			return f ? {tab: f.tabIndex, over: f.scrollWidth > f.clientWidth + 1 ? 1 : 0} : null;
		})()`, chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(5*time.Second)))
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	if s := stops(1280); s["over"] != 0 || s["tab"] != -1 {
		t.Errorf("III.A at 1280 px: %v, want a table that fits and no tab stop", s)
	}
	if s := stops(390); s["over"] != 1 || s["tab"] != 0 {
		t.Errorf("III.A at 390 px: %v, want a wide table and a tab stop", s)
	}
}

// TestReadableOnAPhone: what a reader on a 360-pixel phone measured
// (audit, session 19): the report's title within the first screen, one
// drawing per chart, its labels of at least 10 pixels (they were 4.5; a
// narrow drawing, labels above the bars), a wide table's caption
// within the screen and its row labels kept in view when the table is
// scrolled sideways, the results frameworks' texts across the screen
// (they were squeezed in half of it), and a search box of 16 pixels
// (Safari on iOS zooms the page into a smaller one).
func TestReadableOnAPhone(t *testing.T) {
	ctx, cancel := tab(t)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(360, 780)); err != nil {
		t.Fatal(err)
	}
	measure := func(path, js string) map[string]float64 {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Navigate(baseURL+path)); err != nil {
			t.Fatal(err)
		}
		m, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]float64](js))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		return m
	}
	home := measure("/fr/a-76-564/", `(() => {
		const px = (e) => e.getBoundingClientRect();
		let least = 99, shown = 0;
		for (const svg of document.querySelectorAll("figure.chart svg")) {
			if (px(svg).width === 0) continue; // the other drawing of the chart
			shown++;
			const scale = px(svg).width / svg.viewBox.baseVal.width;
			for (const tx of svg.querySelectorAll("text")) least = Math.min(least, parseFloat(getComputedStyle(tx).fontSize) * scale);
		}
		if (shown !== document.querySelectorAll("figure.chart").length) least = -shown; // one drawing per chart
		return {h1Bottom: px(document.querySelector("h1")).bottom, chartText: least,
			input: parseFloat(getComputedStyle(document.querySelector("form.search input[type=search]")).fontSize)};
	})()`)
	if home["h1Bottom"] > 780 || home["chartText"] < 10 || home["input"] < 16 {
		t.Errorf("report home at 360 px: title ends at %.0f px (screen 780), least chart text %.1f px (want ≥ 10), search box text %.0f px (want ≥ 16)", home["h1Bottom"], home["chartText"], home["input"])
	}
	table := measure("/fr/a-76-564/tables/iii-a/", `(() => {
		const fig = document.querySelector("figure.table"), cap = fig.querySelector("caption"), th = fig.querySelector("tbody th[scope=row]");
		fig.scrollLeft = 200;
		const f = fig.getBoundingClientRect();
		return {figRight: f.right, figLeft: f.left, capRight: cap.getBoundingClientRect().right, thLeft: th.getBoundingClientRect().left, scrolled: fig.scrollLeft};
	})()`)
	if table["scrolled"] == 0 || table["capRight"] > table["figRight"]+1 || table["thLeft"] < table["figLeft"]-1 {
		t.Errorf("III.A at 360 px, scrolled %.0f px: caption ends at %.0f px in a frame ending at %.0f; row label at %.0f px, frame from %.0f", table["scrolled"], table["capRight"], table["figRight"], table["thLeft"], table["figLeft"])
	}
	ea := measure("/fr/a-76-564/ii-f-1/", `(() => ({dd: document.querySelector(".ea dl dd").getBoundingClientRect().width, main: document.querySelector("main").clientWidth}))()`)
	if ea["dd"] < 0.75*ea["main"] {
		t.Errorf("II.F.1 at 360 px: an indicator's text is %.0f px wide in a page of %.0f", ea["dd"], ea["main"])
	}
}

// TestAccessibilityOnAPhone: axe-core finds no serious or critical
// violation where a phone's screen shows other things than a desktop's:
// the charts' narrow drawings, sticky captions and row labels, results
// frameworks in one column.
func TestAccessibilityOnAPhone(t *testing.T) {
	axe, err := os.ReadFile(axePath)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := tab(t)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(360, 780)); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/fr/a-76-564/", "/en/a-76-564/", "/fr/a-76-564/tables/iii-a/", "/en/a-76-564/ii-f-1/"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(baseURL+p)); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](string(axe))); err != nil {
			t.Fatal(err)
		}
		vs, err := chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](`axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations)`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range vs {
			if a.Impact == "serious" || a.Impact == "critical" {
				t.Errorf("%s at 360 px: %s [%s] %s (%d nodes)", p, a.ID, a.Impact, a.Help, len(a.Nodes))
			}
		}
	}
}
