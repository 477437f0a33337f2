package report

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

func TestDecimal(t *testing.T) {
	for _, c := range []struct {
		d      Decimal
		fr, en string
		units  int64
	}{
		{"1183384.7", "1\u202f183\u202f384,7", "1,183,384.7", 11833847},
		{"-9444.2", "−9\u202f444,2", "−9,444.2", -94442},
		{"0.7", "0,7", "0.7", 7},
		{"13249", "13\u202f249", "13,249", 132490},
	} {
		if got := c.d.Format("fr"); got != c.fr {
			t.Errorf("%s fr: %q", c.d, got)
		}
		if got := c.d.Format("en"); got != c.en {
			t.Errorf("%s en: %q", c.d, got)
		}
		if n, err := c.d.Units(1); err != nil || n != c.units {
			t.Errorf("%s units: %d %v", c.d, n, err)
		}
		if back := FromUnits(c.units, 1); back.Float() != c.d.Float() {
			t.Errorf("FromUnits(%d) = %s", c.units, back)
		}
	}
	if _, err := Decimal("1.25").Units(1); err == nil {
		t.Error("1.25 fits in one place")
	}
	if _, err := ParseDecimal("1,5"); err == nil {
		t.Error("a comma decimal accepted")
	}
	b, _ := json.Marshal(struct{ A, B Decimal }{"-9444.2", ""})
	if string(b) != `{"A":-9444.2,"B":null}` {
		t.Errorf("json %s", b)
	}
	var back struct{ A, B Decimal }
	if err := json.Unmarshal(b, &back); err != nil || back.A != "-9444.2" || back.B != "" {
		t.Errorf("json back %+v %v", back, err)
	}
}

func TestPagesAndURLs(t *testing.T) {
	r := &Report{Slug: "a-76-564", Sections: []*Section{
		{ID: "summary"}, {ID: "i"},
		{ID: "ii", Children: []*Section{{ID: "ii-a"}, {ID: "ii-f", Children: []*Section{{ID: "ii-f-1"}}}}},
		{ID: "iii", Children: []*Section{{ID: "iii-a"}}},
	}}
	var ids []string
	for _, p := range r.Pages() {
		ids = append(ids, p.ID)
	}
	if got := len(ids); got != 4 || ids[2] != "ii-f-1" || ids[3] != "iii" {
		t.Errorf("pages %v", ids)
	}
	if got := r.PageOf()["iii-a"]; got != "iii" {
		t.Errorf("iii-a is on page %q", got)
	}
	if got := r.URL("fr", "ii-f-1", "par-26"); got != "/fr/a-76-564/ii-f-1/#par-26" {
		t.Errorf("URL %s", got)
	}
}

func TestCitations(t *testing.T) {
	r := &Report{Symbol: "A/76/564", Tables: []*Table{
		{ID: "summary-hr", Title: "Ressources humaines"}, {ID: "iii-e-factors", Title: "Facteurs"},
	}}
	for got, want := range map[string]string{
		r.CiteParagraph("fr", 26): "A/76/564, par. 26",
		r.CiteParagraph("en", 26): "A/76/564, para. 26",
		(&FollowUp{Resolution: "75/302", ResolutionParagraph: "12"}).Reference("en"): "resolution 75/302, para. 12",
		(&FollowUp{Resolution: "75/302", ResolutionParagraph: "12"}).Reference("fr"): "résolution 75/302, par. 12",
		r.CiteSection("fr", &Section{ID: "iii-a", Number: "III.A"}):                  "A/76/564, sect. III.A",
		r.CiteSection("en", &Section{ID: "summary"}):                                 "A/76/564, summary",
		r.CiteIndicator("fr", "2.1", 3):                                              "A/76/564, réalisation escomptée 2.1, indicateur 3",
		r.CiteOutput("en", "2.1", 4):                                                 "A/76/564, expected accomplishment 2.1, output 4",
		r.CiteTable("fr", "iii-e"):                                                   "A/76/564, sect. III.E",
		r.CiteTable("fr", "iii-e-factors"):                                           "A/76/564, sect. III.E, «\u00a0Facteurs\u00a0»",
		r.CiteTable("fr", "summary-hr"):                                              "A/76/564, résumé, «\u00a0Ressources humaines\u00a0»",
		r.CiteTable("en", "summary-hr"):                                              "A/76/564, summary, “Ressources humaines”",
		r.CiteTable("en", "ea-5-1-outputs"):                                          "A/76/564, expected accomplishment 5.1, outputs",
		r.CiteTable("fr", "iv"):                                                      "A/76/564, sect. IV",
	} {
		if got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	}
}

func TestValuesText(t *testing.T) {
	in := &Indicator{Values: []PeriodValue{
		{Period: "2018/19", Raw: "8,84 %", Measure: 1, Label: "pourcentage d’élues"},
		{Period: "2020/21", Raw: "30 %", Measure: 1, Label: "pourcentage d’élues"},
		{Period: "2020/21", Raw: "retardé", Measure: 2},
	}}
	if got := in.ValuesText(" : ", " ; "); got != "pourcentage d’élues : 2018/19 : 8,84 % ; 2020/21 : 30 % | 2020/21 : retardé" {
		t.Errorf("ValuesText = %q", got)
	}
	if got := (&Indicator{}).ValuesText(" : ", " ; "); got != "" {
		t.Errorf("no values: %q", got)
	}
}

func TestFullTextSeparators(t *testing.T) {
	p := Paragraph{
		Text: "Comme suit :",
		Items: []Item{
			{Label: "a", Text: "un", Sep: ",", Items: []Item{{Label: "i", Text: "p", Sep: " ;"}, {Label: "ii", Text: "q", Sep: " ;"}}},
			{Label: "b", Text: "deux", Sep: " ;"},
			{Label: "c", Text: "trois."},
		},
		Tail: "Suite.",
	}
	if got, want := p.FullText(), "Comme suit : a) un, i) p ; ii) q ; b) deux ; c) trois. Suite."; got != want {
		t.Errorf("FullText\n got %q\nwant %q", got, want)
	}
}

// The live search's script splits a citation around its quoted title as
// Quoted does: it knows the same quotation marks (a copy in TypeScript).
func TestScriptKnowsQuoteMarks(t *testing.T) {
	b, err := os.ReadFile("../assets/ts/main.ts")
	if err != nil {
		t.Fatal(err)
	}
	for lang, q := range quoteMarks {
		ts := strings.NewReplacer("\u00a0", `\u00a0`).Replace(`["` + q[0] + `", "` + q[1] + `"]`)
		if !strings.Contains(string(b), ts) {
			t.Errorf("main.ts does not split citations at the %s marks %s", lang, ts)
		}
	}
}

// A row's English name: a class of expenditure by its label; a label that
// names a category only within its group by both ("Administrateurs" are
// the national staff's Professional Officers there, and nothing guessed
// elsewhere); a straight apostrophe typed for the report's typographic one.
func TestEnglishRow(t *testing.T) {
	for _, c := range []struct{ group, label, want string }{
		{"", "Voyages officiels", "Official travel"},
		{"Dépenses opérationnelles", "Voyages officiels", "Official travel"},
		{"Personnel recruté sur le plan national", "Administrateurs", "National Professional Officers"},
		{"", "Administrateurs", ""},
		{"Personnel recruté sur le plan international", "Administrateurs", ""},
		{"", "Annulation d'engagements d'exercices antérieurs", "Cancellation of prior-period obligations"},
		{"", "Rations", ""},
	} {
		if got := EnglishRow("fr", c.group, c.label); got != c.want {
			t.Errorf("EnglishRow(fr, %q, %q) = %q, want %q", c.group, c.label, got, c.want)
		}
	}
	if got := EnglishRow("es", "", "Voyages officiels"); got != "" {
		t.Errorf("a French label in a Spanish report: %q", got)
	}
}

// The reference of a whole report says, in another language than the
// report's, which language its title is in.
func TestCiteReport(t *testing.T) {
	r := &Report{Symbol: "A/76/564", Language: "fr", Title: "Exécution du budget"}
	for lang, want := range map[string]string{
		"fr": "Nations Unies, «\u00a0Exécution du budget\u00a0», A/76/564",
		"en": "United Nations, “Exécution du budget” (in French), A/76/564",
	} {
		if got := r.CiteReport(lang); got != want {
			t.Errorf("%s: %q, want %q", lang, got, want)
		}
	}
	if got := LanguageName("fr", "en"); got != "anglais" {
		t.Errorf("English in French: %q", got)
	}
}

// A field's title in the UI's language; a field the contract does not
// name is said so.
func TestFieldTitle(t *testing.T) {
	for lang, want := range map[string]string{"fr": "Effectif approuvé", "en": "Approved", "es": "Approved"} {
		if got, ok := FieldTitle("approved", lang); !ok || got != want {
			t.Errorf("%s: %q %v, want %q", lang, got, ok, want)
		}
	}
	if _, ok := FieldTitle("nope", "en"); ok {
		t.Error("an unknown field has a title")
	}
}
