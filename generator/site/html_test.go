package site

import (
	"html/template"
	"regexp"
	"strings"
	"testing"

	"pkportal/ingest/finance"
	"pkportal/report"
)

// hostile are texts and URLs that exercise every escaping rule.
var hostile = []string{
	"", "plain", `<script>alert("x")</script>`, `a & b ' c " d + e`, "nul\x00byte",
	"javascript:alert(1)", "JavaScript:x", "mailto:a@b.org", "https://undocs.org/fr/A/76/564?x=1&y=2#p",
	"/fr/glossaire/#taux-d’utilisation", "/a b/%zz/%41", "50 %", "a%2", "{{< shortcode >}}", "invalid \xff utf-8",
	"A/76/564, par. 26", "ſolde", "\u212a", "é",
}

// TestEscapingIsHTMLTemplates: the hand-written bodies escape as
// html/template (and so Hugo) does, in each context they print into.
func TestEscapingIsHTMLTemplates(t *testing.T) {
	contexts := []struct {
		name, tmpl string
		write      func(w *htmlw, s string)
	}{
		{"text", `<p>{{ . }}</p>`, func(w *htmlw, s string) { w.s("<p>"); w.esc(s); w.s("</p>") }},
		{"attribute", `<p id="{{ . }}"></p>`, func(w *htmlw, s string) { w.s(`<p id="`); w.esc(s); w.s(`"></p>`) }},
		{"href", `<a href="{{ . }}"></a>`, func(w *htmlw, s string) { w.s(`<a href="`); w.url(s); w.s(`"></a>`) }},
		{"fragment", `<a href="#{{ . }}"></a>`, func(w *htmlw, s string) { w.s(`<a href="#`); w.frag(s); w.s(`"></a>`) }},
		{"data-citation", `<a data-citation="{{ . }}"></a>`, func(w *htmlw, s string) { w.s(`<a data-citation="`); w.esc(s); w.s(`"></a>`) }},
	}
	for _, c := range contexts {
		tm := template.Must(template.New(c.name).Parse(c.tmpl))
		for _, s := range hostile {
			var want strings.Builder
			if err := tm.Execute(&want, s); err != nil {
				t.Fatal(err)
			}
			w := &htmlw{}
			c.write(w, s)
			if got := w.b.String(); got != want.String() {
				t.Errorf("%s %q: got %s, html/template gives %s", c.name, s, got, want.String())
			}
		}
	}
}

// glossaryRe is what findTerm must find: the regular expression it
// replaced.
var glossaryRe = func() *regexp.Regexp {
	var alts []string
	for _, t := range glossaryTerms {
		alts = append(alts, regexp.QuoteMeta(t.form))
	}
	return regexp.MustCompile(`(?i)\b(` + strings.Join(alts, "|") + `)`)
}()

// checkFindTerm fails if findTerm and glossaryRe disagree on s.
func checkFindTerm(t *testing.T, s string) {
	t.Helper()
	m := glossaryRe.FindStringSubmatchIndex(s)
	i, j, k, ok := findTerm(s)
	switch {
	case m == nil && ok:
		t.Errorf("%q: findTerm finds %q, the regexp nothing", s, s[i:j])
	case m != nil && !ok:
		t.Errorf("%q: the regexp finds %q, findTerm nothing", s, s[m[0]:m[1]])
	case m != nil && (i != m[0] || j != m[1] || !strings.EqualFold(s[i:j], glossaryTerms[k].form)):
		t.Errorf("%q: findTerm finds %q (%s), the regexp %q", s, s[i:j], glossaryTerms[k].id, s[m[0]:m[1]])
	}
}

// TestFindTermIsTheRegexp: findTerm finds what (?i)\b(form|…) finds, on
// every suffix of every text of the real report and on case, boundary
// and folding variants of each term.
func TestFindTermIsTheRegexp(t *testing.T) {
	texts := append([]string{}, hostile...)
	for _, g := range glossaryTerms {
		texts = append(texts, g.form, strings.ToUpper(g.form), "Le "+strings.ToUpper(g.form[:1])+g.form[1:]+" est",
			strings.ReplaceAll(g.form, "s", "ſ"), strings.ReplaceAll(g.form, "n", "N"), strings.ReplaceAll(g.form, "é", "É"),
			"x"+g.form, "_"+g.form, "9"+g.form, "é"+g.form, "l’"+g.form, g.form[:len(g.form)-1], "("+g.form+"s)")
	}
	_, r := realData(t)
	n := 0
	r.Walk(func(s *report.Section) {
		for _, b := range s.Blocks {
			if b.Paragraph != nil {
				texts = append(texts, b.Paragraph.Text)
				n++
			}
		}
	})
	if n < 50 {
		t.Fatalf("%d paragraphs in the real report", n)
	}
	found := 0
	for _, s := range texts {
		for i := range s {
			checkFindTerm(t, s[i:])
		}
		if _, _, _, ok := findTerm(s); ok {
			found++
		}
	}
	if found < 20 {
		t.Errorf("findTerm finds a term in %d texts only", found)
	}
}

// FuzzFindTerm: findTerm and the regexp agree on any text.
func FuzzFindTerm(f *testing.F) {
	for _, g := range glossaryTerms {
		f.Add("Le " + strings.ToUpper(g.form) + " et " + g.form)
	}
	f.Add("ſolde inutiliſé, \u212a")
	f.Fuzz(func(t *testing.T, s string) { checkFindTerm(t, s) })
}

// A percentage is written as the reports print it, the sign inside the
// parentheses of a negative one (section IV's "(21,9 %)").
func TestPercentAsPrinted(t *testing.T) {
	for _, c := range []struct {
		lang string
		d    report.Decimal
		want string
	}{
		{"fr", "-21.9", "(21,9\u202f%)"},
		{"fr", "39.0", "39,0\u202f%"},
		{"en", "-21.9", "(21.9%)"},
		{"en", "", "–"},
	} {
		v := &viewer{lang: c.lang}
		if got := v.percent(c.d); got != c.want {
			t.Errorf("%s %q: %q, want %q", c.lang, c.d, got, c.want)
		}
	}
}

// Every check of ingest/finance that a figure can fail by a rounding has
// words in each UI language, so that its warning reads in the reader's
// language rather than in ingest's English.
func TestEveryCheckHasWords(t *testing.T) {
	for _, c := range finance.Checks {
		for _, lang := range []string{"fr", "en"} {
			if checkWords[c][lang] == "" {
				t.Errorf("check %s has no words in %s", c, lang)
			}
		}
	}
	if len(checkWords) != len(finance.Checks) {
		t.Errorf("%d checks worded, ingest/finance has %d", len(checkWords), len(finance.Checks))
	}
}

// A warning is said in the reader's words, its figures formatted for the
// page; one whose check has no words keeps ingest's English, marked so.
func TestWarningInTheReadersWords(t *testing.T) {
	x := report.Warning{Table: "iii-b", Row: "II. Personnel civil", Column: "revised_distribution", Printed: "206098.8", Expected: "206098.9",
		Check: finance.CheckRevisedCoversIIIA, Message: "the source prints 206098.8, expected 206098.9"}
	v := &viewer{lang: "fr", w: uiWords["fr"]}
	got := v.warning(x)
	want := "II. Personnel civil, Répartition révisée : le rapport imprime 206\u202f098,8, là où le contrôle «\u00a0répartition révisée ≥ dépenses de la catégorie au tableau III.A\u00a0» attend 206\u202f098,9."
	if got.Lang != "" || !strings.HasPrefix(got.Text, want) {
		t.Errorf("fr: %+v\nwant %q…", got, want)
	}
	x.Check = "unknown"
	if got := v.warning(x); got.Lang != "en" || got.Text != x.Message {
		t.Errorf("unknown check: %+v", got)
	}
}

// A range of numbers in a text cell is written for the page language, like
// the numbers of its column; other text stays as printed.
func TestNumberRangeForThePage(t *testing.T) {
	for _, c := range []struct {
		lang string
		cell report.Cell
		want string
	}{
		{"en", report.Cell{Raw: "0,0-5,0", Text: "0.0-5.0"}, "0.0-5.0"},
		{"fr", report.Cell{Raw: "0,0-5,0", Text: "0.0-5.0"}, "0,0-5,0"},
		{"en", report.Cell{Raw: "1er juillet 2017", Text: "1er juillet 2017"}, "1er juillet 2017"},
	} {
		if got := (&viewer{lang: c.lang}).text(c.cell); got != c.want {
			t.Errorf("%s %q: %q, want %q", c.lang, c.cell.Raw, got, c.want)
		}
	}
}
