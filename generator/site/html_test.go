package site

import (
	"html/template"
	"strings"
	"testing"
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
		{"data-cite", `<a data-cite="{{ . }}"></a>`, func(w *htmlw, s string) { w.s(`<a data-cite="`); w.url(s); w.s(`"></a>`) }},
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

// TestGlossaryPrefilter: mayHaveTerm never hides a text the glossary
// regexp matches.
func TestGlossaryPrefilter(t *testing.T) {
	texts := append([]string{}, hostile...)
	for _, g := range glossaryTerms {
		texts = append(texts, g.form, strings.ToUpper(g.form), "Le "+strings.ToUpper(g.form[:1])+g.form[1:]+" est", strings.ReplaceAll(g.form, "s", "ſ"), strings.ReplaceAll(g.form, "n", "N"))
	}
	for _, s := range texts {
		if glossaryRe.MatchString(s) && !mayHaveTerm(s) {
			t.Errorf("%q: the regexp matches, the prefilter says no", s)
		}
	}
	if mayHaveTerm("Les effectifs ont augmenté de 4 %.") {
		t.Error("the prefilter lets through a text without any term")
	}
}
