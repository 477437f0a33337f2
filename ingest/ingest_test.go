package ingest

import (
	"encoding/json"
	"os"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"

	"pkportal/ingest/source"
	"pkportal/report"
)

const realSource = "../sources/A-76-564.fr.txt"

var (
	realOnce   sync.Once
	realReport *report.Report
	realErr    error
)

// parsed returns the real report, parsed once.
func parsed(t *testing.T) *report.Report {
	t.Helper()
	realOnce.Do(func() { realReport, realErr = ParseFile(realSource) })
	if realErr != nil {
		t.Fatal(realErr)
	}
	return realReport
}

func readSource(t testing.TB) []byte {
	t.Helper()
	data, err := os.ReadFile(realSource)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// numbered maps paragraph numbers to their paragraph and section ID.
func numbered(r *report.Report) (map[int]*report.Paragraph, map[int]string) {
	ps, secs := map[int]*report.Paragraph{}, map[int]string{}
	r.Walk(func(s *report.Section) {
		for _, b := range s.Blocks {
			if p := b.Paragraph; p != nil && p.Number > 0 {
				ps[p.Number], secs[p.Number] = p, s.ID
			}
		}
	})
	return ps, secs
}

func TestMetadata(t *testing.T) {
	r := parsed(t)
	want := report.Report{
		SchemaVersion: report.SchemaVersion,
		Symbol:        "A/76/564",
		Slug:          "a-76-564",
		Language:      "fr",
		JobNumber:     "21-17313",
		Title:         "Exécution du budget de la Mission multidimensionnelle intégrée des Nations Unies pour la stabilisation au Mali pour l’exercice allant du 1er juillet 2020 au 30 juin 2021",
		Mission:       report.Mission{Acronym: "MINUSMA", Name: "Mission multidimensionnelle intégrée des Nations Unies pour la stabilisation au Mali"},
		Period:        report.Period{Start: "2020-07-01", End: "2021-06-30", Label: "2020/21"},
		Unit:          report.AmountUnit,
		Source:        "A-76-564.fr.txt",
		Previous:      &report.Previous{Period: "2019/20", Expenditure: "1136.9", UtilizationRate: "99.9", Line: r.Previous.Line},
	}
	got := *r
	got.Sections, got.Tables, got.Components, got.Variances, got.Decisions, got.FollowUp, got.Footnotes, got.Warnings = nil, nil, nil, nil, nil, nil, nil, nil
	if !reflect.DeepEqual(got, want) {
		t.Errorf("metadata:\n got %+v\nwant %+v", got, want)
	}
}

func TestSectionTree(t *testing.T) {
	r := parsed(t)
	var ids []string
	r.Walk(func(s *report.Section) { ids = append(ids, s.ID+"/"+strconv.Itoa(s.Level)) })
	want := "summary/1 i/1 ii/1 ii-a/2 ii-b/2 ii-c/2 ii-d/2 ii-e/2 ii-f/2 ii-f-1/3 ii-f-2/3 ii-f-3/3 ii-f-4/3 ii-f-5/3 " +
		"iii/1 iii-a/2 iii-b/2 iii-c/2 iii-d/2 iii-e/2 iii-f/2 iv/1 v/1 vi/1"
	if got := strings.Join(ids, " "); got != want {
		t.Errorf("sections:\n got %s\nwant %s", got, want)
	}
	titles := map[string]string{}
	r.Walk(func(s *report.Section) { titles[s.ID] = s.Title })
	for id, title := range map[string]string{
		"summary": "Résumé",
		"ii-e":    "Partenariats, coordination avec l’équipe de pays et missions intégrées",
		"iii-e":   "Matériel appartenant aux contingents : matériel majeur et soutien logistique autonome",
		"iv":      "Analyse des écarts",
		"vi":      "Récapitulatif des mesures prises pour donner suite aux décisions et demandes formulées par l’Assemblée générale dans sa résolution 75/302",
		"ii-f-1":  "Composante 1 : engagement politique, application de l’accord de paix dans le nord et mise en œuvre de la stratégie axée sur les aspects politiques pour le centre",
		"ii-f-4":  "Composante 4 : rétablissement de l’autorité de l’État, stabilisation et état de droit dans le centre et le nord du Mali",
		"ii-f-5":  "Composante 5 : appui",
	} {
		if titles[id] != title {
			t.Errorf("title of %s = %q, want %q", id, titles[id], title)
		}
	}
	if len(r.Components) != 5 {
		t.Fatalf("%d components, want 5", len(r.Components))
	}
	for i, c := range r.Components {
		if c.Number != i+1 || c.ID != "ii-f-"+strconv.Itoa(i+1) || c.Title != titles[c.ID] {
			t.Errorf("component %d: %+v", i+1, c)
		}
	}
	// "IV. Analyse des écarts1": the heading calls footnote 1, and only it
	var called []string
	r.Walk(func(s *report.Section) {
		for _, n := range s.Notes {
			called = append(called, s.ID+":"+n)
		}
	})
	if strings.Join(called, " ") != "iv:1" {
		t.Errorf("headings calling footnotes: %v, want iv:1", called)
	}
	// III.C says that its chart is not in the text
	var note bool
	r.Walk(func(s *report.Section) {
		if s.ID == "iii-c" && len(s.Blocks) > 0 && s.Blocks[0].Note != "" {
			note = true
		}
	})
	if !note {
		t.Error("III.C has no note about its chart")
	}
}

func TestParagraphsInSections(t *testing.T) {
	r := parsed(t)
	var nums []int
	for _, p := range r.Paragraphs() {
		if p.Number > 0 {
			nums = append(nums, p.Number)
		}
	}
	if len(nums) != 74 {
		t.Fatalf("%d numbered paragraphs, want 74", len(nums))
	}
	for i, n := range nums {
		if n != i+1 {
			t.Fatalf("paragraph %d is numbered %d", i+1, n)
		}
	}
	_, secs := numbered(r)
	ranges := []struct {
		sec      string
		from, to int
	}{
		{"i", 1, 3}, {"ii-a", 4, 5}, {"ii-b", 6, 18}, {"ii-c", 19, 21}, {"ii-d", 22, 23},
		{"ii-e", 24, 25}, {"ii-f-1", 26, 31}, {"ii-f-2", 32, 38}, {"ii-f-3", 39, 43},
		{"ii-f-4", 44, 48}, {"ii-f-5", 49, 50}, {"iii-b", 51, 53}, {"iii-c", 54, 54},
		{"iv", 55, 73}, {"v", 74, 74},
	}
	for _, rg := range ranges {
		for n := rg.from; n <= rg.to; n++ {
			if secs[n] != rg.sec {
				t.Errorf("paragraph %d is in %q, want %q", n, secs[n], rg.sec)
			}
		}
	}
	// unnumbered paragraphs: the summary's five, II.B's two subheadings
	var unnumbered []string
	for _, p := range r.Paragraphs() {
		if p.Number == 0 {
			unnumbered = append(unnumbered, p.ID)
		}
	}
	if got := strings.Join(unnumbered, " "); got != "summary-p1 summary-p2 summary-p3 summary-p4 summary-p5 ii-b-p1 ii-b-p2" {
		t.Errorf("unnumbered paragraphs: %s", got)
	}
}

func TestParagraphTexts(t *testing.T) {
	r := parsed(t)
	ps, _ := numbered(r)
	for n, want := range map[int][2]string{
		1:  {"Dans son rapport du 10 mars 2020 (A/74/745), le Secrétaire général a présenté le projet de budget", "et 19 membres du personnel fourni par des gouvernements."},
		3:  {"Par sa résolution 74/290 et sa décision 74/571, l’Assemblée générale a ouvert", "pour l’exercice 2020/21. La totalité de ce montant a été mise en recouvrement auprès des États Membres."},
		5:  {"Comme l’a demandé le Conseil,", "présentent les réalisations et les produits par composante (déroulement du processus de paix ; réformes politiques et institutionnelles et élections ; sécurité et protection des civils ; protection et promotion des droits de l’homme ; rétablissement et extension de l’autorité de l’État et état de droit ; appui à la Mission)."},
		31: {"En ce qui concerne l’instabilité et la violence qui persistent dans le centre du pays,", "pour renforcer les processus locaux de réconciliation."},
		54: {"Le pic constaté en juillet 2020 s’explique principalement", "au soutien logistique autonome pour l’exercice 2020/21."},
		71: {"Le dépassement de crédits s’explique principalement comme suit :", "Le dépassement de crédits s’explique principalement comme suit :"},
	} {
		p := ps[n]
		if p == nil {
			t.Errorf("no paragraph %d", n)
			continue
		}
		if !strings.HasPrefix(p.Text, want[0]) || !strings.HasSuffix(p.Text, want[1]) {
			t.Errorf("paragraph %d:\n%s\nwant start %q and end %q", n, p.Text, want[0], want[1])
		}
	}
	if got := ps[5].Text; !strings.Contains(got, "dans les tableaux ci-après. Ceux-ci") || !strings.Contains(got, "rétablir l’autorité") {
		t.Errorf("paragraph 5 not repaired: %s", got)
	}
	if got := ps[71].Items[1].Text; !strings.Contains(got, "compte tenu des nouvelles priorités") {
		t.Errorf("paragraph 71 b): %s", got)
	}
	// the footnote printed in the middle of paragraph 59 is not in it
	if got := ps[59].Items[0].Text; got != "un coefficient d’ajustement pour l’indemnité de poste (43,3 %) plus élevé que celui prévu au budget (28,4 %)" {
		t.Errorf("paragraph 59 a): %q", got)
	}
	bad := []string{"21-17313", "undocs.org", " ’", "composan te", "remboursée s", "nouv elles", "Réalisation escomptée", "Les écarts, dont", "__", "₋", "  "}
	for _, p := range r.Paragraphs() {
		all := []string{p.Text, p.Tail}
		for _, it := range p.Items {
			all = append(all, it.Text)
			for _, it2 := range it.Items {
				all = append(all, it2.Text)
			}
		}
		for _, s := range all {
			for _, b := range bad {
				if strings.Contains(s, b) {
					t.Errorf("%s contains %q: %s", p.ID, b, s)
				}
			}
		}
	}
}

func itemLabels(items []report.Item) string {
	var ls []string
	for _, it := range items {
		l := it.Label
		if len(it.Items) > 0 {
			l += "(" + itemLabels(it.Items) + ")"
		}
		ls = append(ls, l)
	}
	return strings.Join(ls, ",")
}

func TestItems(t *testing.T) {
	r := parsed(t)
	ps, _ := numbered(r)
	p53 := ps[53]
	if itemLabels(p53.Items) != "a,b,c,d" || p53.Tail != "" {
		t.Errorf("paragraph 53 items %s tail %q", itemLabels(p53.Items), p53.Tail)
	}
	if !strings.HasSuffix(p53.Text, "situation qui s’explique comme ceci :") ||
		p53.Items[0].Text != "six avions de renseignement, de reconnaissance et de surveillance n’ont pas été déployés, un pays fournisseur de contingents n’ayant pas pu honorer l’engagement pris de les livrer et la procédure d’acquisition dans le commerce de matériel de remplacement ayant été trop lente" ||
		p53.Items[3].Text != "le contrat complet d’exploitation et d’entretien des systèmes d’approvisionnement en eau et de traitement des eaux usées n’a pas été exécuté, les négociations avec les fournisseurs n’ayant pas abouti." {
		t.Errorf("paragraph 53: %+v", p53)
	}
	var s4 *report.Paragraph
	for _, p := range r.Paragraphs() {
		if p.ID == "summary-p4" {
			s4 = p
		}
	}
	if s4 == nil {
		t.Fatal("no summary-p4")
	}
	if itemLabels(s4.Items) != "a(i,ii,iii,iv),b,c" {
		t.Errorf("summary-p4 items %s", itemLabels(s4.Items))
	}
	if s4.Text != "Le solde inutilisé de 80,0 millions de dollars est le résultat net des facteurs suivants :" ||
		s4.Items[0].Text != "la réduction des dépenses opérationnelles, qui s’explique principalement comme suit :" ||
		s4.Items[0].Items[3].Text != "les travaux ou projets d’amélioration de la sécurité prévus dans toute la zone de la mission n’ont pas été menés à bien en raison de la pandémie de maladie à coronavirus 2019 (COVID-19)" ||
		!strings.HasSuffix(s4.Items[2].Text, "et par l’augmentation du coefficient d’ajustement.") {
		t.Errorf("summary-p4: %+v", s4)
	}
	// paragraph 56: one run of items, the second run stays in the tail
	p56 := ps[56]
	if got := p56.FullText(); !strings.Contains(got, "directement dans quatre points de distribution ; b) le mauvais état de certains équipements") {
		t.Errorf("paragraph 56 written back without its separator: %q", got)
	}
	if itemLabels(p56.Items) != "a,b" || !strings.HasPrefix(p56.Tail, "Elle a été contrebalancée en partie par un dépassement de crédits au titre : a) du remboursement") ||
		!strings.HasSuffix(p56.Tail, "; c) du fret et du déploiement du matériel appartenant aux contingents en raison du rapatriement imprévu de plusieurs unités et systèmes et d’une unité médicale de niveau II.") {
		t.Errorf("paragraph 56: %+v", p56)
	}
	// paragraph 18: items printed as a list run to the paragraph's end
	p18 := ps[18]
	if itemLabels(p18.Items) != "a,b,c,d,e,f,g,h" || p18.Tail != "" || !strings.HasPrefix(p18.Items[7].Text, "Affaires judiciaires et pénitentiaires. La Mission a donné") {
		t.Errorf("paragraph 18: %s tail %q", itemLabels(p18.Items), p18.Tail)
	}
	// a lone "a)" is text
	if p := ps[61]; len(p.Items) != 0 || !strings.Contains(p.Text, "par : a) un taux de vacance") {
		t.Errorf("paragraph 61: %+v", p)
	}
}

func TestCitations(t *testing.T) {
	r := parsed(t)
	ps, _ := numbered(r)
	for n, want := range map[int][]report.Citation{
		1: {{Text: "A/74/745", Symbol: "A/74/745", URL: "https://undocs.org/fr/A/74/745"}},
		2: {{Text: "A/74/737/Add.11", Symbol: "A/74/737/Add.11", URL: "https://undocs.org/fr/A/74/737/Add.11"}},
		3: {{Text: "74/290", Symbol: "A/RES/74/290", URL: "https://undocs.org/fr/A/RES/74/290"}},
		4: {
			{Text: "2100 (2013)", Symbol: "S/RES/2100(2013)", URL: "https://undocs.org/fr/S/RES/2100(2013)"},
			{Text: "2531 (2020)", Symbol: "S/RES/2531(2020)", URL: "https://undocs.org/fr/S/RES/2531(2020)"},
		},
	} {
		got := ps[n].Citations
		if len(got) != len(want) {
			t.Errorf("paragraph %d citations %+v, want %+v", n, got, want)
			continue
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("paragraph %d citation %d = %+v, want %+v", n, i, got[i], want[i])
			}
		}
	}
	voc, _ := loadVocabulary("fr")
	got := citations(voc, "fr", "dans ses résolutions 2480 (2019) et 2531 (2020), et la résolution 75/302 (voir A/C.5/75/10 et S/2021/519)")
	var syms []string
	for _, c := range got {
		syms = append(syms, c.Symbol)
	}
	if strings.Join(syms, " ") != "S/RES/2480(2019) S/RES/2531(2020) A/RES/75/302 A/C.5/75/10 S/2021/519" {
		t.Errorf("citations: %v", syms)
	}
}

func TestDecisions(t *testing.T) {
	r := parsed(t)
	if len(r.Decisions) != 2 {
		t.Fatalf("%d decisions, want 2", len(r.Decisions))
	}
	for i, want := range []struct {
		label  string
		amount report.Decimal
		start  string
	}{
		{"a", "80025500", "se prononce sur l’affectation du solde inutilisé de l’exercice budgétaire allant du 1er juillet 2020 au 30 juin 2021, soit 80 025 500 dollars"},
		{"b", "48772500", "se prononce sur l’affectation des autres produits de l’exercice clos le 30 juin 2021, soit 48 772 500 dollars [produits des placements"},
	} {
		d := r.Decisions[i]
		if d.Paragraph != 74 || d.Label != want.label || d.Amount != want.amount || !strings.HasPrefix(d.Text, want.start) {
			t.Errorf("decision %d: %+v", i, d)
		}
	}
	ps, _ := numbered(r)
	if p := ps[74]; p == nil || len(p.Items) != 2 {
		t.Error("paragraph 74 is not kept as a paragraph with its items")
	}
}

func TestFollowUp(t *testing.T) {
	r := parsed(t)
	want := []struct{ par, request, requestEnd, action, actionEnd string }{
		{"12", "Se dit de nouveau gravement préoccupée par la menace", "et les entités des Nations Unies présentes dans le pays (par. 12).",
			"La MINUSMA a maintenu l’équipe spéciale intégrée", "au niveau national et au niveau de la Mission."},
		{"13", "Prend note des mesures qui ont été adoptées", "dans le cadre de la lutte contre la pandémie (par. 13).",
			"Au cours de l’exercice, la MINUSMA a convoqué 13 réunions", "ainsi que sur la planification du retour sur le lieu de travail."},
		{"14", "Note avec préoccupation les effets à moyen et à long terme", "en particulier en Afrique (par. 14).",
			"Au cours de l’exercice, la MINUSMA a continué d’organiser", "pour l’ensemble des entités des Nations Unies présentes au Mali."},
		{"20", "Prie le Secrétaire général de veiller à ce que la Mission", "sur la mise en place par la Mission des contrôles voulus (par. 20).",
			"La MINUSMA a continué de rendre compte", "et du Système complet de planification et d’évaluation de la performance."},
		{"35", "Souligne également l’importance", "dans ses rapports sur l’exécution du budget de ces opérations (par. 35).",
			"La MINUSMA s’attache à donner suite aux recommandations", "et assure la liaison avec les organes de contrôle."},
	}
	if len(r.FollowUp) != len(want) {
		t.Fatalf("%d follow-up rows, want %d", len(r.FollowUp), len(want))
	}
	for i, w := range want {
		f := r.FollowUp[i]
		if f.ID != "vi-"+strconv.Itoa(i+1) || f.Body != "Assemblée générale" || f.Resolution != "75/302" || f.ResolutionParagraph != w.par ||
			!strings.HasPrefix(f.Request, w.request) || !strings.HasSuffix(f.Request, w.requestEnd) ||
			!strings.HasPrefix(f.Action, w.action) || !strings.HasSuffix(f.Action, w.actionEnd) ||
			strings.Contains(f.Action, "Décision ou demande") || strings.Contains(f.Request, "Mesures prises") {
			t.Errorf("follow-up row %d: %+v", i+1, f)
		}
	}
}

func TestFootnotes(t *testing.T) {
	r := parsed(t)
	want := []report.Note{{Label: "1", Text: "Les écarts, dont le montant est exprimé en milliers de dollars des États-Unis, sont analysés lorsqu’ils atteignent ± 5 % ou 100 000 dollars."}}
	if len(r.Footnotes) != 1 || r.Footnotes[0] != want[0] {
		t.Errorf("footnotes %+v, want %+v", r.Footnotes, want)
	}
}

// replaceLine returns the real source with line n (1-based) replaced.
func replaceLine(t *testing.T, n int, find, repl string) []byte {
	t.Helper()
	lines := strings.Split(string(readSource(t)), "\n")
	if !strings.Contains(lines[n-1], find) {
		t.Fatalf("line %d has no %q: %q", n, find, lines[n-1])
	}
	lines[n-1] = strings.Replace(lines[n-1], find, repl, 1)
	return []byte(strings.Join(lines, "\n"))
}

func TestMissingSection(t *testing.T) {
	data := replaceLine(t, 863, "C. Activités d’appui de la mission", "")
	_, err := Parse("A-76-564.fr.txt", data)
	if err == nil || !strings.Contains(err.Error(), "A-76-564.fr.txt") || !strings.Contains(err.Error(), "II.C") ||
		!strings.Contains(err.Error(), "C. Activités d’appui de la mission") {
		t.Errorf("missing II.C: %v", err)
	}
}

func TestDuplicateParagraph(t *testing.T) {
	data := replaceLine(t, 886, "20. Malgré", "19. Malgré")
	_, err := Parse("A-76-564.fr.txt", data)
	if err == nil || !strings.Contains(err.Error(), "A-76-564.fr.txt:886:") || !strings.Contains(err.Error(), "paragraph 19 repeats") {
		t.Errorf("duplicate 19: %v", err)
	}
}

func TestBadInputs(t *testing.T) {
	if _, err := Parse("A-76-564.fr.txt", nil); err == nil || !strings.Contains(err.Error(), "A-76-564.fr.txt") {
		t.Errorf("empty file: %v", err)
	}
	if _, err := Parse("A-76-564.txt", readSource(t)); err == nil || !strings.Contains(err.Error(), "language") {
		t.Errorf("no language: %v", err)
	}
	if _, err := Parse("A-76-564.xx.txt", readSource(t)); err == nil || !strings.Contains(err.Error(), "xx") {
		t.Errorf("unknown language: %v", err)
	}
	if _, err := Parse("A-76-564.fr.txt", []byte("Bonjour\n")); err == nil || !strings.Contains(err.Error(), "A-76-564.fr.txt:1:") {
		t.Errorf("no heading: %v", err)
	}
}

func TestCorrections(t *testing.T) {
	data := []byte("un\ndeux trois\n")
	out, err := applyCorrections("x.fr.txt", data, []Correction{{Line: 2, Find: "trois", Replace: "3", Reason: "r"}})
	if err != nil || string(out) != "un\ndeux 3\n" {
		t.Errorf("apply: %q %v", out, err)
	}
	_, err = applyCorrections("x.fr.txt", data, []Correction{{Line: 1, Find: "trois", Replace: "3", Reason: "r"}})
	if err == nil || err.Error() != `ingest x.fr.txt line 1: x.fr.corrections.json entry 1: "trois" is not on this line, found "un"` {
		t.Errorf("find not on line: %v", err)
	}
	if CorrectionsPath("../sources/A-76-564.fr.txt") != "../sources/A-76-564.fr.corrections.json" {
		t.Error(CorrectionsPath("../sources/A-76-564.fr.txt"))
	}
	// the real corrections file applies
	if _, err := ApplyCorrections(realSource, readSource(t)); err != nil {
		t.Error(err)
	}
}

// A page break prints a row's cells as planned part, remark part, planned
// rest, remark rest: two moves put each column back in one run, and every
// line keeps its number.
func TestCorrectionMove(t *testing.T) {
	src := "Publication de guides pour les\n\nforces et séances de formation\n\nNon En raison du rôle\n\ndes Forces maliennes\n spécialisée sur les opérations\n\nélectorales et la sécurité\n\ndans cette instabilité, l’activité\n\na été réorientée\n\nRéalisation escomptée 1.4 : …\n"
	moves := []Correction{
		{Kind: CorrectMove, Line: 3, Find: "séances de formation", From: 8, To: 10, First: "spécialisée", Last: "la sécurité", Reason: "page break"},
		{Kind: CorrectMove, Line: 7, Find: "des Forces maliennes", From: 12, To: 14, First: "dans cette", Last: "réorientée", Reason: "page break"},
	}
	out, err := applyCorrections("x.fr.txt", []byte(src), moves)
	if err != nil {
		t.Fatal(err)
	}
	want := "Publication de guides pour les\n\nforces et séances de formation spécialisée sur les opérations électorales et la sécurité\n\nNon En raison du rôle\n\ndes Forces maliennes dans cette instabilité, l’activité a été réorientée\n\n\n\n\n\n\n\n\nRéalisation escomptée 1.4 : …\n"
	if string(out) != want {
		t.Errorf("moved:\n%q\nwant\n%q", out, want)
	}
	// a compound's hyphen at the end of a line joins without a space
	out, err = applyCorrections("x.fr.txt", []byte("au niveau\nx\nsous-\nrégional\n"), []Correction{{Kind: CorrectMove, Line: 1, Find: "niveau", From: 3, To: 4, First: "sous-", Last: "régional", Reason: "r"}})
	if err != nil || string(out) != "au niveau sous-régional\nx\n\n\n" {
		t.Errorf("hyphen: %q %v", out, err)
	}
	// an entry that no longer matches its source names the source, the
	// line, the corrections file and the entry
	for _, c := range []struct {
		change func(*Correction)
		want   string
	}{
		{func(c *Correction) { c.First = "spécialisées" }, `ingest x.fr.txt line 8: x.fr.corrections.json entry 2: move: the first line moved does not start with "spécialisées", found "spécialisée sur les opérations"`},
		{func(c *Correction) { c.To = 8 }, `ingest x.fr.txt line 8: x.fr.corrections.json entry 2: move: the last line moved does not end with "la sécurité", found "spécialisée sur les opérations"`},
		{func(c *Correction) { c.Find = "séances de travail" }, `ingest x.fr.txt line 3: x.fr.corrections.json entry 2: "séances de travail" is not on this line, found "forces et séances de formation"`},
		{func(c *Correction) { c.Line, c.Find = 8, "spécialisée" }, `ingest x.fr.txt line 8: x.fr.corrections.json entry 2: move: line 8 is among the lines moved (8 to 10)`},
		{func(c *Correction) { c.From, c.To = 15, 15 }, `ingest x.fr.txt line 15: x.fr.corrections.json entry 2: move: lines 15 to 15 are blank`},
		{func(c *Correction) { c.Reason = "" }, `ingest x.fr.txt line 3: x.fr.corrections.json entry 2: no reason: every correction says why no rule can do it`},
		{func(c *Correction) { c.Kind = "shift" }, `ingest x.fr.txt line 3: x.fr.corrections.json entry 2: unknown kind "shift" ("replace" or "move")`},
		{func(c *Correction) { c.To = 99 }, `ingest x.fr.txt line 8: x.fr.corrections.json entry 2: move: lines 8 to 99 are not lines of the file (it has 17)`},
	} {
		first := moves[0]
		c.change(&first)
		_, err := applyCorrections("x.fr.txt", []byte(src), []Correction{{Line: 1, Find: "Publication", Replace: "Publication", Reason: "r"}, first})
		if err == nil || err.Error() != c.want {
			t.Errorf("got  %v\nwant %s", err, c.want)
		}
	}
	// the real file: the page break of output 1.3 o13 takes two entries,
	// every entry has its reason
	raw, err := os.ReadFile(CorrectionsPath(realSource))
	if err != nil {
		t.Fatal(err)
	}
	var cs []Correction
	if err := json.Unmarshal(raw, &cs); err != nil {
		t.Fatal(err)
	}
	var n int
	for _, c := range cs {
		if c.Reason == "" {
			t.Errorf("entry of line %d has no reason", c.Line)
		}
		if c.Line >= 2271 && c.Line <= 2292 {
			n++
		}
	}
	if len(cs) != 4 || n != 2 {
		t.Errorf("%d entries, %d for output 1.3 o13; want 4 and 2", len(cs), n)
	}
}

func TestParseDir(t *testing.T) {
	rs, err := ParseDir("../sources")
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 1 || rs[0].Symbol != "A/76/564" {
		t.Errorf("ParseDir: %d reports", len(rs))
	}
}

func TestSplitItems(t *testing.T) {
	lead, items, tail := splitItems("Voir a) ceci ; b) cela ; c) autre chose. Suite ; a) x.", nil)
	if lead != "Voir" || itemLabels(items) != "a,b,c" || items[2].Text != "autre chose." || tail != "Suite ; a) x." {
		t.Errorf("%q %+v %q", lead, items, tail)
	}
	if _, items, _ := splitItems("le point a) seulement, puis c) ici et a) là", nil); items != nil {
		t.Errorf("labels out of sequence made items: %+v", items)
	}
	_, items, _ = splitItems("x : a) un : i) p ; ii) q ; b) deux ; h) z ; c) trois", nil)
	if itemLabels(items) != "a(i,ii),b,c" || items[1].Text != "deux ; h) z" {
		t.Errorf("nested: %+v", items)
	}
	// the separator that ends each item, as the text has it
	seps := func(its []report.Item) string {
		var out []string
		var walk func([]report.Item)
		walk = func(its []report.Item) {
			for _, it := range its {
				out = append(out, it.Label+"="+strconv.Quote(it.Sep))
				walk(it.Items)
			}
		}
		walk(its)
		return strings.Join(out, " ")
	}
	for _, c := range []struct{ text, want string }{
		{"Voir a) ceci ; b) cela ; c) autre chose. Suite ; a) x.", `a=" ;" b=" ;" c=""`},
		{"Voir a) ceci, b) cela; c) autre chose , d) fin.", `a="," b=";" c=" ," d=""`},
		// an item with sub-items: its own text's separator, and the one
		// that ends the item at the end of its last sub-item
		{"x : a) un, i) p ; ii) q ; b) deux ; h) z ; c) trois", `a="," i=" ;" ii=" ;" b=" ;" c=""`},
		{"x : a) un : i) p ; ii) q ; b) deux. Suite.", `a="" i=" ;" ii=" ;" b=""`},
		// a second run ends the first: the last item keeps its separator
		{"Par : a) un ; b) deux ; a) encore ; b) fin.", `a=" ;" b=" ;"`},
		// spaces are not a separator
		{"Voir a) ceci  b) cela.", `a="" b=""`},
	} {
		lead, items, tail := splitItems(c.text, nil)
		if got := seps(items); got != c.want {
			t.Errorf("%q: separators %s, want %s", c.text, got, c.want)
		}
		for _, it := range items {
			if strings.HasSuffix(it.Text, ";") || strings.HasSuffix(it.Text, ",") || strings.HasSuffix(it.Text, " ") {
				t.Errorf("%q: item %s keeps its separator: %q", c.text, it.Label, it.Text)
			}
		}
		// written back, the paragraph is the text
		p := report.Paragraph{Text: lead, Items: items, Tail: tail}
		if got := strings.Join(strings.Fields(p.FullText()), " "); got != strings.Join(strings.Fields(c.text), " ") {
			t.Errorf("FullText %q, want %q", got, c.text)
		}
	}
}

func TestOtherParsersPlaced(t *testing.T) {
	r := parsed(t)
	var blocks []string
	r.Walk(func(s *report.Section) {
		for _, b := range s.Blocks {
			switch {
			case b.Table != "":
				blocks = append(blocks, s.ID+":"+b.Table)
			case b.Paragraph != nil && s.ID == "summary":
				blocks = append(blocks, s.ID+":"+b.Paragraph.ID)
			}
		}
	})
	want := "summary:summary-p1 summary:summary-p2 summary:summary-p3 summary:summary-p4 summary:summary-financial summary:summary-hr summary:summary-p5 " +
		"iii-a:iii-a iii-b:iii-b iii-d:iii-d iii-e:iii-e iii-e:iii-e-factors iii-f:iii-f"
	if got := strings.Join(blocks, " "); got != want {
		t.Errorf("blocks:\n got %s\nwant %s", got, want)
	}
	var counts []string
	total := 0
	for _, c := range r.Components {
		counts = append(counts, strconv.Itoa(len(c.Accomplishments)))
		total += len(c.Accomplishments)
		for _, a := range c.Accomplishments {
			if !strings.HasPrefix(a.Number, strconv.Itoa(c.Number)+".") {
				t.Errorf("accomplishment %s in component %d", a.Number, c.Number)
			}
		}
	}
	if total != 16 || strings.Join(counts, ",") != "5,4,3,3,1" {
		t.Errorf("accomplishments per component: %v", counts)
	}
	pars := map[string]string{}
	for _, v := range r.Variances {
		var ns []string
		for _, n := range v.Paragraphs {
			ns = append(ns, strconv.Itoa(n))
		}
		pars[v.Label] = strings.Join(ns, ",")
	}
	if len(r.Variances) != 17 || pars["Observateurs militaires"] != "55" || pars["Installations et infrastructures"] != "65,66" ||
		pars["Transports terrestres"] != "67,68" || pars["Fournitures, services et matériel divers"] != "73" {
		t.Errorf("%d variances, paragraphs %v", len(r.Variances), pars)
	}
	// every paragraph of section IV explains one variance
	seen := map[int]bool{}
	for _, v := range r.Variances {
		for _, n := range v.Paragraphs {
			seen[n] = true
		}
	}
	for n := 55; n <= 73; n++ {
		if !seen[n] {
			t.Errorf("paragraph %d explains no variance", n)
		}
	}
}

func TestValidateReferences(t *testing.T) {
	r, err := ParseFile(realSource)
	if err != nil {
		t.Fatal(err)
	}
	r.Sections[len(r.Sections)-1].Blocks = append(r.Sections[len(r.Sections)-1].Blocks,
		report.Block{Table: "nope"}, report.Block{Variance: "iv-nope"}, report.Block{Accomplishment: "ea-9-9"})
	r.Tables = append(r.Tables, &report.Table{ID: "iii-a", Section: "iii-a"})
	_, err = Validate(r)
	for _, want := range []string{`table "nope"`, `variance "iv-nope"`, `"ea-9-9"`, `table id "iii-a" is used twice`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Validate: want %s in %v", want, err)
		}
	}
}

// TestFallbackMode parses the real report without the other parsers: their
// text is skipped by the vocabulary's markers, and the paragraphs are the
// same.
func TestFallbackMode(t *testing.T) {
	fallback := func(*source.Doc, string) (*external, error) { return &external{Fallback: true}, nil }
	data, err := ApplyCorrections(realSource, readSource(t))
	if err != nil {
		t.Fatal(err)
	}
	r, err := parse("A-76-564.fr.txt", data, fallback)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := numbered(parsed(t))
	got, _ := numbered(r)
	if len(got) != 74 {
		t.Fatalf("%d paragraphs", len(got))
	}
	for n, p := range want {
		if q := got[n]; q == nil || q.Text != p.Text || q.Tail != p.Tail || itemLabels(q.Items) != itemLabels(p.Items) {
			t.Errorf("paragraph %d differs in fallback mode", n)
		}
	}
	if len(r.FollowUp) != 5 || len(r.Decisions) != 2 {
		t.Errorf("%d follow-up rows, %d decisions", len(r.FollowUp), len(r.Decisions))
	}
}

func TestParagraphGap(t *testing.T) {
	data := replaceLine(t, 886, "20. Malgré", "21. Malgré")
	_, err := Parse("A-76-564.fr.txt", data)
	if err == nil || !strings.Contains(err.Error(), "A-76-564.fr.txt:886: paragraph 21 follows paragraph 19: expected paragraph 20") {
		t.Errorf("gap: %v", err)
	}
}

// TestFullTextAsPrinted checks that every paragraph with items, numbered or
// not, reads in FullText as the source prints it: its text is, whitespace
// collapsed, the join of the paragraph's own lines of the source (after the
// corrections, "N. " left out, cleaned as ingest cleans every paragraph),
// separators "; b)" and ", b)" included. The only lines left out are those
// of a footnote printed at the bottom of a page that the paragraph runs
// across (paragraph 59), which must be a footnote of the report.
func TestFullTextAsPrinted(t *testing.T) {
	r := parsed(t)
	data, err := ApplyCorrections(realSource, readSource(t))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := source.Read("A-76-564.fr.txt", data)
	if err != nil {
		t.Fatal(err)
	}
	collapse := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	checked, seps := 0, 0
	for _, p := range r.Paragraphs() {
		if len(p.Items) == 0 {
			continue
		}
		checked++
		got := collapse(p.FullText())
		var count func([]report.Item)
		count = func(its []report.Item) {
			for _, it := range its {
				if it.Sep != "" {
					seps++
				}
				count(it.Items)
			}
		}
		count(p.Items)
		k := doc.Index(p.Line)
		if k < 0 {
			t.Errorf("%s: line %d not in the document", p.ID, p.Line)
			continue
		}
		lines := paragraphLines(t, r, doc, k)
		if p.Number > 0 {
			m := paraStart.FindStringSubmatch(lines[0].Text)
			if m == nil || m[1] != strconv.Itoa(p.Number) {
				t.Errorf("%s: line %d does not start paragraph %d: %q", p.ID, p.Line, p.Number, lines[0].Text)
				continue
			}
			lines[0].Text = m[2]
		}
		// the paragraph's text is the join of its first n lines, for some n
		var want string
		found := false
		for n := 1; n <= len(lines) && len(want) <= len(got); n++ {
			want = collapse(doc.Join(lines[:n]))
			if want == got {
				found = true
				break
			}
		}
		if !found {
			src := collapse(doc.Join(lines[:min(len(lines), 40)]))
			i := 0
			for i < len(got) && i < len(src) && got[i] == src[i] {
				i++
			}
			t.Errorf("%s (line %d): FullText is not the source's text; they differ at byte %d:\n got …%s\n src …%s",
				p.ID, p.Line, i, got[max(0, i-60):min(len(got), i+60)], src[max(0, i-60):min(len(src), i+60)])
		}
	}
	if checked < 10 {
		t.Errorf("only %d paragraphs with items", checked)
	}
	t.Logf("%d paragraphs with items checked, %d separators", checked, seps)
}

// paragraphLines returns the lines of the document from index k on, the
// footnotes (a rule "____" and the notes "N  Text…" under it, up to the
// end of their sentence) left out; each footnote must be one of r's.
func paragraphLines(t *testing.T, r *report.Report, doc *source.Doc, k int) []source.Line {
	t.Helper()
	notes := map[string]bool{}
	for _, n := range r.Footnotes {
		notes[n.Label+" "+n.Text] = true
	}
	var out []source.Line
	for i := k; i < len(doc.Lines) && i < k+200; i++ { // a paragraph is shorter
		if !footRule.MatchString(doc.Lines[i].Text) {
			out = append(out, doc.Lines[i])
			continue
		}
		for i+1 < len(doc.Lines) {
			m := footLine.FindStringSubmatch(doc.Lines[i+1].Text)
			if m == nil {
				break
			}
			note := []source.Line{{N: doc.Lines[i+1].N, Text: m[2]}}
			i++
			for !strings.HasSuffix(note[len(note)-1].Text, ".") && i+1 < len(doc.Lines) {
				i++
				note = append(note, doc.Lines[i])
			}
			if !notes[m[1]+" "+doc.Join(note)] {
				t.Errorf("line %d: footnote %s %q is not one of the report's", note[0].N, m[1], doc.Join(note))
			}
		}
	}
	return out
}

// A result the report says was higher or lower than planned carries it,
// in the report's words' sense, whether that is good or bad: 774 days of
// joint patrols of 5,500 planned ("inférieur aux prévisions"), more
// civilian victims than the target ("plus élevé que prévu").
func TestVersusPlan(t *testing.T) {
	r := parsed(t)
	want := map[string]string{
		"ea-2-1-o11": report.VersusBelow, // Ce produit, inférieur aux prévisions, …
		"ea-1-3-o9":  report.VersusAbove, // Ce produit, supérieur aux prévisions, …
		"ea-2-1-i2":  report.VersusAbove, // Le nombre de victimes plus élevé que prévu …
		"ea-3-3-i4":  report.VersusBelow, // Ce chiffre inférieur aux prévisions …
		"ea-2-1-o1":  report.VersusBelow, // … inférieur à ce qui était prévu
		"ea-1-1-o2":  report.VersusAbove, // Le nombre plus élevé de préfets formés …
		"ea-2-2-i6":  report.VersusAbove, // Le nombre plus élevé de femmes et de filles sensibilisées …
		"ea-3-3-i1":  "",                 // Objectif atteint
	}
	counts := map[string]int{}
	for _, c := range r.Components {
		for _, ea := range c.Accomplishments {
			for _, in := range ea.Indicators {
				counts["indicator "+in.VersusPlan]++
				if w, ok := want[in.ID]; ok && in.VersusPlan != w {
					t.Errorf("%s: versus plan %q, want %q (%.80s)", in.ID, in.VersusPlan, w, in.Actual)
				}
			}
			for _, o := range ea.Outputs {
				counts["output "+o.VersusPlan]++
				if w, ok := want[o.ID]; ok && o.VersusPlan != w {
					t.Errorf("%s: versus plan %q, want %q (%.80s)", o.ID, o.VersusPlan, w, o.Remarks)
				}
			}
		}
	}
	// the report's remarks say so of about a third of its outputs
	if counts["output below"] < 40 || counts["output above"] < 20 || counts["indicator below"] < 20 {
		t.Errorf("results compared with the plan: %v", counts)
	}
}
