package e2e

import (
	"context"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// combobox is the state of the header's live search as the page exposes
// it to assistive technologies (WAI-ARIA 1.2 "combobox with listbox
// popup").
type combobox struct {
	Role         string `json:"role"`
	Expanded     string `json:"expanded"`
	Controls     string `json:"controls"`
	Autocomplete string `json:"autocomplete"`
	Active       string `json:"active"`   // aria-activedescendant, "" when absent
	Focused      bool   `json:"focused"`  // the input is document.activeElement
	Hidden       bool   `json:"hidden"`   // the panel
	ListRole     string `json:"listRole"` // of the element aria-controls names
	ListName     string `json:"listName"`
	// the options, in order
	Options []struct {
		ID       string `json:"id"`
		Href     string `json:"href"` // absolute
		Title    string `json:"title"`
		Snippet  string `json:"snippet"`
		Selected string `json:"selected"` // aria-selected, "" when absent
		Outline  string `json:"outline"`  // computed outline-style
	} `json:"options"`
	// the status line and the "all results" link lie outside the listbox
	StatusInList bool   `json:"statusInList"`
	AllInList    bool   `json:"allInList"`
	Said         string `json:"said"` // the status region's words
}

// comboboxState reads the live search's state; with options true, null
// until options are listed and their count said.
const comboboxState = `((options) => {
	const q = document.getElementById("q");
	const list = document.getElementById(q.getAttribute("aria-controls") || "\u0000");
	const opts = list ? Array.from(list.querySelectorAll("[role=option]")) : [];
	const said = document.getElementById("live-status")?.textContent ?? "";
	if (options && (opts.length === 0 || said === "")) return null;
	const panel = document.querySelector(".search-live");
	const norm = (s) => (s || "").replace(/\s+/g, " ").trim();
	return {
		role: q.getAttribute("role") || "", expanded: q.getAttribute("aria-expanded") || "",
		controls: q.getAttribute("aria-controls") || "", autocomplete: q.getAttribute("aria-autocomplete") || "",
		active: q.getAttribute("aria-activedescendant") || "", focused: document.activeElement === q,
		hidden: panel.hidden, listRole: list ? list.getAttribute("role") || "" : "", listName: list ? list.getAttribute("aria-label") || "" : "",
		options: opts.map((o) => ({
			id: o.id, href: o.href, selected: o.getAttribute("aria-selected") || "", outline: getComputedStyle(o).outlineStyle,
			title: norm(o.querySelector(".title")?.textContent),
			snippet: norm(document.getElementById(o.getAttribute("aria-describedby"))?.textContent),
		})),
		statusInList: !!list && list.contains(panel.querySelector(":scope > p")),
		allInList: !!list && list.contains(panel.querySelector(":scope > a")),
		said: said,
	};
})`

// readCombobox returns the live search's state now.
func readCombobox(t *testing.T, ctx context.Context) combobox {
	t.Helper()
	c, err := chromedp.Run(ctx, chromedp.Evaluate[combobox](comboboxState+`(false)`))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// typeInSearch opens path, types q in the header's search box and waits
// for the listed options and the status region's count.
func typeInSearch(t *testing.T, ctx context.Context, path, q string) combobox {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(baseURL+path), chromedp.SendKeys(chromedp.CSS(`#q`), q)); err != nil {
		t.Fatal(err)
	}
	c, err := chromedp.Run(ctx, chromedp.Poll[combobox](comboboxState+`(true)`, chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(5*time.Second)))
	if err != nil {
		t.Fatalf("%s: no option listed for %q (the live search is no combobox with a listbox?): %v", path, q, err)
	}
	return c
}

// TestLiveSearchIsACombobox: the header's live search follows the
// WAI-ARIA APG "combobox with listbox popup" pattern, in both UI languages:
// the input is a combobox that controls a named listbox of options (each
// named by its title, its snippet as its description), the focus stays
// in the input while ArrowDown and ArrowUp move the active option
// (aria-activedescendant, aria-selected, a visible outline), Enter follows
// the active option's link or, with none active, submits the form;
// Escape and Tab close the listbox. The screen reader's tree says the
// same, and axe-core finds nothing serious with the panel open.
func TestLiveSearchIsACombobox(t *testing.T) {
	for _, c := range []struct{ lang, listName, label string }{
		{"fr", "Résultats de recherche", "Rechercher dans les rapports"},
		{"en", "Search results", "Search the reports"},
	} {
		t.Run(c.lang, func(t *testing.T) {
			ctx, cancel := tab(t)
			defer cancel()
			path := "/" + c.lang + "/a-76-564/"
			s := typeInSearch(t, ctx, path, "rations")
			if s.Role != "combobox" || s.Expanded != "true" || s.Autocomplete != "list" || s.Controls == "" || s.ListRole != "listbox" || s.ListName != c.listName || s.Active != "" || !s.Focused || s.Hidden {
				t.Errorf("results listed: %+v\nwant role combobox, aria-expanded true, aria-autocomplete list, aria-controls a listbox named %q, no active option, focus in the box, panel shown", s, c.listName)
			}
			if len(s.Options) < 3 {
				t.Fatalf("%d options for \"rations\", want 3 or more", len(s.Options))
			}
			ids := map[string]bool{}
			for i, o := range s.Options {
				if o.ID == "" || ids[o.ID] || o.Selected != "" || o.Title == "" || !strings.HasPrefix(o.Href, baseURL+"/") {
					t.Errorf("option %d: %+v: want a unique id, not selected, a title, a link of the site", i, o)
				}
				ids[o.ID] = true
			}
			if s.StatusInList || s.AllInList || !strings.Contains(s.Said, map[string]string{"fr": "résultat(s)", "en": "result(s)"}[c.lang]) {
				t.Errorf("status in the listbox %v, \"all results\" in it %v, status region says %q: want both outside and the count said", s.StatusInList, s.AllInList, s.Said)
			}

			// ArrowDown twice: the second option is active, the focus
			// stays in the box
			if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.ArrowDown)); err != nil {
				t.Fatal(err)
			}
			s = readCombobox(t, ctx)
			second := s.Options[1]
			if s.Active != second.ID || second.Selected != "true" || !s.Focused || s.Expanded != "true" {
				t.Errorf("after ArrowDown twice: aria-activedescendant %q, option 2 %+v, focus in the box %v; want %q selected, focus in the box", s.Active, second, s.Focused, second.ID)
			}
			for i, o := range s.Options {
				if i != 1 && (o.Selected != "" || o.Outline != "none") {
					t.Errorf("option %d %+v not active but selected or outlined", i, o)
				}
			}
			if second.Outline == "none" {
				t.Errorf("the active option has no visible outline")
			}

			// what a screen reader gets: a combobox named by its label, a
			// listbox named in the page's language, options named by
			// their titles alone (the snippet is their description)
			var options []axNode
			combo, list := false, false
			for _, n := range axTree(t, ctx) {
				switch n.role {
				case "combobox":
					combo = combo || n.name == c.label
				case "listbox":
					list = list || n.name == c.listName
				case "option":
					options = append(options, n)
				}
			}
			if !combo || !list {
				t.Errorf("accessibility tree: combobox named %q %v, listbox named %q %v", c.label, combo, c.listName, list)
			}
			if len(options) != len(s.Options) {
				t.Fatalf("accessibility tree: %d options, the page lists %d", len(options), len(s.Options))
			}
			if second.Snippet == "" {
				t.Errorf("option 2 %+v has no snippet (aria-describedby)", second)
			}
			for i, n := range options {
				if o := s.Options[i]; n.name != o.Title || n.description != o.Snippet {
					t.Errorf("option %d said %q, described %q; want its title %q, its snippet %q", i, n.name, n.description, o.Title, o.Snippet)
				}
			}

			// axe-core, with the listbox open and an option active
			axe, err := os.ReadFile(axePath)
			if err != nil {
				t.Fatal(err)
			}
			if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](string(axe))); err != nil {
				t.Fatal(err)
			}
			raw, err := chromedp.Run(ctx, chromedp.Evaluate[[]byte](
				`axe.run(document.querySelector("form.search"), {resultTypes: ["violations"]}).then(r => r.violations)`, chromedp.EvalAwaitPromise))
			if err != nil {
				t.Fatal(err)
			}
			var violations []axeViolation
			if err := json.Unmarshal(raw, &violations); err != nil {
				t.Fatal(err)
			}
			for _, v := range violations {
				if v.Impact == "serious" || v.Impact == "critical" {
					t.Errorf("axe-core, listbox open: %s [%s] %s: %v", v.ID, v.Impact, v.Help, v.Nodes)
				}
			}

			// ArrowUp goes back up, then to the box (no active option),
			// then wraps to the last option
			if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowUp), chromedp.KeyEvent(kb.ArrowUp)); err != nil {
				t.Fatal(err)
			}
			if s = readCombobox(t, ctx); s.Active != "" || s.Options[0].Selected != "" {
				t.Errorf("ArrowUp from the second option twice: active %q, first option selected %q; want none", s.Active, s.Options[0].Selected)
			}
			if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowUp)); err != nil {
				t.Fatal(err)
			}
			if s = readCombobox(t, ctx); s.Active != s.Options[len(s.Options)-1].ID {
				t.Errorf("ArrowUp from the box: active %q, want the last option %q", s.Active, s.Options[len(s.Options)-1].ID)
			}

			// Escape closes, keeping the query and the focus
			if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Escape)); err != nil {
				t.Fatal(err)
			}
			if s = readCombobox(t, ctx); s.Expanded != "false" || !s.Hidden || s.Active != "" || !s.Focused {
				t.Errorf("after Escape: aria-expanded %q, panel hidden %v, active %q, focus in the box %v; want false, true, none, true", s.Expanded, s.Hidden, s.Active, s.Focused)
			}

			if c.lang == "fr" {
				// ArrowDown opens again on the first option, ArrowDown
				// moves to the second, Enter follows its link
				if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowDown)); err != nil {
					t.Fatal(err)
				}
				if s = readCombobox(t, ctx); s.Expanded != "true" || s.Hidden || s.Active != s.Options[0].ID {
					t.Errorf("ArrowDown on the closed box: aria-expanded %q, hidden %v, active %q; want it open on the first option %q", s.Expanded, s.Hidden, s.Active, s.Options[0].ID)
				}
				if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.Enter)); err != nil {
					t.Fatal(err)
				}
				waitLocation(t, ctx, second.Href)
				return
			}
			// Tab leaves the box as usual (to the form's button) and
			// closes the listbox
			typeInSearch(t, ctx, path, "rations")
			if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.Tab)); err != nil {
				t.Fatal(err)
			}
			s = readCombobox(t, ctx)
			on, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.matches("form.search button") ? "button" : document.activeElement.outerHTML.slice(0, 80)`))
			if s.Expanded != "false" || !s.Hidden || s.Active != "" || on != "button" {
				t.Errorf("after Tab: aria-expanded %q, panel hidden %v, active %q, focus on %s; want false, true, none, the search button", s.Expanded, s.Hidden, s.Active, on)
			}
			// Enter with no active option submits the form: the results
			// page, as without JavaScript
			typeInSearch(t, ctx, path, "rations")
			if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
				t.Fatal(err)
			}
			waitLocation(t, ctx, baseURL+"/api/search?lang=en&q=rations")
		})
	}
}

// TestLiveSearchOptionClick: a click on an option follows its link (the
// focus does not leave the box first, which would close the listbox under
// the pointer).
func TestLiveSearchOptionClick(t *testing.T) {
	ctx, cancel := tab(t)
	defer cancel()
	s := typeInSearch(t, ctx, "/fr/a-76-564/", "rations")
	third := s.Options[min(2, len(s.Options)-1)]
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#"+third.ID))); err != nil {
		t.Fatal(err)
	}
	waitLocation(t, ctx, third.Href)
}

// TestLiveSearchMarksFrenchTitles: on the English UI, a result titled by
// the French report's own words (a table's title) says so in its option,
// so that a screen reader reads it in French; an English title is not.
func TestLiveSearchMarksFrenchTitles(t *testing.T) {
	ctx, cancel := tab(t)
	defer cancel()
	typeInSearch(t, ctx, "/en/a-76-564/", "ressources kind:table")
	marked, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("[role=option] .title [lang=fr]")).map((e) => e.textContent)`))
	if err != nil {
		t.Fatal(err)
	}
	// a title, and a citation quoting the title (the summary's tables)
	if !slices.Contains(marked, "Ressources financières") || !slices.Contains(marked, "Exécution du budget : ressources financières") {
		t.Errorf("English live search for tables: French titles marked %q, want Ressources financières and the summary's Exécution du budget : ressources financières among them", marked)
	}
	typeInSearch(t, ctx, "/en/a-76-564/", "drones kind:output")
	marked, err = chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("[role=option] .title [lang]")).map((e) => e.textContent)`))
	if err != nil || len(marked) != 0 {
		t.Errorf("English live search for outputs: %q marked with a language (%v)", marked, err)
	}
}
