package charts

import (
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"html"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pkportal/report"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// num cells from source-like strings: "(9 444,2)" → "-9444.2".
func c(raw string) report.Cell {
	if raw == "–" {
		return report.Cell{Raw: raw}
	}
	s := strings.NewReplacer(" ", "", ",", ".", "(", "-", ")", "").Replace(raw)
	return report.Cell{Raw: raw, Num: report.Decimal(s)}
}

func rw(typ, group, label string, cells ...string) report.Row {
	r := report.Row{Label: label, Group: group, Type: typ}
	for _, s := range cells {
		r.Cells = append(r.Cells, c(s))
	}
	return r
}

func out(raws ...string) *report.Output {
	o := &report.Output{}
	for _, s := range raws {
		d := report.Delivered{Raw: s}
		if strings.Trim(s, "0123456789 ") == "" {
			d.Num = report.Decimal(strings.ReplaceAll(s, " ", ""))
		}
		o.Completed = append(o.Completed, d)
	}
	return o
}

// fixture is a small report with the figures of A/76/564.
func fixture() *report.Report {
	const mil, civ = "Militaires et personnel de police", "Personnel civil"
	money := func(k, l string) report.Column {
		return report.Column{Key: k, Label: l, Type: "number", Unit: report.AmountUnit}
	}
	return &report.Report{
		Symbol: "A/76/564", Language: "fr",
		Mission: report.Mission{Acronym: "MINUSMA"},
		Period:  report.Period{Label: "2020/21"},
		Tables: []*report.Table{
			{ID: "iii-a", Columns: []report.Column{
				money("apportionment", "Montant alloué"), money("expenditure", "Dépenses"),
				money("variance_amount", "Écart"), {Key: "variance_percent", Type: "number", Unit: "percent"},
			}, Rows: []report.Row{
				rw("heading", "", mil),
				rw("item", mil, "Observateurs militaires", "2 165,6", "1 321,2", "844,4", "39,0"),
				rw("item", mil, "Contingents", "432 221,6", "426 842,3", "5 379,3", "1,2"),
				rw("item", mil, "Police des Nations Unies", "11 501,5", "14 015,2", "(2 513,7)", "(21,9)"),
				rw("subtotal", mil, "Total partiel", "493 922,9", "490 635,6", "3 287,3", "0,7"),
				rw("heading", "", civ),
				rw("item", civ, "Personnel recruté sur le plan international", "160 059,7", "164 190,8", "(4 131,1)", "(2,6)"),
				rw("item", civ, "Personnel temporaire (autre que pour les réunions)", "1 431,2", "1 430,1", "1,1", "0,1"),
				rw("item", civ, "Observateurs électoraux civils", "–", "–", "–", "–"),
				rw("subtotal", civ, "Total partiel", "196 654,7", "206 098,9", "(9 444,2)", "(4,8)"),
				rw("deduction", "", "Recettes provenant des contributions du personnel", "17 365,3", "18 476,1", "(1 110,8)", "(6,4)"),
				rw("total", "", "Total", "1 183 384,7", "1 103 359,2", "80 025,5", "6,8"),
			}},
			{ID: "summary-hr", Columns: []report.Column{
				{Key: "approved", Type: "number"}, {Key: "actual_average", Type: "number"}, {Key: "vacancy_rate", Type: "number", Unit: "percent"},
			}, Rows: []report.Row{
				rw("item", "", "Observateurs militaires", "40", "16", "60,0"),
				rw("item", "", "Contingents", "13 249", "12 775", "3,6"),
				rw("heading", "", "Personnel recruté sur le plan national"),
				rw("item", "Personnel recruté sur le plan national", "Administrateurs", "150", "135", "10,0"),
				rw("item", "Emplois de temporaire", "Personnel recruté sur le plan national", "–", "–", "–"),
				rw("item", "", "Personnel fourni par des gouvernements", "19", "16", "15,8"),
			}},
			{ID: "iii-e", Columns: []report.Column{money("expenditure", "Dépenses")}, Rows: []report.Row{
				rw("item", "Matériel majeur", "Contingents", "89 709,5"),
				rw("item", "Matériel majeur", "Unités de police constituées", "11 829,7"),
				rw("subtotal", "Matériel majeur", "Total partiel", "101 539,2"),
				rw("item", "Soutien logistique autonome", "Contingents", "53 054,7"),
				rw("item", "Soutien logistique autonome", "Unités de police constituées", "5 694,7"),
				rw("total", "", "Total", "160 288,6"),
			}},
		},
		Components: []*report.Component{
			{Number: 1, Title: "Composante 1 : appui à la mise en œuvre de l’Accord pour la paix et la réconciliation au Mali",
				Accomplishments: []*report.Accomplishment{
					{Outputs: []*report.Output{out("35"), out("Oui"), out("Non"), out(), out("0"), out("1 500", "45", "0")}},
				}},
			{Number: 2, Accomplishments: []*report.Accomplishment{
				{Outputs: []*report.Output{out("Yes")}},
				{Outputs: []*report.Output{out("non"), out("Non", "1 010")}},
			}},
		},
	}
}

// node is a generic XML element.
type node struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Nodes   []node     `xml:",any"`
	Text    string     `xml:",chardata"`
}

func (n *node) attr(name string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func (n *node) walk(f func(*node)) {
	f(n)
	for i := range n.Nodes {
		n.Nodes[i].walk(f)
	}
}

// parse checks that s is one well-formed XML element and returns it.
func parse(t *testing.T, s string) *node {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(s))
	var root node
	if err := d.Decode(&root); err != nil {
		t.Fatalf("SVG does not parse: %v", err)
	}
	if tok, err := d.Token(); !errors.Is(err, io.EOF) {
		t.Fatalf("content after the <svg> element: %v %v", tok, err)
	}
	return &root
}

// wantBars is the number of bars each chart of the fixture must draw.
var wantBars = map[string]int{
	"chart-apportionment-expenditure":  4, // 2 categories × 2 series
	"chart-variance":                   5, // items with a group and a figure
	"chart-vacancy":                    4,
	"chart-contingent-owned-equipment": 4,
	"chart-output-delivery":            7, // 2+1+2+1 and 1+1+1: empty segments are not drawn
}

func TestForReport(t *testing.T) {
	for _, lang := range []string{"fr", "en"} {
		charts := ForReport(fixture(), lang)
		if len(charts) != 5 {
			t.Fatalf("%s: %d charts, want 5", lang, len(charts))
		}
		for _, ch := range charts {
			root := parse(t, ch.SVG)
			if root.XMLName.Local != "svg" || root.attr("role") != "img" || root.attr("viewBox") == "" {
				t.Errorf("%s %s: root %s role=%q viewBox=%q", lang, ch.ID, root.XMLName.Local, root.attr("role"), root.attr("viewBox"))
			}
			ids := map[string]*node{}
			bars, rows := 0, 0
			root.walk(func(n *node) {
				if id := n.attr("id"); id != "" {
					if ids[id] != nil {
						t.Errorf("%s %s: duplicate id %q", lang, ch.ID, id)
					}
					if !strings.HasPrefix(id, ch.ID+"-") {
						t.Errorf("%s %s: id %q lacks the chart's prefix", lang, ch.ID, id)
					}
					ids[id] = n
				}
				if n.XMLName.Local == "rect" && n.attr("class") == "bar" {
					bars++
					if len(n.Nodes) != 1 || n.Nodes[0].XMLName.Local != "title" || n.Nodes[0].Text == "" {
						t.Errorf("%s %s: a bar without a <title>", lang, ch.ID)
					}
				}
			})
			// named by its title, described by its desc (once each)
			for attr, want := range map[string]string{"aria-labelledby": "title", "aria-describedby": "desc"} {
				n := ids[root.attr(attr)]
				if n == nil || n.XMLName.Local != want || strings.TrimSpace(n.Text) == "" {
					t.Errorf("%s %s: %s %q is not a non-empty <%s>", lang, ch.ID, attr, root.attr(attr), want)
				}
			}
			if root.Nodes[0].XMLName.Local != "title" || root.Nodes[0].Text != ch.Title || root.Nodes[1].Text != ch.Desc {
				t.Errorf("%s %s: <title>/<desc> do not come first or differ from Title/Desc", lang, ch.ID)
			}
			if bars != wantBars[ch.ID] {
				t.Errorf("%s %s: %d bars, want %d", lang, ch.ID, bars, wantBars[ch.ID])
			}
			if ch.Table == nil || ch.Table.ID != ch.ID || len(ch.Table.Rows) == 0 {
				t.Fatalf("%s %s: bad table %+v", lang, ch.ID, ch.Table)
			}
			group := ""
			for _, r := range ch.Table.Rows {
				if r.Type == report.RowHeading { // a group's heading, as the chart draws it
					group = r.Label
					continue
				}
				if r.Group == "" {
					group = "" // a row of no group ends the one above
				}
				if r.Group != group {
					t.Errorf("%s %s: row %q of group %q under the heading %q", lang, ch.ID, r.Label, r.Group, group)
				}
				rows += len(r.Cells) - (len(ch.Table.Columns) - len(ch.Table.Columns[:drawn(ch)])) // the columns drawn
				if len(r.Cells) != len(ch.Table.Columns) {
					t.Errorf("%s %s: row %q has %d cells for %d columns", lang, ch.ID, r.Label, len(r.Cells), len(ch.Table.Columns))
				}
			}
			if ch.ID != "chart-output-delivery" && rows != bars {
				t.Errorf("%s %s: %d table cells for %d bars", lang, ch.ID, rows, bars)
			}
			if !strings.Contains(ch.SVG, `width="100%"`) || strings.Contains(ch.SVG, "<script") || strings.Contains(ch.SVG, "href") {
				t.Errorf("%s %s: not responsive or not self-contained", lang, ch.ID)
			}
		}
	}
}

func TestValues(t *testing.T) {
	const nnbsp = "\u202f"
	want := map[string]map[string][]string{
		"fr": {
			"chart-apportionment-expenditure": {"206" + nnbsp + "098,9", ">100" + nnbsp + "000<", "Les dépenses ont dépassé le montant alloué pour\u00a0: Personnel civil."},
			"chart-variance":                  {"−2" + nnbsp + "513,7", "+5" + nnbsp + "379,3", "+1,1", "Plus fort dépassement\u00a0: Personnel recruté sur le plan international, −4" + nnbsp + "131,1", "2 rubriques sur 5"},
			"chart-vacancy": {"60,0" + nnbsp + "%", "Taux de vacance le plus élevé\u00a0: Observateurs militaires, 60,0" + nnbsp + "% (effectif approuvé 40, effectif moyen 16)",
				">Contingents (13" + nnbsp + "249)</text>", "Pourcentage (entre parenthèses, l’effectif approuvé)"}, // the strength a rate is of, on one line
			"chart-contingent-owned-equipment": {"160" + nnbsp + "288,6 milliers", "Matériel majeur – Contingents"},
			"chart-output-delivery": {
				"Produits prévus\u00a0: 9. Exécutés\u00a0: 3, dont inférieurs aux prévisions selon le rapport\u00a0: 0\u00a0; partiellement exécutés\u00a0: 2\u00a0; non exécutés\u00a0: 3\u00a0; sans résultat indiqué\u00a0: 1.",
				"Composante 2 — exécutés\u00a0: 1, dont inférieurs aux prévisions\u00a0: 0\u00a0; partiellement exécutés\u00a0: 1\u00a0; non exécutés\u00a0: 1\u00a0; sans résultat indiqué\u00a0: 0.",
				"sans résultat indiqué\u00a0: 0. Chiffres comptés par le portail à partir des produits de la section II.F\u00a0; le rapport ne les imprime pas. Un produit est compté exécuté lorsque chacune de ses parties porte «\u00a0Oui\u00a0» ou un chiffre supérieur à 0, même inférieur au chiffre prévu, partiellement exécuté lorsque certaines seulement portent «\u00a0Non\u00a0» ou 0\u00a0; un produit exécuté est compté aussi parmi ceux «\u00a0dont inférieurs aux prévisions\u00a0» lorsque ses observations le disent.</desc>",
				"Partiellement exécutés</text>", "Composante 2 – Partiellement exécutés\u00a0: 1</title>",
			},
		},
		"en": {
			// the standard rows by their English names: the description is heard in English
			"chart-apportionment-expenditure":  {"206,098.9", ">100,000<", "Expenditure exceeded the apportionment for: Civilian personnel.", ">Military and police personnel</text>"},
			"chart-variance":                   {"−2,513.7", "+5,379.3", "Largest underexpenditure: Military contingents, +5,379.3", "2 of 5 classes"},
			"chart-vacancy":                    {"60.0%", "lowest: Military contingents, 3.6% (approved 13,249, actual average 12,775).", "Military observers: 60.0% (approved 40, actual average 16)</title>"},
			"chart-contingent-owned-equipment": {"160,288.6 thousand", "Major equipment – Military contingents"},
			"chart-output-delivery": {
				"Of 9 planned outputs: 3 completed (0 of them lower than planned, as the report says), 2 partly completed, 3 not completed, 1 not reported.",
				"Component 2: 1 completed (0 of them lower than planned), 1 partly completed, 1 not completed, 0 not reported.",
				"Component 1: 2 completed", // a component by its number on an English page, its French name in the data
				">Component 1</text>",
				"not reported. Figures counted by the portal from the outputs of section II.F; the report does not print them. An output is counted as completed when each of its parts reads “Oui” or a figure above 0, even one below the planned figure, partly completed when only some read “Non” or 0; a completed output is also counted among those “of which lower than planned” when its remarks say it was.</desc>",
				"Partly completed</text>",
			},
		},
	}
	for lang, byChart := range want {
		for _, ch := range ForReport(fixture(), lang) {
			text := html.UnescapeString(ch.SVG)
			for _, s := range byChart[ch.ID] {
				if !strings.Contains(text, s) {
					t.Errorf("%s %s: %q not found in\n%s", lang, ch.ID, s, ch.Desc)
				}
			}
		}
	}
}

// A chart on an English page names the standard rows in English; its data
// (the table beside it, the data files) keep the labels the report prints,
// as its tables do.
func TestDataKeepPrintedLabels(t *testing.T) {
	fr, en := ForReport(fixture(), "fr"), ForReport(fixture(), "en")
	if len(fr) != len(en) || len(en) == 0 {
		t.Fatalf("%d French charts, %d English", len(fr), len(en))
	}
	for i := range en {
		a, b := fr[i].Table.Rows, en[i].Table.Rows
		if len(a) != len(b) {
			t.Fatalf("%s: %d rows in French, %d in English", en[i].ID, len(a), len(b))
		}
		for j := range b {
			if b[j].Label != a[j].Label && en[i].ID != "chart-output-delivery" { // "Component 2" is the portal's
				t.Errorf("%s row %d: %q on the English page, the report prints %q", en[i].ID, j, b[j].Label, a[j].Label)
			}
		}
	}
	if !strings.Contains(en[0].Desc, "Civilian personnel") || en[0].Table.Rows[1].Label != "Personnel civil" {
		t.Errorf("English chart: %q, data %q", en[0].Desc, en[0].Table.Rows[1].Label)
	}
}

// TestDelivery checks how an output is counted from the parts of its
// "completed" column.
func TestDelivery(t *testing.T) {
	d := func(raw, num string) report.Delivered { return report.Delivered{Raw: raw, Num: report.Decimal(num)} }
	for _, tc := range []struct {
		name  string
		parts []report.Delivered
		want  int
	}{
		{"figure", []report.Delivered{d("35", "35")}, completed},
		{"figures and yes", []report.Delivered{d("Oui", ""), d("203", "203")}, completed},
		{"yes", []report.Delivered{d("Yes", "")}, completed},
		{"figures and no", []report.Delivered{d("7", "7"), d("Non", ""), d("2", "2")}, partlyCompleted},
		{"figures and 0", []report.Delivered{d("1 500", "1500"), d("45", "45"), d("0", "0")}, partlyCompleted},
		{"yes and 0,0", []report.Delivered{d("Oui", ""), d("0,0", "0.0")}, partlyCompleted},
		{"0 alone", []report.Delivered{d("0", "0")}, notCompleted},
		{"0.0 alone", []report.Delivered{d("0,0", "0.0")}, notCompleted},
		{"no and 0", []report.Delivered{d("non", ""), d("0", "0")}, notCompleted},
		{"no", []report.Delivered{d("No", "")}, notCompleted},
		{"0.5 is a figure", []report.Delivered{d("0,5", "0.5")}, completed},
		{"10 is a figure", []report.Delivered{d("10", "10")}, completed},
		{"text says neither", []report.Delivered{d("voir observations", ""), d("12", "12")}, completed},
		{"nothing", nil, notReported},
		{"text only", []report.Delivered{d("voir observations", "")}, notReported},
	} {
		if got := delivery(&report.Output{Completed: tc.parts}); got != tc.want {
			t.Errorf("%s: %d, want %d", tc.name, got, tc.want)
		}
	}
	if got := delivery(nil); got != notReported {
		t.Errorf("nil: %d, want %d", got, notReported)
	}
}

// TestOutputRuleVisible checks that the counting rule is given to the
// page to print (Chart.Note), not only in the chart's <desc>, saying that
// the portal counted the figures; and that the chart's data (the data
// files, Tables) carries it as its note, in both languages.
func TestOutputRuleVisible(t *testing.T) {
	for lang, start := range map[string]string{"fr": "Chiffres comptés par le portail", "en": "Figures counted by the portal"} {
		found := false
		for _, ch := range ForReport(fixture(), lang) {
			if ch.ID != "chart-output-delivery" {
				if ch.Note != "" || len(ch.Table.Notes) > 0 {
					t.Errorf("%s %s has a note: %q %v", lang, ch.ID, ch.Note, ch.Table.Notes)
				}
				continue
			}
			found = true
			if !strings.HasPrefix(ch.Note, start) || !strings.Contains(ch.Note, "II.F") || !strings.Contains(ch.Note, "» ou 0") && !strings.Contains(ch.Note, "” or 0") || !strings.HasSuffix(ch.Note, map[string]string{"fr": "lorsque ses observations le disent.", "en": "when its remarks say it was."}[lang]) {
				t.Errorf("%s: the counting rule is not the chart's note: %q", lang, ch.Note)
			}
			if len(ch.Table.Notes) != 1 || ch.Table.Notes[0].Text != ch.Note {
				t.Errorf("%s: the chart's data has notes %v, want its note", lang, ch.Table.Notes)
			}
		}
		if !found {
			t.Fatalf("%s: no chart-output-delivery", lang)
		}
	}
}

func TestEscaping(t *testing.T) {
	r := fixture()
	hostile := "<script>alert(1)</script>&\"'\x00 x"
	r.Tables[0].Rows[1].Label = hostile
	r.Tables[0].Rows[1].Group = hostile
	r.Tables[2].Rows[0].Label = hostile
	r.Components[0].Title = hostile
	for _, ch := range ForReport(r, "fr") {
		parse(t, ch.SVG)
		if strings.Contains(ch.SVG, "<script") || strings.Contains(ch.SVG, "\x00") {
			t.Errorf("%s: hostile label not escaped", ch.ID)
		}
		if ch.ID == "chart-variance" && !strings.Contains(ch.SVG, "&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;&apos;") {
			t.Errorf("%s: escaped label missing", ch.ID)
		}
	}
}

func TestDeterministic(t *testing.T) {
	a, b := ForReport(fixture(), "fr"), ForReport(fixture(), "fr")
	for i := range a {
		if a[i].SVG != b[i].SVG || a[i].Desc != b[i].Desc {
			t.Errorf("%s: two runs differ", a[i].ID)
		}
	}
}

func TestMissing(t *testing.T) {
	ids := func(cs []Chart) string {
		var s []string
		for _, c := range cs {
			s = append(s, c.ID)
		}
		return strings.Join(s, " ")
	}
	r := fixture()
	r.Tables = r.Tables[1:] // no iii-a
	if got := ids(ForReport(r, "en")); got != "chart-vacancy chart-contingent-owned-equipment chart-output-delivery" {
		t.Errorf("without iii-a: %s", got)
	}
	r = fixture()
	r.Tables[2].Columns[0].Key = "other" // iii-e without its column
	r.Components = nil
	if got := ids(ForReport(r, "en")); got != "chart-apportionment-expenditure chart-variance chart-vacancy" {
		t.Errorf("without iii-e column and components: %s", got)
	}
	if got := ForReport(&report.Report{}, "fr"); len(got) != 0 {
		t.Errorf("empty report: %d charts", len(got))
	}
	if got := ForReport(nil, "fr"); got != nil {
		t.Errorf("nil report: %v", got)
	}
}

func TestTicks(t *testing.T) {
	for _, tc := range []struct {
		lo, hi float64
		want   string
	}{
		{0, 493922.9, "0 100000 200000 300000 400000 500000"},
		{-15089.2, 47451.5, "-20000 0 20000 40000 60000"},
		{0, 60, "0 20 40 60"},
		{0, 3, "0 1 2 3"},
		{0, 2.2, "0 0.5 1 1.5 2 2.5"},
		{0, 0, "0 0.2 0.4 0.6 0.8 1"},
	} {
		var got []string
		for _, tk := range niceTicks(tc.lo, tc.hi, 5) {
			got = append(got, string(tk.d))
		}
		if s := strings.Join(got, " "); s != tc.want {
			t.Errorf("niceTicks(%v, %v) = %s, want %s", tc.lo, tc.hi, s, tc.want)
		}
	}
}

func TestWrap(t *testing.T) {
	lines, cut := wrap("Personnel temporaire (autre que pour les réunions)", 34, 2)
	if cut || len(lines) != 2 || lines[0] != "Personnel temporaire (autre que" {
		t.Errorf("wrap: %q %v", lines, cut)
	}
	lines, cut = wrap(strings.Repeat("mot ", 40), 34, 2)
	if !cut || len(lines) != 2 || !strings.HasSuffix(lines[1], "…") {
		t.Errorf("wrap long: %q %v", lines, cut)
	}
}

// TestGolden compares the French variance chart with a reviewed file;
// go test ./charts/ -run TestGolden -update rewrites it.
func TestGolden(t *testing.T) {
	var wide, narrow string
	for _, ch := range ForReport(fixture(), "fr") {
		if ch.ID == "chart-variance" {
			wide, narrow = ch.SVG+"\n", ch.SVGNarrow+"\n"
		}
	}
	for name, got := range map[string]string{"chart-variance.fr.svg": wide, "chart-variance.fr.narrow.svg": narrow} {
		path := filepath.Join("testdata", name)
		if *update {
			if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if got != string(want) {
			t.Errorf("chart-variance differs from %s; review and run with -update", path)
		}
	}
}

// TestWritePreview writes /tmp/charts-preview.html to look at the charts:
// PREVIEW=1 go test ./charts/ -run TestWritePreview (PREVIEW_LANG=en for
// one language; English charts alternate with a dark-mode palette).
func TestWritePreview(t *testing.T) {
	if os.Getenv("PREVIEW") != "1" {
		t.Skip("set PREVIEW=1 to write /tmp/charts-preview.html")
	}
	var b strings.Builder
	b.WriteString(`<!doctype html><meta charset="utf-8"><title>charts</title><style>
body{font-family:system-ui,sans-serif;max-width:900px;margin:1em auto}
.dark{background:#15181c;color:#e8eaed;padding:1em;--chart-1:#7fb0f0;--chart-2:#2c4a70;--chart-neg:#ff8a80;--chart-neg-bg:#3a1d1b;--chart-3:#5f6368;--chart-on-1:#000;--chart-on-2:#e8eaed}
td{text-align:right;padding:0 .5em}</style>`)
	langs := []string{"fr", "en"}
	if l := os.Getenv("PREVIEW_LANG"); l != "" {
		langs = []string{l}
	}
	for _, lang := range langs {
		for i, ch := range ForReport(fixture(), lang) {
			cls := ""
			if lang == "en" && i%2 == 0 {
				cls = ` class="dark"`
			}
			fmt.Fprintf(&b, "<figure id=%q%s><figcaption><b>%s</b> (%s)<br><small>%s</small></figcaption>%s<table>",
				ch.ID+"-"+lang, cls, html.EscapeString(ch.Title), lang, html.EscapeString(ch.Desc), ch.SVG)
			for _, r := range ch.Table.Rows {
				fmt.Fprintf(&b, "<tr><th>%s</th>", html.EscapeString(r.Label))
				for _, c := range r.Cells {
					fmt.Fprintf(&b, "<td>%s</td>", c.Num.Format(lang))
				}
				b.WriteString("</tr>")
			}
			b.WriteString("</table></figure>")
		}
	}
	if err := os.WriteFile("/tmp/charts-preview.html", []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// drawn is the number of ch's data columns that it draws (the vacancy
// chart's data carry the strengths its rates are of, not drawn).
func drawn(ch Chart) int {
	n := len(ch.Table.Columns)
	for n > 0 && (ch.Table.Columns[n-1].Key == "approved" || ch.Table.Columns[n-1].Key == "actual_average") {
		n--
	}
	return n
}
