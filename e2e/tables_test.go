package e2e

import (
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"pkportal/ingest"
	"pkportal/report"
)

// captionRE finds a table's caption on a page.
var captionRE = regexp.MustCompile(`(?s)<figure class="table" id="table-([a-z0-9-]+)"[^>]*>\s*<table[^>]*>\s*<caption[^>]*>(.*?)</caption>\s*<thead>(.*?)</thead>`)

// TestTableCaptionsAsPrinted: a report table's caption carries the line the
// report prints under its title (the unit and, for the summary's table and
// III.A, the budget period) on the pages in the report's language, the
// unit in the reader's words on the others; the row of column numbers
// under III.A's headings ("(3) = (1) – (2)") is under each heading.
func TestTableCaptionsAsPrinted(t *testing.T) {
	r, err := ingest.ParseFile("../sources/A-76-564.fr.txt")
	if err != nil {
		t.Fatal(err)
	}
	unitWords := map[string]string{"fr": "(En milliers de dollars des États-Unis)", "en": "(Thousands of United States dollars)"}
	periods, refs := 0, 0
	for _, tb := range r.Tables {
		for _, lang := range []string{"fr", "en"} {
			name := filepath.Join(public, lang, r.Slug, "tables", tb.ID, "index.html")
			b, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			m := captionRE.FindStringSubmatch(string(b))
			if m == nil || m[1] != tb.ID {
				t.Errorf("%s: no caption of table %s", name, tb.ID)
				continue
			}
			caption, head := html.UnescapeString(m[2]), html.UnescapeString(m[3])
			want := ""
			switch {
			case tb.UnitLine != "" && lang == r.Language:
				want = "(" + tb.UnitLine + ")"
				if strings.Contains(tb.UnitLine, "2020") {
					periods++
				}
			case tb.Unit != "":
				want = unitWords[lang]
			}
			if want != "" && !strings.Contains(caption, want) {
				t.Errorf("%s: caption %q, want it to hold %q", name, caption, want)
			}
			for _, c := range tb.Columns {
				if c.Ref == "" {
					continue
				}
				refs++
				// on an English page, the printed heading comes under the
				// data contract's English title
				printed := c.Label
				if lang != r.Language {
					printed = `<span lang="en">` + report.FieldTitles[c.Key][1] + `</span><br><small class="printed">` + c.Label + "</small>"
				}
				if !strings.Contains(head, printed+`<br><small class="ref">`+c.Ref+"</small>") {
					t.Errorf("%s: heading %q without its reference %q: %s", name, c.Label, c.Ref, head)
				}
			}
		}
	}
	// summary-financial and iii-a state the period; iii-a's four columns, in two languages
	if periods != 2 || refs != 8 {
		t.Errorf("checked %d captions with the period and %d column references, want 2 and 8", periods, refs)
	}
}

// danglingSep is a link separator with no link after it.
var danglingSep = regexp.MustCompile(`·\s*(<p[ >]|</figcaption>|</td>|</li>)`)

// TestNoDanglingSeparator: a table's download links are separated by "·",
// with none after the last (the citation under them is a paragraph of its
// own: "CSV · JSON · CSV for Excel ·" printed a stray dot).
func TestNoDanglingSeparator(t *testing.T) {
	pages := 0
	err := filepath.WalkDir(public, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".html") {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		pages++
		if m := danglingSep.Find(b); m != nil {
			t.Errorf("%s: a separator with nothing after it: %q", strings.TrimPrefix(path, public), m)
		}
		return nil
	})
	if err != nil || pages < 100 {
		t.Fatalf("%d pages read: %v", pages, err)
	}
}

// TestEnglishNamesOfTables: on the English UI of a French report, a
// standard table's page and the table index give its English name (the
// data contract's) under the title the report prints; the French UI does
// not.
func TestEnglishNamesOfTables(t *testing.T) {
	read := func(p string) string {
		b, err := os.ReadFile(filepath.Join(public, p))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	en := read("en/a-76-564/tables/iii-a/index.html")
	if !strings.Contains(en, `<h1 lang="fr">A/76/564 — Ressources financières</h1>`+"\n"+`<p class="gloss">III.A Financial resources</p>`) {
		t.Errorf("English III.A page: no English name under its title")
	}
	// and a class of expenditure's English name under the printed one
	if !strings.Contains(en, `Voyages officiels<br><small class="printed" lang="en">Official travel</small>`) {
		t.Errorf("English III.A page: no English name under Voyages officiels")
	}
	// every row of the standard tables: classes of expenditure, categories
	// of personnel (the national staff's "Administrateurs" by their group),
	// III.D's lines, III.E's mission factors, III.F's contributions
	rowHeader := regexp.MustCompile(`<th scope="row"[^>]*>(.*?)</th>`)
	for _, id := range []string{"summary-financial", "summary-hr", "iii-a", "iii-b", "iii-d", "iii-e", "iii-e-factors", "iii-f"} {
		page := read("en/a-76-564/tables/" + id + "/index.html")
		rows := rowHeader.FindAllStringSubmatch(page, -1)
		if len(rows) < 3 {
			t.Errorf("English %s page: %d row headers", id, len(rows))
		}
		for _, m := range rows {
			if !strings.HasPrefix(m[1], "Total") && !strings.Contains(m[1], `<small class="printed" lang="en">`) {
				t.Errorf("English %s page: row %q has no English name", id, m[1])
			}
		}
	}
	// the charts of the English home: their description heard in English,
	// their data in the report's words with the English name under them
	home := read("en/a-76-564/index.html")
	if !strings.Contains(home, "Largest underexpenditure: Air operations, +47,451.5.") ||
		!strings.Contains(home, `id="chart-variance-r3"><th scope="row" class="indent" lang="fr">Contingents<br><small class="printed" lang="en">Military contingents</small>`) {
		t.Errorf("English home: the variance chart's description or data without the classes' English names")
	}
	if !strings.Contains(read("en/a-76-564/tables/summary-hr/index.html"), `Administrateurs<br><small class="printed" lang="en">National Professional Officers</small>`) {
		t.Errorf("English summary-hr page: the national staff's Administrateurs not named National Professional Officers")
	}
	if idx := read("en/a-76-564/tables/index.html"); !strings.Contains(idx, `<br><span class="gloss">IV. Analysis of variances</span>`) ||
		!strings.Contains(idx, `<br><span class="gloss">Expected accomplishment 1.1: planned and completed outputs</span>`) {
		t.Errorf("English table index: no English names")
	}
	if fr := read("fr/a-76-564/tables/iii-a/index.html") + read("fr/a-76-564/tables/index.html"); strings.Contains(fr, `class="gloss"`) || strings.Contains(fr, `Official travel`) {
		t.Errorf("French pages carry English names")
	}
}

// TestEnglishNamesOfSections: an English page of a French report names
// its standard section in English in its head (a <title> cannot mark
// French words as French: a screen reader read "Activités d’appui de la
// mission" with an English voice; link previews show it) and under the
// printed heading; a French page keeps the report's heading.
func TestEnglishNamesOfSections(t *testing.T) {
	for p, want := range map[string][2]string{
		"en/a-76-564/ii-c/index.html":   {"<title>A/76/564 — II.C Mission support initiatives · ", `<p class="gloss" lang="en">II.C Mission support initiatives</p>`},
		"en/a-76-564/ii-f-2/index.html": {"<title>A/76/564 — Component 2 · ", `<p class="gloss" lang="en">Component 2</p>`},
		"en/a-76-564/tables/ea-2-1-indicators/index.html": {"<title>A/76/564 — Expected accomplishment 2.1: planned and actual indicators of achievement · ",
			`<p class="gloss">Expected accomplishment 2.1: planned and actual indicators of achievement</p>`},
		"fr/a-76-564/ii-c/index.html": {"<title>A/76/564 — II.C. Activités d’appui de la mission · ", ""},
	} {
		b, err := os.ReadFile(filepath.Join(public, p))
		if err != nil {
			t.Fatal(err)
		}
		s := string(b)
		if !strings.Contains(s, want[0]) || want[1] != "" && !strings.Contains(s, want[1]) || want[1] == "" && strings.Contains(s, `class="gloss"`) {
			t.Errorf("%s: want %q and %q", p, want[0], want[1])
		}
	}
}

// TestEnglishContentsOfAFrenchReport: the English report home's table of
// contents gives each standard section's English heading after the
// report's own (marked English in a French list), none where they read
// the same; the French home gives none.
func TestEnglishContentsOfAFrenchReport(t *testing.T) {
	en, err := os.ReadFile(filepath.Join(public, "en", "a-76-564", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	fr, err := os.ReadFile(filepath.Join(public, "fr", "a-76-564", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`juin 2021</h1>` + "\n" + `  <p class="gloss">Budget performance report: MINUSMA, period 2020/21</p>`, // the French title's English gist
		`<a href="/en/a-76-564/ii-c/">II.C. Activités d’appui de la mission</a> <span class="gloss" lang="en">Mission support initiatives</span>`,
		`<span>II. Exécution du mandat</span> <span class="gloss" lang="en">Mandate performance</span>`,
		`<a href="/en/a-76-564/iv/">IV. Analyse des écarts</a> <span class="gloss" lang="en">Analysis of variances</span>`,
	} {
		if !strings.Contains(string(en), want) {
			t.Errorf("English report home: no %s", want)
		}
	}
	if strings.Contains(string(en), `Introduction</a> <span class="gloss"`) || strings.Contains(string(fr), `class="gloss"`) {
		t.Error("a gloss that repeats the heading, or on the French home")
	}
}

// TestVarianceFiguresNamed: the two figures beside each heading of
// section IV are named for every reader, not only for screen readers
// (they read "5 379,3 1,2 %" with nothing to say what they were).
func TestVarianceFiguresNamed(t *testing.T) {
	for p, want := range map[string]string{
		"fr/a-76-564/iv/index.html": "<span>Contingents</span> <span class=\"num\"><span class=\"lbl\">Écart : </span>5\u202f379,3</span>",
		"en/a-76-564/iv/index.html": `<span>Contingents<br><small class="printed" lang="en">Military contingents</small></span> <span class="num"><span class="lbl" lang="en">Variance: </span>5,379.3</span>`,
	} {
		b, err := os.ReadFile(filepath.Join(public, p))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), want) {
			t.Errorf("%s: no %s", p, want)
		}
	}
}

// TestEnglishPagesSayTheTextIsFrench: an English page of a French report
// says, in English, that the report's text is shown in French, and links
// the United Nations' official English version; the French pages do not.
func TestEnglishPagesSayTheTextIsFrench(t *testing.T) {
	note := `The report’s text is shown in French, the language of the version this portal reads. <a href="https://undocs.org/en/A/76/564" hreflang="en">Official English version (undocs.org)</a>`
	for _, p := range []string{"en/a-76-564/index.html", "en/a-76-564/iii/index.html", "en/a-76-564/ii-f-2/index.html", "en/a-76-564/iv/index.html",
		"en/a-76-564/tables/iii-a/index.html", "en/a-76-564/tables/ea-2-1-outputs/index.html", "en/a-76-564/tables/index.html"} {
		b, err := os.ReadFile(filepath.Join(public, p))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), note) {
			t.Errorf("%s: no note that the text is French with the official English version", p)
		}
	}
	for _, p := range []string{"fr/a-76-564/index.html", "fr/a-76-564/iii/index.html", "fr/a-76-564/tables/iii-a/index.html"} {
		b, err := os.ReadFile(filepath.Join(public, p))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(b), `class="langnote"`) {
			t.Errorf("%s: a French page says the text is French", p)
		}
	}
}

// TestResultsComparedWithThePlan: where the report says a result was lower
// or higher than planned, the output or indicator says so, in the page's
// words, and its dataset carries it; the output chart counts the completed
// outputs the report says fell short apart from the others.
func TestResultsComparedWithThePlan(t *testing.T) {
	read := func(p string) string {
		b, err := os.ReadFile(filepath.Join(public, p))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	page := read("en/a-76-564/ii-f-2/index.html")
	o11 := page[strings.Index(page, `<li id="ea-2-1-o11">`):]
	o11 = o11[:strings.Index(o11, "</li>")]
	if !strings.Contains(o11, `774 Jours de patrouilles mixtes`) || !strings.Contains(o11, `<span class="versus versus-below"><span lang="en">Lower than planned, as the report says</span></span>`) {
		t.Errorf("output 2.1.11 (774 of 5,500 patrol days, \"inférieur aux prévisions\"): %.600s", o11)
	}
	if fr := read("fr/a-76-564/ii-f-2/index.html"); !strings.Contains(fr, `id="ea-2-1-i2"`) || !strings.Contains(fr[strings.Index(fr, `id="ea-2-1-i2"`):], `versus-above">Supérieur aux prévisions, selon le rapport</span>`) {
		t.Errorf("indicator 2.1.2 (913 civilians killed, \"plus élevé que prévu\"): no comparison with the plan")
	}
	if csv := read("data/a-76-564/ea-2-1-outputs.csv"); !strings.Contains(strings.SplitN(csv, "\n", 2)[0], ",versus_plan") || !strings.Contains(csv, ",below\n") {
		t.Errorf("ea-2-1-outputs.csv: no versus_plan field with \"below\"")
	}
	if home := read("en/a-76-564/index.html"); !strings.Contains(home, "198 completed (42 of them lower than planned, as the report says), 4 partly completed, 15 not completed") {
		t.Errorf("English home: the output chart does not count the completed outputs lower than planned apart")
	}
}

// TestVariancesSayTheirDirection: section IV names each variance's
// direction in words beside its figures, and says once what the figures
// are, in the page's language.
func TestVariancesSayTheirDirection(t *testing.T) {
	for page, want := range map[string][]string{
		"fr/a-76-564/iv/index.html": {"<span class=\"num\">39,0\u202f%</span> <span class=\"dir\">sous-utilisation des crédits</span></h2>", "un écart positif est une sous-utilisation des crédits"},
		"en/a-76-564/iv/index.html": {`<span class="dir" lang="en">overexpenditure</span></h2>`, "a positive variance is an underexpenditure"},
	} {
		b, err := os.ReadFile(filepath.Join(public, page))
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range want {
			if !strings.Contains(html.UnescapeString(string(b)), w) {
				t.Errorf("%s: %q not found", page, w)
			}
		}
	}
}

// TestReportHomeAtAGlance: the report home answers "did they deliver what
// they promised?" near its top, in counts that add up to the outputs and
// indicators the report holds, each with a link to where it comes from.
func TestReportHomeAtAGlance(t *testing.T) {
	r, err := ingest.ParseFile(filepath.Join("..", "sources", "A-76-564.fr.txt"))
	if err != nil {
		t.Fatal(err)
	}
	outputs, indicators := 0, 0
	for _, c := range r.Components {
		for _, ea := range c.Accomplishments {
			outputs += len(ea.Outputs)
			indicators += len(ea.Indicators)
		}
	}
	b, err := os.ReadFile(filepath.Join(public, "en/a-76-564/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	home := string(b)
	glance, toc := strings.Index(home, `<h2 id="glance">At a glance</h2>`), strings.Index(home, `id="toc"`)
	if glance < 0 || toc < glance {
		t.Fatalf("English report home: no \"At a glance\" before the contents")
	}
	part := home[glance:toc]
	for _, want := range []string{
		"Outputs: of " + strconv.Itoa(outputs) + " planned, 198 completed (42 of them lower than planned, as the report says), 4 partly completed, 15 not completed.",
		"Indicators of achievement: of " + strconv.Itoa(indicators) + ", 34 achieved, 6 not achieved, 1 partly achieved, 57 not classified by the portal",
		`<a href="#chart-output-delivery">`, `<a href="#ii-f">`,
	} {
		if !strings.Contains(part, want) {
			t.Errorf("At a glance: %q not found in %s", want, part)
		}
	}
	if outputs != 198+4+15 || indicators != 34+6+1+57 {
		t.Errorf("the counts do not add up to the report's %d outputs and %d indicators", outputs, indicators)
	}
}

// TestComponentPagesListTheirAccomplishments: a long component page opens
// with its expected accomplishments, each a link to where it starts, with
// its numbers of indicators and outputs as the report holds them.
func TestComponentPagesListTheirAccomplishments(t *testing.T) {
	r, err := ingest.ParseFile(filepath.Join("..", "sources", "A-76-564.fr.txt"))
	if err != nil {
		t.Fatal(err)
	}
	lists := 0
	for _, c := range r.Components {
		b, err := os.ReadFile(filepath.Join(public, "en/a-76-564", c.ID, "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		page := string(b)
		lists++
		nav := strings.Index(page, `<h2 id="jump">In this component</h2>`)
		if nav < 0 || nav > strings.Index(page, `id="`+c.Accomplishments[0].ID+`"`) {
			t.Errorf("%s: no list of its accomplishments before the first", c.ID)
			continue
		}
		for _, ea := range c.Accomplishments {
			want := `<a href="#` + ea.ID + `">Expected accomplishment ` + ea.Number + `</a> — indicators: ` + strconv.Itoa(len(ea.Indicators)) + `; outputs: ` + strconv.Itoa(len(ea.Outputs))
			if !strings.Contains(page[nav:], want) {
				t.Errorf("%s: %q not in its list", c.ID, want)
			}
		}
	}
	if lists < 5 {
		t.Errorf("%d component pages list their accomplishments", lists)
	}
}
