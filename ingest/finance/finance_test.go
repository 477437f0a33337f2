package finance

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"pkportal/ingest/source"
	"pkportal/report"
)

const sourcePath = "../../sources/A-76-564.fr.txt"

func readSource(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile(sourcePath)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func parseText(t *testing.T, b []byte) (*source.Doc, *Result) {
	t.Helper()
	doc, err := source.Read("A-76-564.fr.txt", b)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Parse(doc, "fr")
	if err != nil {
		t.Fatal(err)
	}
	return doc, res
}

func asReport(res *Result) *report.Report {
	return &report.Report{Language: "fr", Source: "A-76-564.fr.txt", Tables: res.Tables, Variances: res.Variances}
}

// Row expectations, written from the source text: "type | group | label |
// notes | cells", cells separated by ";": a number as a Decimal, "–" for
// the nil dash, "" for an empty cell, "=text" for a text cell (range, date).
const (
	mil = "Militaires et personnel de police"
	civ = "Personnel civil"
	ops = "Dépenses opérationnelles"
)

var wantTables = []struct {
	id, section, title, unit string
	line                     int
	columns                  []string // key:label:type:unit:notes
	rows                     []string
	notes                    []string // label:text prefix
}{
	{"summary-financial", "summary", "Exécution du budget : ressources financières", report.AmountUnit, 80,
		[]string{"apportionment:Montant alloué:number:A:", "expenditure:Dépenses:number:A:", "variance_amount:Écart : Montant:number:A:", "variance_percent:Écart : Pourcentage:number:percent:"},
		[]string{
			"item||Militaires et personnel de police||493922.9;490635.6;3287.3;0.7",
			"item||Personnel civil||196654.7;206098.9;-9444.2;-4.8",
			"item||Dépenses opérationnelles||492807.1;406624.7;86182.4;17.5",
			"total||Montant brut||1183384.7;1103359.2;80025.5;6.8",
			"deduction||Recettes provenant des contributions du personnel||17365.3;18476.1;-1110.8;-6.4",
			"total||Montant net||1166019.4;1084883.1;81136.3;7.0",
			"item||Contributions volontaires en nature (budgétisées)||–;–;–;–",
			"total||Total||1183384.7;1103359.2;80025.5;6.8",
		}, nil},
	{"summary-hr", "summary", "Exécution du budget : ressources humaines", "", 119,
		[]string{"approved:Effectif approuvé:number:persons:a", "actual_average:Effectif réel (moyenne):number:persons:", "vacancy_rate:Taux de vacance (pourcentage):number:percent:b"},
		[]string{
			"item||Observateurs militaires||40;16;60.0",
			"item||Contingents||13249;12775;3.6",
			"item||Police des Nations Unies||350;282;19.4",
			"item||Unités de police constituées||1570;1446;7.9",
			"item||Personnel recruté sur le plan international||825;766;7.2",
			"heading||Personnel recruté sur le plan national||;;",
			"item|Personnel recruté sur le plan national|Administrateurs||150;135;10.0",
			"item|Personnel recruté sur le plan national|Agents des services généraux||755;687;9.0",
			"heading||Volontaires des Nations Unies||;;",
			"item|Volontaires des Nations Unies|Volontaires recrutés sur le plan international||198;172;13.1",
			"item|Volontaires des Nations Unies|Volontaires recrutés sur le plan national||6;3;50.0",
			"heading||Emplois de temporaire|c|;;",
			"item|Emplois de temporaire|Personnel recruté sur le plan international||2;1;50.0",
			"item|Emplois de temporaire|Personnel recruté sur le plan national||–;–;–",
			"item||Personnel fourni par des gouvernements||19;16;15.8",
		},
		[]string{"a:Niveau maximum de l’effectif autorisé.", "b:Compte tenu de l’effectif réel et de l’effectif approuvé, mois par mois.", "c:Financés à la rubrique Personnel temporaire (autre que pour les réunions)."}},
	{"iii-a", "iii-a", "Ressources financières", report.AmountUnit, 9686,
		[]string{"apportionment:Montant alloué:number:A:", "expenditure:Dépenses:number:A:", "variance_amount:Écart : Montant:number:A:", "variance_percent:Écart : Pourcentage:number:percent:"},
		[]string{
			"heading||" + mil + "||;;;",
			"item|" + mil + "|Observateurs militaires||2165.6;1321.2;844.4;39.0",
			"item|" + mil + "|Contingents||432221.6;426842.3;5379.3;1.2",
			"item|" + mil + "|Police des Nations Unies||11501.5;14015.2;-2513.7;-21.9",
			"item|" + mil + "|Unités de police constituées||48034.2;48456.9;-422.7;-0.9",
			"subtotal|" + mil + "|Total partiel||493922.9;490635.6;3287.3;0.7",
			"heading||" + civ + "||;;;",
			"item|" + civ + "|Personnel recruté sur le plan international||160059.7;164190.8;-4131.1;-2.6",
			"item|" + civ + "|Personnel recruté sur le plan national||24989.6;29127.7;-4138.1;-16.6",
			"item|" + civ + "|Volontaires des Nations Unies||9508.3;10560.9;-1052.6;-11.1",
			"item|" + civ + "|Personnel temporaire (autre que pour les réunions)||1431.2;1430.1;1.1;0.1",
			"item|" + civ + "|Personnel fourni par des gouvernements||665.9;789.4;-123.5;-18.5",
			"subtotal|" + civ + "|Total partiel||196654.7;206098.9;-9444.2;-4.8",
			"heading||" + ops + "||;;;",
			"item|" + ops + "|Observateurs électoraux civils||–;–;–;–",
			"item|" + ops + "|Consultants et services de consultants||525.5;359.3;166.2;31.6",
			"item|" + ops + "|Voyages officiels||4720.6;1976.8;2743.8;58.1",
			"item|" + ops + "|Installations et infrastructures||137960.3;97512.0;40448.3;29.3",
			"item|" + ops + "|Transports terrestres||18463.3;16271.5;2191.8;11.9",
			"item|" + ops + "|Opérations aériennes||160208.6;112757.1;47451.5;29.6",
			"item|" + ops + "|Opérations maritimes ou fluviales||1840.3;854.8;985.5;53.6",
			"item|" + ops + "|Communications et informatique||63712.7;78801.9;-15089.2;-23.7",
			"item|" + ops + "|Santé||8671.3;9650.1;-978.8;-11.3",
			"item|" + ops + "|Matériel spécial||–;–;–;–",
			"item|" + ops + "|Fournitures, services et matériel divers||91904.5;83670.4;8234.1;9.0",
			"item|" + ops + "|Projets à effet rapide||4800.0;4770.8;29.2;0.6",
			"subtotal|" + ops + "|Total partiel||492807.1;406624.7;86182.4;17.5",
			"total||Montant brut||1183384.7;1103359.2;80025.5;6.8",
			"deduction||Recettes provenant des contributions du personnel||17365.3;18476.1;-1110.8;-6.4",
			"total||Montant net||1166019.4;1084883.1;81136.3;7.0",
			"item||Contributions volontaires en nature (budgétisées)||–;–;–;–",
			"total||Total||1183384.7;1103359.2;80025.5;6.8",
		}, nil},
	{"iii-b", "iii-b", "Récapitulatif des réaffectations de ressources", report.AmountUnit, 9763,
		[]string{"original_distribution:Répartition initiale du montant approuvé:number:A:", "redeployment:Montants réaffectés:number:A:", "revised_distribution:Répartition révisée:number:A:"},
		[]string{
			"item||I. Militaires et personnel de police||493922.9;-3287.3;490635.6",
			"item||II. Personnel civil||196654.7;9444.1;206098.8",
			"item||III. Dépenses opérationnelles||492807.1;-6156.8;486650.3",
			"total||Total||1183384.7;–;1183384.7",
		},
		[]string{":Pourcentage de réaffectations 0,8"}},
	{"iii-d", "iii-d", "Autres produits et ajustements", report.AmountUnit, 9871,
		[]string{"amount:Montant:number:A:"},
		[]string{
			"item||Produit des placements||2477.4",
			"item||Produits divers ou accessoires||468.3",
			"item||Contributions volontaires en espèces||–",
			"item||Ajustements sur exercices antérieurs||–",
			"item||Annulation d’engagements d’exercices antérieurs||45826.8",
			"total||Total||48772.5",
		}, nil},
	{"iii-e", "iii-e", "Matériel appartenant aux contingents : matériel majeur et soutien logistique autonome", report.AmountUnit, 9895,
		[]string{"expenditure:Dépenses:number:A:"},
		[]string{
			"heading||Matériel majeur||",
			"item|Matériel majeur|Contingents||89709.5",
			"item|Matériel majeur|Unités de police constituées||11829.7",
			"subtotal|Matériel majeur|Total partiel||101539.2",
			"heading||Soutien logistique autonome||",
			"item|Soutien logistique autonome|Contingents||53054.7",
			"item|Soutien logistique autonome|Unités de police constituées||5694.7",
			"subtotal|Soutien logistique autonome|Total partiel||58749.4",
			"total||Total||160288.6",
		}, nil},
	{"iii-e-factors", "iii-e", "Facteurs applicables à la Mission", "", 9928,
		[]string{"percentage:Pourcentage:string:percent:", "effective_date:Date d’entrée en vigueur:date::", "last_review_date:Date du dernier examen:date::"},
		[]string{
			"heading||A. Facteurs applicables à la zone de la Mission||;;",
			"item|A. Facteurs applicables à la zone de la Mission|Contraintes du milieu||2.4;=2017-07-01;=2016-04-01",
			"item|A. Facteurs applicables à la zone de la Mission|Usage opérationnel intensif||3.3;=2017-07-01;=2016-04-01",
			"item|A. Facteurs applicables à la zone de la Mission|Actes d’hostilité ou abandon forcé||5.4;=2017-07-01;=2016-04-01",
			"heading||B. Facteurs applicables aux pays d’origine||;;",
			"item|B. Facteurs applicables aux pays d’origine|Différentiel de transport||=0.0-5.0;;",
		}, nil},
	{"iii-f", "iii-f", "Contributions non budgétisées", report.AmountUnit, 9965,
		[]string{"value:Valeur:number:A:"},
		[]string{
			"item||Contributions prévues par l’accord sur le statut des forces|a|45201.2",
			"item||Contributions volontaires en nature (non budgétisées)||",
			"total||Total||45201.2",
		},
		[]string{"a:Y compris la valeur locative des terrains et bâtiments fournis par le Gouvernement, et les droits et redevances aéroportuaires et les redevances afférentes à la manutention du fret."}},
}

func TestTables(t *testing.T) {
	_, res := parseText(t, readSource(t))
	fr, err := source.Numbers("fr")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Tables) != len(wantTables) {
		t.Fatalf("got %d tables, want %d", len(res.Tables), len(wantTables))
	}
	for i, w := range wantTables {
		tb := res.Tables[i]
		if tb.ID != w.id || tb.Section != w.section || tb.Title != w.title || tb.Unit != w.unit || tb.Line != w.line {
			t.Errorf("table %d: got %s/%s %q %q line %d; want %s/%s %q %q line %d", i, tb.ID, tb.Section, tb.Title, tb.Unit, tb.Line, w.id, w.section, w.title, w.unit, w.line)
		}
		var cols []string
		for _, c := range tb.Columns {
			unit := c.Unit
			if unit == report.AmountUnit {
				unit = "A"
			}
			cols = append(cols, strings.Join([]string{c.Key, c.Label, c.Type, unit, strings.Join(c.Notes, ",")}, ":"))
		}
		if !reflect.DeepEqual(cols, w.columns) {
			t.Errorf("%s columns:\n got %q\nwant %q", w.id, cols, w.columns)
		}
		var rows []string
		for _, r := range tb.Rows {
			if len(r.Cells) != len(tb.Columns) {
				t.Errorf("%s row %q: %d cells for %d columns", w.id, r.Label, len(r.Cells), len(tb.Columns))
			}
			var cells []string
			for _, c := range r.Cells {
				switch {
				case c.Num != "":
					if n, ok := fr.Parse(c.Raw); !ok || n != c.Num {
						t.Errorf("%s row %q: cell Raw %q does not read as Num %q", w.id, r.Label, c.Raw, c.Num)
					}
					cells = append(cells, string(c.Num))
				case c.Text != "":
					cells = append(cells, "="+c.Text)
				default:
					cells = append(cells, c.Raw)
				}
			}
			rows = append(rows, strings.Join([]string{r.Type, r.Group, r.Label, strings.Join(r.Notes, ","), strings.Join(cells, ";")}, "|"))
		}
		if !reflect.DeepEqual(rows, w.rows) {
			for k := 0; k < max(len(rows), len(w.rows)); k++ {
				var g, x string
				if k < len(rows) {
					g = rows[k]
				}
				if k < len(w.rows) {
					x = w.rows[k]
				}
				if g != x {
					t.Errorf("%s row %d:\n got %q\nwant %q", w.id, k, g, x)
				}
			}
		}
		var notes []string
		for _, n := range tb.Notes {
			notes = append(notes, n.Label+":"+n.Text)
		}
		if !reflect.DeepEqual(notes, w.notes) {
			t.Errorf("%s notes:\n got %q\nwant %q", w.id, notes, w.notes)
		}
	}
}

func TestRawCells(t *testing.T) {
	_, res := parseText(t, readSource(t))
	r := asReport(res)
	a := r.Table("iii-a")
	if a == nil {
		t.Fatal("no iii-a")
	}
	c := a.Rows[3].Cells // Police des Nations Unies
	if c[2].Raw != "(2 513,7)" || c[2].Num != "-2513.7" || c[3].Raw != "(21,9)" {
		t.Errorf("Police des Nations Unies: got %+v", c)
	}
	f := r.Table("iii-e-factors").Rows[1].Cells
	if f[1].Raw != "1er juillet 2017" || f[1].Text != "2017-07-01" {
		t.Errorf("factor date: got %+v", f[1])
	}
	if nil := a.Rows[14].Cells[0]; nil.Raw != "–" || !nil.IsNil() {
		t.Errorf("Observateurs électoraux civils: got %+v", nil)
	}
}

// The variance items of section IV, from the source: label, group, amount,
// percentage, line of "Écart".
var wantVariances = []string{
	"Observateurs militaires|" + mil + "|844.4|39.0|9994",
	"Contingents|" + mil + "|5379.3|1.2|10008",
	"Police des Nations Unies|" + mil + "|-2513.7|-21.9|10046",
	"Unités de police constituées|" + mil + "|-422.7|-0.9|10064",
	"Personnel recruté sur le plan international|" + civ + "|-4131.1|-2.6|10080",
	"Personnel recruté sur le plan national|" + civ + "|-4138.1|-16.6|10119",
	"Volontaires des Nations Unies|" + civ + "|-1052.6|-11.1|10139",
	"Personnel fourni par des gouvernements|" + civ + "|-123.5|-18.5|10155",
	"Consultants et services de consultants|" + ops + "|166.2|31.6|10171",
	"Voyages officiels|" + ops + "|2743.8|58.1|10189",
	"Installations et infrastructures|" + ops + "|40448.3|29.3|10200",
	"Transports terrestres|" + ops + "|2191.8|11.9|10240",
	"Opérations aériennes|" + ops + "|47451.5|29.6|10278",
	"Opérations maritimes ou fluviales|" + ops + "|985.5|53.6|10317",
	"Communications et informatique|" + ops + "|-15089.2|-23.7|10331",
	"Santé|" + ops + "|-978.8|-11.3|10359",
	"Fournitures, services et matériel divers|" + ops + "|8234.1|9.0|10383",
}

func TestVariances(t *testing.T) {
	_, res := parseText(t, readSource(t))
	var got []string
	for _, v := range res.Variances {
		got = append(got, strings.Join([]string{v.Label, v.Group, string(v.Amount), string(v.Percent), itoa(v.Line)}, "|"))
		if v.ID != VarianceID(v.Label) || v.Paragraphs == nil || len(v.Paragraphs) != 0 {
			t.Errorf("variance %q: id %q, paragraphs %v", v.Label, v.ID, v.Paragraphs)
		}
	}
	if !reflect.DeepEqual(got, wantVariances) {
		t.Errorf("variances:\n got %q\nwant %q", got, wantVariances)
	}
	ids := map[string]bool{}
	for _, v := range res.Variances {
		ids[v.ID] = true
	}
	for _, id := range []string{"iv-contingents", "iv-observateurs-militaires", "iv-unites-de-police-constituees", "iv-operations-aeriennes", "iv-sante", "iv-fournitures-services-et-materiel-divers"} {
		if !ids[id] {
			t.Errorf("no variance %s", id)
		}
	}
}

func itoa(n int) string { return fmtInt(n) }

func fmtInt(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

func TestSpans(t *testing.T) {
	doc, res := parseText(t, readSource(t))
	want := []string{
		"table summary-financial 80-110", "table summary-hr 119-175", "table iii-a 9687-9762",
		"table iii-b 9768-9788", "table iii-d 9876-9894", "table iii-e 9902-9926",
		"table iii-e-factors 9928-9957", "table iii-f 9970-9988",
	}
	for _, w := range wantVariances {
		f := strings.Split(w, "|")
		n := f[4]
		// the label line follows "Écart" two file lines later
		want = append(want, "variance "+VarianceID(f[0])+" "+n+"-"+fmtInt(atoi(n)+2))
	}
	var got []string
	last := -1
	for _, s := range res.Spans {
		if s.From < 0 || s.To > len(doc.Lines) || s.From >= s.To || s.From < last {
			t.Fatalf("bad span %+v", s)
		}
		last = s.To
		kind, id := "table", s.Block.Table
		if s.Block.Variance != "" {
			kind, id = "variance", s.Block.Variance
		}
		got = append(got, kind+" "+id+" "+fmtInt(doc.Lines[s.From].N)+"-"+fmtInt(doc.Lines[s.To-1].N))
		for k := s.From; k < s.To; k++ {
			txt := doc.Lines[k].Text
			if numberedPara.MatchString(txt) || strings.HasPrefix(txt, "1 Les écarts") || strings.HasPrefix(txt, "IV.") || strings.HasPrefix(txt, "Les décisions") {
				t.Errorf("span %s takes line %d %q", id, doc.Lines[k].N, txt)
			}
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("spans:\n got %q\nwant %q", got, want)
	}
}

func atoi(s string) int {
	n := 0
	for _, r := range s {
		n = n*10 + int(r-'0')
	}
	return n
}

func TestCheck(t *testing.T) {
	_, res := parseText(t, readSource(t))
	ws, err := Check(asReport(res))
	if err != nil {
		t.Fatalf("Check: %v", err)
	}
	if len(ws) != 1 {
		t.Fatalf("got %d warnings, want 1: %+v", len(ws), ws)
	}
	w := ws[0]
	if w.Table != "iii-b" || w.Row != "II. Personnel civil" || w.Column != "revised_distribution" || w.Line != 9782 ||
		!strings.Contains(w.Message, "206098.8") || !strings.Contains(w.Message, "206098.9") {
		t.Errorf("warning: got %+v", w)
	}
}

// alterIII parses the real report with the first figure from of section
// III (and after) printed to instead.
func alterIII(t *testing.T, from, to string) *report.Report {
	t.Helper()
	s := string(readSource(t))
	i := strings.Index(s, "III. Exécution du budget")
	j := strings.Index(s[i:], from)
	if i < 0 || j < 0 {
		t.Fatalf("%s not found", from)
	}
	s = s[:i+j] + to + s[i+j+len(from):]
	_, res := parseText(t, []byte(s))
	return asReport(res)
}

func TestCheckAlteredFigure(t *testing.T) {
	_, err := Check(alterIII(t, "5 379,3", "5 379,9"))
	if err == nil {
		t.Fatal("Check accepted an altered figure")
	}
	msg := err.Error()
	for _, want := range []string{"A-76-564.fr.txt:9704:", "variance_amount", "5379.3", "5379.9", "A-76-564.fr.txt:9710:", "A-76-564.fr.txt:10008:"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error does not name %q:\n%s", want, msg)
		}
	}
}

// TestCheckAlteredDeduction: the staff assessment row is a deduction
// (gross − it = net); a figure changed there breaks the net amount.
func TestCheckAlteredDeduction(t *testing.T) {
	r := alterIII(t, "17 365,3", "17 365,9")
	var staff []string
	for _, r := range r.Table("iii-a").Rows {
		if r.Type == report.RowDeduction {
			staff = append(staff, r.Label+" "+string(r.Cells[0].Num))
		}
	}
	if want := []string{"Recettes provenant des contributions du personnel 17365.9"}; !reflect.DeepEqual(staff, want) {
		t.Fatalf("deduction rows of III.A: got %q, want %q", staff, want)
	}
	_, err := Check(r)
	if err == nil {
		t.Fatal("Check accepted an altered staff assessment")
	}
	msg := err.Error()
	for _, want := range []string{"A-76-564.fr.txt:9758:", "Montant net", "1166018.8", "the gross amount less staff assessment"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error does not name %q:\n%s", want, msg)
		}
	}
}

func TestCheckSummaryMismatch(t *testing.T) {
	b := readSource(t)
	s := strings.Replace(string(b), "Personnel civil 196 654,7  206 098,9", "Personnel civil 196 654,7  206 098,6", 1)
	_, res := parseText(t, []byte(s))
	_, err := Check(asReport(res))
	if err == nil || !strings.Contains(err.Error(), "A-76-564.fr.txt:94:") {
		t.Fatalf("expected an error at line 94, got %v", err)
	}
}

func TestVarianceID(t *testing.T) {
	for in, want := range map[string]string{
		"Contingents":                                        "iv-contingents",
		"Observateurs militaires":                            "iv-observateurs-militaires",
		"Unités de police constituées":                       "iv-unites-de-police-constituees",
		"Fournitures, services et matériel divers":           "iv-fournitures-services-et-materiel-divers",
		"Personnel temporaire (autre que pour les réunions)": "iv-personnel-temporaire-autre-que-pour-les-reunions",
	} {
		if got := VarianceID(in); got != want {
			t.Errorf("VarianceID(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestVocabularies(t *testing.T) {
	for _, l := range []string{"fr", "en"} {
		if _, err := LoadVocab(l); err != nil {
			t.Errorf("%s: %v", l, err)
		}
	}
}

// Parse and Check must not panic on damaged text.
func TestNoPanic(t *testing.T) {
	doc, _ := parseText(t, readSource(t))
	var docs []*source.Doc
	for _, in := range []string{"x", "Exécution du budget : ressources financières\n", "III. Exécution du budget\n A. Ressources financières\n"} {
		if d, err := source.Read("x.txt", []byte(in)); err == nil {
			docs = append(docs, d)
		}
	}
	// truncations and dropped lines through the tables and section IV
	first, last := doc.Index(80), doc.Index(10420)
	for k := first; k < last; k += 9 {
		if k > doc.Index(180) && k < doc.Index(9681) {
			k = doc.Index(9681)
		}
		cut := *doc
		cut.Lines = doc.Lines[:k]
		drop := *doc
		drop.Lines = append(append([]source.Line{}, doc.Lines[:k]...), doc.Lines[k+1:]...)
		docs = append(docs, &cut, &drop)
	}
	for _, d := range docs {
		res, err := Parse(d, "fr")
		if err != nil {
			continue
		}
		Check(asReport(res))
	}
	if _, err := Parse(nil, "fr"); err == nil {
		t.Error("Parse(nil) gave no error")
	}
	if _, err := Parse(doc, "xx"); err == nil {
		t.Error("Parse in an unknown language gave no error")
	}
	if _, err := Check(nil); err == nil {
		t.Error("Check(nil) gave no error")
	}
	if _, err := Check(&report.Report{Language: "fr", Tables: []*report.Table{nil, {ID: "iii-a"}}, Variances: []*report.Variance{nil}}); err != nil {
		t.Errorf("Check of empty tables: %v", err)
	}
}

// FuzzParse feeds damaged report texts to Parse and Check, which must not
// panic: go test -fuzz FuzzParse ./ingest/finance/
func FuzzParse(f *testing.F) {
	b, err := os.ReadFile(sourcePath)
	if err != nil {
		f.Skip(err)
	}
	lines := strings.Split(string(b), "\n")
	f.Add(strings.Join(lines[79:180], "\n"))
	f.Add(strings.Join(lines[9680:9800], "\n"))
	f.Add(strings.Join(lines[9860:10070], "\n"))
	f.Add(strings.Join(lines[79:180], "\n") + "\n" + strings.Join(lines[9680:10070], "\n"))
	f.Fuzz(func(t *testing.T, text string) {
		doc, err := source.Read("fuzz.txt", []byte(text))
		if err != nil {
			return
		}
		res, err := Parse(doc, "fr")
		if err != nil {
			return
		}
		for _, s := range res.Spans {
			if s.From < 0 || s.To > len(doc.Lines) || s.From >= s.To {
				t.Fatalf("bad span %+v", s)
			}
		}
		Check(asReport(res))
	})
}

// TestUnitLinesAndColumnRefs: the line under a table's title and the row of
// column numbers under its headings reach the model as printed (source
// lines 82, 9687 and 9697; the other unit lines say the unit only).
func TestUnitLinesAndColumnRefs(t *testing.T) {
	_, res := parseText(t, readSource(t))
	withPeriod := "En milliers de dollars des États-Unis ; exercice budgétaire allant du 1er juillet 2020 au 30 juin 2021."
	unitOnly := "En milliers de dollars des États-Unis"
	want := map[string]struct {
		line string
		refs []string
	}{
		"summary-financial": {withPeriod, nil},
		"summary-hr":        {"", nil},
		"iii-a":             {withPeriod, []string{"(1)", "(2)", "(3) = (1) – (2)", "(4) = (3)/(1)"}},
		"iii-b":             {unitOnly, nil},
		"iii-d":             {unitOnly, nil},
		"iii-e":             {unitOnly, nil},
		"iii-e-factors":     {"", nil},
		"iii-f":             {unitOnly, nil},
	}
	seen := 0
	for _, tb := range res.Tables {
		w, ok := want[tb.ID]
		if !ok {
			t.Errorf("table %s: not expected", tb.ID)
			continue
		}
		seen++
		if tb.UnitLine != w.line {
			t.Errorf("%s: UnitLine %q, want %q", tb.ID, tb.UnitLine, w.line)
		}
		var refs []string
		for _, c := range tb.Columns {
			if c.Ref != "" {
				refs = append(refs, c.Ref)
			}
		}
		if !reflect.DeepEqual(refs, w.refs) {
			t.Errorf("%s: column refs %q, want %q", tb.ID, refs, w.refs)
		}
	}
	if seen != len(want) {
		t.Errorf("%d of the %d tables found", seen, len(want))
	}
}

func TestColumnRefs(t *testing.T) {
	for _, c := range []struct {
		h    string
		want []string
	}{
		{"Catégorie (1) (2) (3) = (1) – (2) (4) = (3)/(1)", []string{"(1)", "(2)", "(3) = (1) – (2)", "(4) = (3)/(1)"}},
		{"Écart Montant alloué Dépenses Montant Pourcentage Catégorie (1) (2) (3) = (1) – (2) (4) = (3)/(1)", []string{"(1)", "(2)", "(3) = (1) – (2)", "(4) = (3)/(1)"}},
		{"Catégorie (1) (2) (3) = (1) – (2)", nil},                     // a column without its number
		{"Catégorie Montant (1) Dépenses (2) Écart (3) Taux (4)", nil}, // words between: not a row of numbers
		{"Catégorie Montant alloué Dépenses", nil},
		{"(1) (2) (3) Écart (4)", nil}, // words after the third
	} {
		cols := make([]report.Column, 4)
		columnRefs(cols, c.h)
		var got []string
		for _, col := range cols {
			if col.Ref != "" {
				got = append(got, col.Ref)
			}
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("columnRefs(%q) = %q, want %q", c.h, got, c.want)
		}
	}
}
