package rbb

import (
	"os"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"pkportal/ingest/lang"
	"pkportal/ingest/source"
	"pkportal/report"
)

const realSource = "../../sources/A-76-564.fr.txt"

func readReal(t testing.TB) *source.Doc {
	t.Helper()
	data, err := os.ReadFile(realSource)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := source.Read("A-76-564.fr.txt", data)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func parseReal(t testing.TB) *Result {
	t.Helper()
	res, err := Parse(readReal(t), "fr")
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func find(t *testing.T, res *Result, eaID string) *report.Accomplishment {
	t.Helper()
	for _, ea := range res.Accomplishments {
		if ea.ID == eaID {
			return ea
		}
	}
	t.Fatalf("no accomplishment %s", eaID)
	return nil
}

// The 16 accomplishments of A/76/564 with their headings as printed (the
// wrapped lines joined).
var wantHeadings = []struct{ number, text string }{
	{"1.1", "Progrès accomplis sur la voie de la décentralisation de l’autorité de l’État"},
	{"1.2", "L’application de l’accord de paix fait l’objet d’un appui et d’un suivi, notamment par l’entremise du secrétariat du Comité de suivi de l’Accord"},
	{"1.3", "Le référendum constitutionnel ainsi que les élections sénatoriales, municipales, régionales et au niveau des cercles sont libres, réguliers, transparents, crédibles, pacifiques et ouverts à tous"},
	{"1.4", "Participation et contribution accrue des parties prenantes nationales, notamment l’Assemblée nationale, les partis signataires et la société civile (groupes de femmes et de jeunes et groupes religieux) à la mise en œuvre de l’accord de paix et de la stratégie axée sur les aspects politiques pour le centre"},
	{"1.5", "Progrès accomplis sur la voie d’une gouvernance plus démocratique et inclusive"},
	{"2.1", "Renforcement de la capacité de garantir la sécurité dans le nord et d’assurer la protection des civils dans le centre"},
	{"2.2", "Renforcement des mécanismes communautaires de gestion des conflits et de protection des civils"},
	{"2.3", "Réduction de la présence des mouvements armés et des groupes d’autodéfense grâce à des mesures de réinsertion et de relèvement des communautés dans le centre du pays et à des programmes de désarmement, de démobilisation et de réintégration dans le nord du pays"},
	{"2.4", "Réforme des institutions chargées de la sécurité et, notamment, application des dispositions de l’accord de paix relatives à la sécurité"},
	{"3.1", "Mise en place et renforcement de mécanismes et d’initiatives visant à prévenir et à combattre les violations des droits humains et les atteintes à ces droits, une attention particulière étant accordée aux violations graves commises contre des enfants et aux violences sexuelles liées aux conflits"},
	{"3.2", "Renforcement des capacités des institutions nationales, des organisations de la société civile et des défenseurs des droits humains en matière de promotion et de protection des droits humains, en particulier des jeunes vulnérables du centre"},
	{"3.3", "Le mécanisme et le processus de justice transitionnelle du Mali fonctionnent conformément aux normes en matière de droits humains, et les autorités compétentes, y compris les autorités non judiciaires, sont mieux à même de lutter contre l’impunité des auteurs de violations des droits humains et d’atteintes à ces droits"},
	{"4.1", "Rétablissement de l’autorité de l’État dans ses fonctions essentielles, stabilisation et services décentralisés dans le centre et le nord du Mali"},
	{"4.2", "Renforcement des institutions judiciaires afin qu’elles puissent fournir des services judiciaires de base, faire respecter l’état de droit, augmenter la confiance de la population dans le système de justice et appliquer les normes internationales relatives aux droits humains"},
	{"4.3", "Renforcement des acteurs de la justice pénale aux fins de lutter contre l’impunité et d’améliorer le fonctionnement des tribunaux et des prisons"},
	{"5.1", "Fourniture à la Mission de services d’appui rapides, efficaces, efficients et responsables"},
}

// Counted by hand in the source: planned indicators (rows of the
// indicators table), planned outputs (rows of the outputs table) and
// completed figures (numbers with their label, "Oui", "Non").
var wantCounts = map[string][3]int{
	"1.1": {5, 4, 5},
	"1.2": {5, 9, 9},
	"1.3": {7, 13, 21},
	"1.4": {4, 11, 12},
	"1.5": {3, 8, 12},
	"2.1": {6, 24, 32},
	"2.2": {7, 20, 24},
	"2.3": {7, 12, 14},
	"2.4": {4, 10, 11},
	"3.1": {8, 22, 33},
	"3.2": {8, 7, 8},
	"3.3": {4, 5, 5},
	"4.1": {3, 7, 8},
	"4.2": {5, 10, 14},
	"4.3": {10, 10, 13},
	"5.1": {12, 45, 122},
}

func TestAccomplishments(t *testing.T) {
	res := parseReal(t)
	if len(res.Accomplishments) != len(wantHeadings) {
		t.Fatalf("%d accomplishments, want %d", len(res.Accomplishments), len(wantHeadings))
	}
	if len(res.Spans) != len(res.Accomplishments) {
		t.Fatalf("%d spans for %d accomplishments", len(res.Spans), len(res.Accomplishments))
	}
	for i, w := range wantHeadings {
		ea := res.Accomplishments[i]
		id := "ea-" + strings.ReplaceAll(w.number, ".", "-")
		if ea.Number != w.number || ea.ID != id {
			t.Errorf("accomplishment %d: number %q id %q, want %q %q", i, ea.Number, ea.ID, w.number, id)
		}
		if ea.Text != w.text {
			t.Errorf("%s text:\n got %q\nwant %q", w.number, ea.Text, w.text)
		}
		c := wantCounts[w.number]
		delivered := 0
		for _, o := range ea.Outputs {
			delivered += len(o.Completed)
		}
		if got := [3]int{len(ea.Indicators), len(ea.Outputs), delivered}; got != c {
			t.Errorf("%s: indicators, outputs, delivered = %v, want %v", w.number, got, c)
		}
		for n, in := range ea.Indicators {
			if in.N != n+1 || in.ID != id+"-i"+strconv.Itoa(n+1) || in.Line == 0 {
				t.Errorf("%s indicator %d: N %d ID %q line %d", w.number, n, in.N, in.ID, in.Line)
			}
		}
		for n, o := range ea.Outputs {
			if o.N != n+1 || o.ID != id+"-o"+strconv.Itoa(n+1) || o.Line == 0 {
				t.Errorf("%s output %d: N %d ID %q line %d", w.number, n, o.N, o.ID, o.Line)
			}
			if o.Planned == "" || len(o.Completed) == 0 {
				t.Errorf("%s: empty planned output or completed column: %+v", o.ID, o)
			}
		}
	}
}

func TestIndicatorsFieldByField(t *testing.T) {
	res := parseReal(t)
	pv := func(per, raw, num, unit, cmp string) report.PeriodValue {
		return report.PeriodValue{Period: per, Raw: raw, Num: report.Decimal(num), Unit: unit, Comparator: cmp, Measure: 1}
	}
	// lv gives a value its measure and label
	lv := func(m int, label string, v report.PeriodValue) report.PeriodValue {
		v.Measure, v.Label = m, label
		return v
	}
	elues := "pourcentage d’élues"
	attaques := "nombre d’attaques évitées"
	femmes := "nombre de femmes et de filles sensibilisées et ayant bénéficié de services de consultation et de dépistage confidentiels"
	postes := "sur un total de 195 postes"
	cases := []struct {
		ea      string
		n       int
		line    int
		planned string
		values  []report.PeriodValue
		actual  string
	}{
		// Component 1.
		{"ea-1-1", 2, 1208,
			"Entrée en fonctions des administrations provisoires opérationnelles et des conseils nouvellement élus des régions, cercles administratifs et communes",
			[]report.PeriodValue{pv("2020/21", "5 régions ; 24 cercles ; 49 communes", "", "", "")},
			"Objectif atteint"},
		{"ea-1-1", 3, 1218,
			"Versement effectif de 30 % de l’allocation budgétaire nationale aux collectivités territoriales des régions du nord et du centre",
			[]report.PeriodValue{pv("2019/20", "21 %", "21", "%", ""), pv("2020/21", "30 %", "30", "%", "")},
			"26 %\nCe chiffre inférieur aux prévisions tient aux retards pris dans la mise en œuvre du processus de décentralisation au Mali"},
		// a row cut by a page break: planned, actual, planned rest, actual rest
		{"ea-1-2", 3, 1427,
			"Le Haut Représentant du Président pour la mise en œuvre de l’accord de paix, le Ministère de la cohésion sociale, de la paix et de la réconciliation nationale et d’autres institutions gouvernementales chargées de la mise en œuvre de l’Accord organisent des réunions pour coordonner l’appui international",
			[]report.PeriodValue{pv("2018/19", "12 réunions de coordination", "12", "réunions de coordination", ""), pv("2019/20", "6", "6", "", ""), pv("2020/21", "12", "12", "", "")},
			""},
		// a label opens the parenthesis: it labels the values and leaves
		// the planned text
		{"ea-1-3", 3, 1704,
			"Des femmes sont régulièrement candidates aux élections générales",
			[]report.PeriodValue{lv(1, elues, pv("2018/19", "8,84 %", "8.84", "%", "")), lv(1, elues, pv("2019/20", "27,9 %", "27.9", "%", "")), lv(1, elues, pv("2020/21", "30 %", "30", "%", ""))},
			""},
		// Component 2.
		{"ea-2-1", 4, 3318,
			"Renforcement de la capacité de la MINUSMA et des Forces de défense et de sécurité maliennes de sécuriser et de défendre convois et véhicules contre les groupes armés le long des itinéraires principaux de ravitaillement",
			[]report.PeriodValue{lv(1, attaques, pv("2018/19", "106", "106", "", "")), lv(1, attaques, pv("2019/20", "149", "149", "", "")), lv(1, attaques, pv("2020/21", "100", "100", "", ""))},
			""},
		{"ea-2-2", 6, 4100,
			"Réduction du risque d’infection à VIH parmi les femmes et les filles dans les zones de conflit du fait que l’accès à l’information, aux traitements, aux soins et aux services d’appui est facilité",
			[]report.PeriodValue{lv(1, femmes, pv("2018/19", "3 273", "3273", "", "")), lv(1, femmes, pv("2019/20", "2 014", "2014", "", "")), lv(1, femmes, pv("2020/21", "2 500", "2500", "", ""))},
			""},
		{"ea-2-1", 1, 3258,
			"Reconstitution, réforme et redéploiement dans le centre et le nord du pays des Forces de défense et de sécurité maliennes",
			nil, "Objectif atteint"},
		{"ea-2-1", 2, 3266,
			"Diminution du nombre de victimes civiles enregistrées (morts violentes et blessures graves)",
			[]report.PeriodValue{pv("2018/19", "1 962", "1962", "", ""), pv("2019/20", "1 911", "1911", "", ""), pv("2020/21", "250", "250", "", "")},
			"913 civils ont été tués et 918 blessés au cours du mandat, en conséquence directe de l’escalade du conflit dans le centre\nLe nombre de victimes plus élevé que prévu tient aux activités des groupes terroristes dans le nord, aux représailles exercées par les groupes d’autodéfense, aux attaques à l’engin explosif improvisé et à la fragmentation de la cohésion sociale provoquée par les clivages ethniques à l’origine de l’intensification des violences intercommunautaires, notamment dans le centre du Mali"},
		// the values close in the middle of the planned text
		{"ea-2-3", 3, 4800,
			"Réduction du nombre de bénéficiaires directs des projets de lutte contre la violence au sein de la collectivité, notamment les membres des groupes d’autodéfense dans le centre du Mali",
			[]report.PeriodValue{pv("2018/19", "5 874 bénéficiaires directs", "5874", "bénéficiaires directs", ""), pv("2019/20", "42 612 bénéficiaires directs", "42612", "bénéficiaires directs", ""), pv("2020/21", "10 000", "10000", "", "")},
			"30 057 bénéficiaires directs ont été dénombrés au total\nLeur nombre plus élevé que prévu s’explique par la mise en œuvre de la stratégie de lutte contre la violence au sein de la collectivité"},
		{"ea-2-4", 3, 5271,
			"Exécution de 1 plan d’action relatif à la stratégie du secteur de la sécurité et de 2 stratégies complémentaires (frontières et défense)",
			[]report.PeriodValue{pv("2018/19", "1 plan d’action et 2 stratégies élaborés", "", "", ""), pv("2019/20", "1 plan d’action et 2 stratégies adoptés, et 1 politique de sécurité nationale élaborée", "", "", ""), pv("2020/21", "1 plan d’action, 2 stratégies et 1 politique de sécurité nationale mis en œuvre", "", "", "")},
			"1 plan d’action et 2 politiques pour 2018-2023 sont en cours d’élaboration\nCe nombre est inférieur aux prévisions en raison de l’instabilité politique, qui a causé des retards importants et l’indisponibilité des acteurs concernés"},
		// Component 3.
		{"ea-3-1", 3, 5765,
			"Adoption de lois nationales et d’initiatives régionales visant à renforcer les mécanismes et initiatives nationaux de protection de l’enfance",
			[]report.PeriodValue{pv("2019/20", "différé", "", "", ""), pv("2020/21", "1 loi nationale et au moins 3 stratégies régionales appliquées", "", "", "")},
			"En raison de l’instabilité et de la transition politiques, la réforme législative visant à renforcer le système national de protection de l’enfance reste en suspens auprès de l’organe législatif national"},
		{"ea-3-2", 3, 6538,
			"Exécution de 1 plan stratégique de la Commission nationale des droits de l’homme pour la période 2018-2020 et obtention, par la Commission, du statut « A » conformément aux Principes concernant le statut des institutions nationales pour la promotion et la protection des droits de l’homme (Principes de Paris)",
			[]report.PeriodValue{pv("2018/19", "sans objet", "", "", ""), pv("2019/20", "1", "1", "", ""), pv("2020/21", "la Commission nationale des droits de l’homme obtient le statut « A »", "", "", "")},
			"La Commission nationale des droits de l’homme a mené 80 % des activités prévues dans son plan stratégique pour la période 2018-2020 et présenté sa candidature pour obtenir le statut « A » au Sous-Comité d’accréditation de l’Alliance mondiale des institutions nationales des droits de l’homme"},
		// two parentheses of values: two measures, the text between them
		// kept
		{"ea-3-1", 6, 5852,
			"Exécution de plans d’action signés par les groupes armés signataires de l’accord afin de prévenir et de combattre les violations graves commises contre des enfants, ainsi que les violences sexuelles liées aux conflits",
			[]report.PeriodValue{
				pv("2018/19", "1 plan d’action signé par la Plateforme des mouvements du 14 juin 2014 d’Alger", "", "", ""),
				pv("2019/20", "exécution des 2 plans d’action", "", "", ""),
				pv("2020/21", "exécution des 2 plans d’action", "", "", ""),
				lv(2, "", pv("2018/19", "2 plans de mise en œuvre établis, dont 1 exécuté à 20 %", "", "", "")),
				lv(2, "", pv("2019/20", "retardé", "", "", "")),
				lv(2, "", pv("2020/21", "exécution des 2 plans à hauteur de 50 %", "", "", "")),
			},
			""},
		// Component 4.
		{"ea-4-1", 1, 7177,
			"Nombre de représentants de l’État ayant regagné leurs lieux d’affectation respectifs dans les régions du nord, à la fois à l’échelle des cercles et des arrondissements",
			[]report.PeriodValue{lv(1, postes, pv("2018/19", "30 % des postes étaient occupés", "", "", "")), lv(1, postes, pv("2019/20", "20 %", "20", "%", "")), lv(1, postes, pv("2020/21", "30 %", "30", "%", ""))},
			""},
		{"ea-4-2", 1, 7444,
			"Renforcement des institutions judiciaires afin qu’elles puissent fournir des services judiciaires de base, faire respecter l’état de droit et appliquer les normes internationales relatives aux droits humains",
			nil,
			"La Mission n’a pas pu atteindre pleinement cet objectif en raison de l’instabilité politique et des contraintes liées à la pandémie, qui ont considérablement entravé les échanges avec les interlocuteurs nationaux et les acteurs du secteur judiciaire"},
		{"ea-4-2", 2, 7462,
			"Mise en œuvre, par le Ministère de la justice, d’une réforme législative sur l’accès à la justice et la représentation juridictionnelle",
			[]report.PeriodValue{pv("2018/19", "réforme législative pas mise en œuvre", "", "", ""), pv("2019/20", "réforme législative pas mise en œuvre", "", "", ""), pv("2020/21", "réforme législative adoptée", "", "", "")},
			"Le projet de loi sur l’aide judiciaire et juridique est en cours d’examen"},
		{"ea-4-3", 6, 7940,
			"Nombre de juges d’instruction formés et certifiés dans le nord et le centre",
			[]report.PeriodValue{pv("2020/21", "50", "50", "", "")},
			"Objectif atteint"},
		// Component 5.
		{"ea-5-1", 1, 8324,
			"Pourcentage des heures de vol approuvées qui ont été utilisées (à l’exclusion des opérations de recherche et de sauvetage et des évacuations de malades ou de blessés)",
			[]report.PeriodValue{pv("2018/19", "98,2 %", "98.2", "%", ""), pv("2019/20", "63 %", "63", "%", ""), pv("2020/21", "≥ 90 %", "90", "%", "≥")},
			"68 %\nCe pourcentage inférieur aux prévisions s’explique par le non-déploiement de 6 avions de renseignement, de surveillance et de reconnaissance et une réduction des vols réguliers en raison des mesures de prévention de la pandémie adoptées au cours de l’année"},
		// the values parenthesis is printed at the top of the next page
		{"ea-5-1", 8, 8454,
			"Respect de la politique de gestion des risques concernant la sécurité du travail sur le terrain",
			[]report.PeriodValue{pv("2018/19", "52,5 %", "52.5", "%", ""), pv("2019/20", "70 %", "70", "%", ""), pv("2020/21", "100 %", "100", "%", "")},
			"72,5 %\nCe pourcentage est inférieur aux prévisions car le comité de la sécurité et de la santé au travail n’a pas été créé"},
	}
	for _, c := range cases {
		ea := find(t, res, c.ea)
		if c.n > len(ea.Indicators) {
			t.Errorf("%s: no indicator %d", c.ea, c.n)
			continue
		}
		in := ea.Indicators[c.n-1]
		if in.Line != c.line {
			t.Errorf("%s: line %d, want %d", in.ID, in.Line, c.line)
		}
		if in.Planned != c.planned {
			t.Errorf("%s planned:\n got %q\nwant %q", in.ID, in.Planned, c.planned)
		}
		if !reflect.DeepEqual(in.Values, c.values) {
			t.Errorf("%s values:\n got %+v\nwant %+v", in.ID, in.Values, c.values)
		}
		if c.actual != "" && in.Actual != c.actual {
			t.Errorf("%s actual:\n got %q\nwant %q", in.ID, in.Actual, c.actual)
		}
	}
	// ea-1-2-i3: the actual text keeps the part printed before the page
	// break and the part printed after it
	in := find(t, res, "ea-1-2").Indicators[2]
	if !strings.HasPrefix(in.Actual, "Un petit nombre de réunions ont été organisées avec le Ministre de la cohésion sociale, de la paix et de la réconciliation nationale\nL’instabilité politique a joué sur le nombre de réunions") ||
		!strings.HasSuffix(in.Actual, "qui ont persisté au cours de l’exercice considéré") {
		t.Errorf("ea-1-2-i3 actual: %q", in.Actual)
	}
}

func TestOutputsFieldByField(t *testing.T) {
	res := parseReal(t)
	d := func(raw, num, label string) report.Delivered {
		return report.Delivered{Raw: raw, Num: report.Decimal(num), Label: label}
	}
	cases := []struct {
		ea        string
		n         int
		line      int
		group     string
		planned   string
		completed []report.Delivered
		remarks   string
	}{
		// Component 1: the planned text goes on after the page break,
		// past the figure and the first remark lines.
		{"ea-1-1", 1, 1276, "",
			"Appui technique à la dynamisation de 35 réunions du Comité communal d’orientation, de coordination et de suivi des actions de développement, du Comité local d’orientation, de coordination et de suivi des actions de développement et du Comité régional d’orientation, de coordination et de suivi des actions de développement dans le nord et le centre (Mopti : 10, Ségou : 5, Gao : 4, Ménaka : 4, Tombouctou : 5, Taoudenni : 3, Kidal : 4) (niveaux des communes et des cercles)",
			[]report.Delivered{d("35", "35", "Réunions ont bénéficié d’un appui")},
			"La MINUSMA a continué de promouvoir le dialogue entre l’État et la société aux niveaux des régions, des cercles et des communes par le suivi de la réalisation des engagements communs de la société civile présentés au Gouvernement le 12 mars 2021"},
		// a planned output that starts with a number
		{"ea-1-1", 2, 1309, "",
			"2 séances de formation à Ségou et Mopti à l’intention de 210 préfets, sous-préfets, maires et affiliés afin de renforcer leurs capacités en matière de réconciliation, de gouvernance locale, de réglementation applicable à la passation des marchés publics, de prise en compte des questions de genre dans l’administration publique et de décentralisation (une fois que les lois sur la décentralisation auront été approuvées) et de gestion des services publics décentralisés",
			[]report.Delivered{d("2", "2", "Sessions de renforcement des capacités se sont tenues"), d("245", "245", "Représentants de l’État ont reçu la formation")},
			"Le nombre plus élevé de préfets formés tient au renforcement par la Mission de ses activités de mobilisation"},
		{"ea-1-2", 9, 1637, "",
			"Appui logistique à 1 réunion sur la coopération intermissions entre la MINUSMA et l’UNOWAS, tenue à l’appui du processus de paix et de la dynamique régionale qu’il suscite",
			[]report.Delivered{d("Non", "", "")},
			"En raison de la pandémie de COVID-19 et des restrictions qui en découlent, la réunion sur la coopération intermissions entre la MINUSMA et l’UNOWAS s’est tenue sous la forme de plusieurs réunions virtuelles, qui ont porté notamment sur l’échange d’informations et les initiatives conjointes relatives au processus de paix"},
		// Component 2.
		{"ea-2-1", 2, 3427, "",
			"Conduite de 700 patrouilles pédestres dans chacun des principaux centres de population",
			[]report.Delivered{d("6 192", "6192", "Patrouilles pédestres militaires ont été conduites")},
			"Ce chiffre plus élevé que prévu tient à la décision de patrouiller fréquemment parmi la population dans le cadre de la mise en œuvre du plan d’adaptation de la Mission et à titre préventif et réactif, notamment dans les régions de Mopti et de Gao, pour protéger les civils"},
		// a page break cuts planned text and remark: the remark ends on
		// the short line before the break ("dans le centre du pays", and
		// "psychosociale," would have fitted on it), the lower-case rest at
		// the top of the next page is the planned text's
		{"ea-2-3", 3, 4955, "",
			"Organisation, dans les camps de cantonnement et d’autres lieux désignés à l’avance, d’activités d’identification, de vérification, d’établissement de fiches de renseignement, d’enregistrement et de sensibilisation aux initiatives d’éducation psychosociale, de réconciliation civique et d’orientation à l’intention d’un maximum de 3 500 ex-combattants et de 1 000 ex-combattants participant au programme de désarmement et de démantèlement des groupes d’autodéfense dans le centre du pays",
			[]report.Delivered{d("Non", "", "")},
			"Ce produit, inférieur aux prévisions, s’explique par le fait qu’aucune opération de désarmement, de démobilisation et de réintégration n’a été organisée dans le centre du pays"},
		// the same cut where the remark goes on: "concernant" would not
		// have fitted on "perspectives et les difficultés à résoudre"
		{"ea-1-3", 1, 1790, "",
			"Appui technique pour la tenue de 2 tables rondes et de 2 séances de formation visant à permettre au Gouvernement malien d’échanger des idées et de mener les réformes législatives et électorales nécessaires, notamment aux fins de la conception et de la mise en place d’un organe électoral unique, conformément aux normes internationales",
			[]report.Delivered{d("3", "3", "Séances de formation ont été organisées")},
			"Un appui technique a été apporté dans le cadre de réunions mensuelles sur les réformes politiques et institutionnelles avec les ministères concernés, notamment le Ministère de l’administration territoriale et de la décentralisation et le Ministère de la refondation de l’État\nEn outre, les produits prévus ont été changés en 3 séances de formation sur les sujets suivants : modification de la loi électorale, les perspectives et les difficultés à résoudre concernant la mise en place de l’organe électoral unique, et calendrier des élections\nLe produit exécuté, inférieur aux prévisions, s’explique par le coup d’État de mai 2021, qui a entraîné le report de la quatrième séance de formation"},
		{"ea-2-1", 11, 3627, "",
			"5 500 jours de patrouilles mixtes (Nations Unies et forces de sécurité maliennes) (2 patrouilles menées par chacune des 11 unités de police constituées, 5 jours par semaine, pendant 50 semaines)",
			[]report.Delivered{d("774", "774", "Jours de patrouilles mixtes (Nations Unies et forces de sécurité maliennes) ont été assurés")},
			"Ce produit, inférieur aux prévisions, tient à l’instabilité croissante, en raison de laquelle il a fallu plutôt fournir des escortes à des membres du personnel des Nations Unies et des acteurs humanitaires afin qu’ils puissent exécuter des programmes de fond, des opérations de sécurité, des missions conjointes et des activités d’appui aux partenaires locaux et internationaux. Les forces de sécurité maliennes ne souhaitaient pas toujours partir en patrouille avec la MINUSMA"},
		// Component 3: a page starts after "Oui" with the rest of the
		// planned text.
		{"ea-3-3", 4, 6953, "",
			"Fourniture d’un appui aux acteurs concernés, notamment aux magistrats, aux autorités judiciaires et non judiciaires, y compris le Pôle judiciaire spécialisé de lutte contre le terrorisme et la criminalité transnationale organisée, afin de les rendre mieux à même de traiter les cas de violations graves des droits humains et d’atteintes à ces droits, notamment par la mise en place d’un mécanisme de protection des victimes, des témoins et des sources",
			[]report.Delivered{d("Oui", "", "")},
			""},
		{"ea-3-1", 5, 6039, "",
			"Organisation, à Koulikoro, à Mopti, à Ségou, à Gao, à Ménaka, à Kidal et à Tombouctou, de 14 sessions de formation et de sensibilisation aux droits humains à l’intention des Forces de défense et de sécurité maliennes et des groupes armés non étatiques",
			[]report.Delivered{d("Non", "", "")},
			"En raison de l’instabilité politique et des changements intervenus au sein des autorités de transition, ce produit a été réorienté vers la formation des formateurs et l’élaboration d’un manuel de formation sur les droits humains destiné aux Forces de défense et de sécurité maliennes"},
		// a number after "et de" goes on with the planned sentence
		{"ea-3-1", 14, 6225, "",
			"Production de 23 banderoles, de 6 annonces publicitaires diffusées à la radio, de 600 affiches, de 600 brochures, de 5 panneaux d’affichage et de 2 000 T-shirts destinés à des campagnes de sensibilisation et d’information sur les journées des droits de l’enfant (Journée internationale contre l’utilisation d’enfants soldats, Journée de l’enfant africain, Journée internationale de la fille et Journée internationale de l’enfance) et sur la promotion et la protection de ces droits dans les situations de conflit armé, y compris l’interdiction du recrutement et de l’utilisation d’enfants, les violences sexuelles, les meurtres, les mutilations et les attaques contre les établissements d’enseignement et de soins",
			[]report.Delivered{d("Oui", "", ""), d("18", "18", "Campagnes de sensibilisation et d’information ont été menées sur les journées des droits de l’enfant à Mopti, à Gao, à Kidal, à Ménaka, à Tombouctou et à Bamako")},
			""},
		// Component 4.
		{"ea-4-1", 1, 7261, "",
			"Appui au rétablissement de l’autorité de l’État dans le centre du pays par le renforcement des capacités des fonctionnaires de l’État, le soutien logistique et la fourniture d’infrastructures dans le cadre de projets à effet rapide",
			[]report.Delivered{d("Oui", "", ""), d("8", "8", "Projets à effet rapide ont été lancés")},
			""},
		{"ea-4-2", 2, 7569, "",
			"Fourniture d’un appui technique aux mécanismes de justice traditionnels, y compris la mise en place d’un cadre législatif visant à harmoniser le rôle des systèmes de justice traditionnelle et formelle, des activités de renforcement des capacités des acteurs de la justice traditionnelle, un appui à l’entrée en fonction des acteurs de la justice traditionnelle et aux activités de sensibilisation et de renforcement des capacités à Bamako et dans les régions (12 séances de sensibilisation, 5 sessions de formation et 4 ateliers) à l’intention des interlocuteurs gouvernementaux, des acteurs traditionnels et formels et de la société civile en ce qui concerne le rôle des systèmes de justice formelle et traditionnelle",
			[]report.Delivered{d("7", "7", "Séances de sensibilisation"), d("Non", "", "Aucune session de formation"), d("2", "2", "Ateliers")},
			"Ce chiffre inférieur aux prévisions s’explique par les retards pris dans le processus législatif, qui ont entraîné le report d’activités à la demande du Gouvernement\nCette activité a été reportée à la demande du Gouvernement car le processus législatif avait à peine démarré\nCe chiffre moins élevé que prévu tient au fait que des activités ont été reportées à la demande du Gouvernement en raison du retard pris dans l’adoption de la loi"},
		// Component 5: groups, thousands, decimals, a figure glued to its
		// planned output.
		{"ea-5-1", 5, 8588, "Services de transport aérien",
			"Exploitation et entretien de 74 appareils (7 avions, 6 dispositifs habités de renseignement, de reconnaissance et de surveillance, 36 hélicoptères et 25 drones aériens dans 11 systèmes d’aéronefs non habités)",
			[]report.Delivered{d("7", "7", "Avions"), d("Non", "", "Aucun dispositif habité de renseignement, de surveillance et de reconnaissance"), d("25", "25", "Hélicoptères"), d("17", "17", "Drones aériens"), d("7", "7", "Systèmes d’aéronefs non habités")},
			""},
		{"ea-5-1", 8, 8723, "Budget, finances et communication de l’information",
			"Fourniture, dans la limite des pouvoirs délégués, de services budgétaires, financiers et comptables concernant un budget de 1,2 milliard de dollars",
			[]report.Delivered{d("1,2", "1.2", "Milliard de dollars (budget approuvé)")},
			""},
		{"ea-5-1", 43, 9599, "Services de sécurité",
			"200 enquêtes",
			[]report.Delivered{d("914", "914", "Enquêtes")},
			// the remark ends with the name of a component, capitalised,
			// alone on the last line before the next group heading
			"Ce chiffre plus élevé que prévu s’explique par le fait que des enquêtes supplémentaires ont été menées afin de pouvoir rendre compte de la performance globale de la composante Sûreté et sécurité"},
		{"ea-5-1", 44, 9613, "Déontologie et discipline",
			"Application d’un programme de déontologie et de discipline pour l’ensemble du personnel militaire et civil par l’intermédiaire d’activités de prévention, comprenant une formation, un suivi des enquêtes et des mesures disciplinaires, ainsi que des mesures correctives en cas de manquement",
			[]report.Delivered{d("204", "204", "Séances de formation organisées à l’intention de 7 148 membres du personnel de la MINUSMA"), d("24", "24", "Visites d’évaluation des risques"), d("32", "32", "Rapports d’enquête"), d("53", "53", "Nouveaux dossiers relatifs à des allégations de manquement"), d("3", "3", "Activités de suivi des cas d’exploitation et d’atteintes sexuelles"), d("4", "4", "Mesures disciplinaires et autres mesures de réparation ont été prises")},
			""},
	}
	for _, c := range cases {
		ea := find(t, res, c.ea)
		if c.n > len(ea.Outputs) {
			t.Errorf("%s: no output %d", c.ea, c.n)
			continue
		}
		o := ea.Outputs[c.n-1]
		if o.Line != c.line {
			t.Errorf("%s: line %d, want %d", o.ID, o.Line, c.line)
		}
		if o.Group != c.group {
			t.Errorf("%s group %q, want %q", o.ID, o.Group, c.group)
		}
		if o.Planned != c.planned {
			t.Errorf("%s planned:\n got %q\nwant %q", o.ID, o.Planned, c.planned)
		}
		if !reflect.DeepEqual(o.Completed, c.completed) {
			t.Errorf("%s completed:\n got %+v\nwant %+v", o.ID, o.Completed, c.completed)
		}
		if c.remarks != "" && o.Remarks != c.remarks {
			t.Errorf("%s remarks:\n got %q\nwant %q", o.ID, o.Remarks, c.remarks)
		}
	}
	// every output of the support component sits under a group, the 15
	// groups in the order of the report, and no remark holds a group
	// heading or a paragraph that is a name alone
	type groupCount struct {
		group string
		n     int
	}
	var got []groupCount
	for _, o := range find(t, res, "ea-5-1").Outputs {
		if o.Group == "" {
			t.Errorf("%s: no group", o.ID)
		}
		if n := len(got); n == 0 || got[n-1].group != o.Group {
			got = append(got, groupCount{o.Group, 0})
		}
		got[len(got)-1].n++
		for _, para := range strings.Split(o.Remarks, "\n") {
			if para != "" && len(strings.Fields(para)) <= 4 {
				t.Errorf("%s: remark paragraph %q", o.ID, para)
			}
		}
	}
	want := []groupCount{
		{"Amélioration des services", 3},
		{"Audit, contrôle des risques et conformité", 1},
		{"Services de transport aérien", 3},
		{"Budget, finances et communication de l’information", 1},
		{"Services relatifs au personnel civil", 3},
		{"Services d’ingénierie et de gestion des installations et des infrastructures", 8},
		{"Gestion du carburant", 1},
		{"Technologies géospatiales, informatique et télécommunications", 6},
		{"Services médicaux", 3},
		{"Services de gestion de la chaîne d’approvisionnement", 3},
		{"Services relatifs au personnel en tenue", 5},
		{"Gestion des véhicules et services de transport terrestre", 1},
		{"Services de sécurité", 5},
		{"Déontologie et discipline", 1},
		{"VIH/sida", 1},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("groups of ea-5-1:\n got %v\nwant %v", got, want)
	}
}

var (
	footer     = regexp.MustCompile(`\d+/86|21-17313|A/76/564`)
	valuesText = regexp.MustCompile(`\(\s*(?:[^()]*:\s*)?\d{4}/\d{2}\s*:`)
)

func TestNoLeaks(t *testing.T) {
	res := parseReal(t)
	for _, ea := range res.Accomplishments {
		texts := map[string]string{}
		for _, in := range ea.Indicators {
			texts[in.ID+" planned"] = in.Planned
			texts[in.ID+" actual"] = in.Actual
			if valuesText.MatchString(in.Planned) || strings.Contains(in.Planned, "()") {
				t.Errorf("%s planned keeps a values parenthesis: %q", in.ID, in.Planned)
			}
			if valuesText.MatchString(in.Actual) {
				t.Errorf("%s actual holds a values parenthesis: %q", in.ID, in.Actual)
			}
			if in.Planned == "" || in.Actual == "" {
				t.Errorf("%s: empty planned or actual", in.ID)
			}
		}
		for _, o := range ea.Outputs {
			texts[o.ID+" planned"] = o.Planned
			texts[o.ID+" remarks"] = o.Remarks
			for _, c := range o.Completed {
				texts[o.ID+" label"] += c.Label
			}
		}
		for what, s := range texts {
			for _, bad := range []string{"Indicateurs de succès", "Produits prévus", "Produit(s)", "Observations", "Réalisation escomptée", "Composante", "##", "undocs.org"} {
				if strings.Contains(s, bad) {
					t.Errorf("%s contains %q: %q", what, bad, s)
				}
			}
			if footer.MatchString(s) {
				t.Errorf("%s contains page furniture: %q", what, s)
			}
		}
	}
}

func TestSpans(t *testing.T) {
	doc := readReal(t)
	res, err := Parse(doc, "fr")
	if err != nil {
		t.Fatal(err)
	}
	numbered := regexp.MustCompile(`^\d+\. `)
	heading := regexp.MustCompile(`^[IVX]+\. `)
	prevTo := 0
	for i, sp := range res.Spans {
		ea := res.Accomplishments[i]
		if sp.Block.Accomplishment != ea.ID {
			t.Errorf("span %d: block %+v, want accomplishment %s", i, sp.Block, ea.ID)
		}
		if sp.From < prevTo || sp.To <= sp.From || sp.To > len(doc.Lines) {
			t.Errorf("span %d [%d,%d) overlaps or is out of order (previous ends at %d)", i, sp.From, sp.To, prevTo)
			continue
		}
		prevTo = sp.To
		if doc.Lines[sp.From].N != ea.Line || !strings.HasPrefix(doc.Lines[sp.From].Text, "Réalisation escomptée "+ea.Number) {
			t.Errorf("span %d starts at line %d %q", i, doc.Lines[sp.From].N, doc.Lines[sp.From].Text)
		}
		for _, l := range doc.Lines[sp.From:sp.To] {
			if numbered.MatchString(l.Text) || strings.HasPrefix(l.Text, "Composante") || heading.MatchString(l.Text) {
				t.Errorf("span %s covers line %d %q", ea.ID, l.N, l.Text)
			}
		}
		// the line after the span is the next accomplishment, a component
		// heading, a numbered paragraph or a section heading
		if sp.To < len(doc.Lines) {
			next := doc.Lines[sp.To].Text
			if !(numbered.MatchString(next) || strings.HasPrefix(next, "Composante") || heading.MatchString(next) || strings.HasPrefix(next, "Réalisation escomptée")) {
				t.Errorf("span %s ends before %q", ea.ID, next)
			}
		}
	}
	// the last line of each span is the last line of its outputs table
	lastLines := map[string]int{"ea-1-5": 3014, "ea-2-4": 5562, "ea-3-3": 6990, "ea-4-3": 8288, "ea-5-1": 9680}
	for i, ea := range res.Accomplishments {
		if want, ok := lastLines[ea.ID]; ok {
			if got := doc.Lines[res.Spans[i].To-1].N; got != want {
				t.Errorf("%s span ends at line %d, want %d", ea.ID, got, want)
			}
		}
	}
}

func TestPeriodValue(t *testing.T) {
	cases := []struct {
		raw  string
		want report.PeriodValue
	}{
		{"21 %", report.PeriodValue{Period: "p", Raw: "21 %", Num: "21", Unit: "%"}},
		{"≥ 90 %", report.PeriodValue{Period: "p", Raw: "≥ 90 %", Num: "90", Unit: "%", Comparator: "≥"}},
		{"9 réunions par comité", report.PeriodValue{Period: "p", Raw: "9 réunions par comité", Num: "9", Unit: "réunions par comité"}},
		{"5 régions ; 24 cercles ; 49 communes", report.PeriodValue{Period: "p", Raw: "5 régions ; 24 cercles ; 49 communes"}},
		{"703 sur 703", report.PeriodValue{Period: "p", Raw: "703 sur 703"}},
		{"sans objet", report.PeriodValue{Period: "p", Raw: "sans objet"}},
		{"1 747", report.PeriodValue{Period: "p", Raw: "1 747", Num: "1747"}},
		{"8,84 %", report.PeriodValue{Period: "p", Raw: "8,84 %", Num: "8.84", Unit: "%"}},
		{"≥ 1 800", report.PeriodValue{Period: "p", Raw: "≥ 1 800", Num: "1800", Comparator: "≥"}},
		// a bound, its unit and what qualifies it (A/76/564 5.1, indicators 4 and 5)
		{"≤ 120 jours civils à partir de la publication des avis de vacance pour les postes de classe P-3 à D-1 et FS-3 à FS-7",
			report.PeriodValue{Period: "p", Raw: "≤ 120 jours civils à partir de la publication des avis de vacance pour les postes de classe P-3 à D-1 et FS-3 à FS-7", Num: "120", Comparator: "≤"}},
		{"6 réunions avec les institutions nationales de 2 pays", report.PeriodValue{Period: "p", Raw: "6 réunions avec les institutions nationales de 2 pays"}},
		// a second figure is no qualifier
		{"≥ 703 sur 703", report.PeriodValue{Period: "p", Raw: "≥ 703 sur 703"}},
		{"≥ 5 régions ; 24 cercles ; 49 communes de la région", report.PeriodValue{Period: "p", Raw: "≥ 5 régions ; 24 cercles ; 49 communes de la région"}},
	}
	periodValue := testParser(t, "fr").periodValue
	for _, c := range cases {
		if got := periodValue("p", c.raw); got != c.want {
			t.Errorf("periodValue(%q) = %+v, want %+v", c.raw, got, c.want)
		}
	}
	for _, c := range []struct {
		in, text string
		ms       []measure
	}{
		{"Des femmes sont candidates (pourcentage d’élues : 2018/19 : 8,84 % ; 2020/21 : 30 %)", "Des femmes sont candidates",
			[]measure{{"pourcentage d’élues", []string{"2018/19", "2020/21"}, []string{"8,84 %", "30 %"}}}},
		{"Des plans (2019/20 : 1 ; 2020/21 : 2), ainsi que des lois (2020/21 : 3 (dont 1 votée))", "Des plans, ainsi que des lois",
			[]measure{{"", []string{"2019/20", "2020/21"}, []string{"1", "2"}}, {"", []string{"2020/21"}, []string{"3 (dont 1 votée)"}}}},
		{"Réduction (morts) (2020/21 : 250), notamment au centre", "Réduction (morts), notamment au centre",
			[]measure{{"", []string{"2020/21"}, []string{"250"}}}},
		{"Pas de valeurs (frontières et défense)", "Pas de valeurs (frontières et défense)", nil},
	} {
		text, ms := splitValues(c.in)
		if text != c.text || !reflect.DeepEqual(ms, c.ms) {
			t.Errorf("splitValues(%q) = %q %+v\nwant %q %+v", c.in, text, ms, c.text, c.ms)
		}
	}
}

// A small English framework: the vocabulary, not the code, carries the
// language.
const englishSample = `
Expected accomplishment 1.1: Progress towards the decentralization of State authority

Planned indicators of achievement Actual indicators of achievement

  Increased participation of civil society organizations in decision-making

by local authorities (2018/19: 1; 2019/20: 2; 2020/21: 5)

Achieved

Planned outputs

Completed

(number or

yes/no) Remarks

   Technical support for 35 meetings of the communal committees in the

north and the centre of the country

35 Meetings were supported

Yes

1. The next numbered paragraph.
`

func TestEnglish(t *testing.T) {
	doc, err := source.Read("sample.en.txt", []byte(englishSample))
	if err != nil {
		t.Fatal(err)
	}
	res, err := Parse(doc, "en")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Accomplishments) != 1 {
		t.Fatalf("%d accomplishments", len(res.Accomplishments))
	}
	ea := res.Accomplishments[0]
	if ea.Number != "1.1" || ea.Text != "Progress towards the decentralization of State authority" {
		t.Errorf("heading %q %q", ea.Number, ea.Text)
	}
	if len(ea.Indicators) != 1 || ea.Indicators[0].Actual != "Achieved" || len(ea.Indicators[0].Values) != 3 {
		t.Errorf("indicators %+v", ea.Indicators)
	}
	if len(ea.Outputs) != 1 || len(ea.Outputs[0].Completed) != 2 || ea.Outputs[0].Completed[0].Label != "Meetings were supported" {
		t.Errorf("outputs %+v", ea.Outputs)
	}
	if sp := res.Spans[0]; !strings.HasPrefix(doc.Lines[sp.To].Text, "1. ") {
		t.Errorf("span ends before %q", doc.Lines[sp.To].Text)
	}
}

func TestErrors(t *testing.T) {
	doc, err := source.Read("broken.txt", []byte("Réalisation escomptée 1.1 : Un titre\n\nTexte sans tableau\n\n2. Paragraphe\n"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = Parse(doc, "fr")
	if err == nil || !strings.Contains(err.Error(), "broken.txt:1:") || !strings.Contains(err.Error(), "expected") {
		t.Errorf("missing table: err = %v", err)
	}
	if _, err := Parse(doc, "xx"); err == nil {
		t.Error("unknown language accepted")
	}
	empty, _ := source.Read("none.txt", []byte("Rien ici.\n"))
	res, err := Parse(empty, "fr")
	if err != nil || len(res.Accomplishments) != 0 {
		t.Errorf("no accomplishments: %v %v", res, err)
	}
	var v Vocab
	if err := lang.Load("fr", "results", &v); err != nil || v.Yes != "Oui" || len(v.Groups) == 0 {
		t.Errorf("fr vocabulary: %v %+v", err, v)
	}
	if err := lang.Load("en", "results", &v); err != nil || v.Yes != "Yes" {
		t.Errorf("en vocabulary: %v", err)
	}
}

// FuzzParse checks that no input makes the parser panic. It calls the
// parser without the recover of Parse, so that a panic is a failure.
func FuzzParse(f *testing.F) {
	data, err := os.ReadFile(realSource)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	// the frameworks alone, and a few cut versions, as seeds
	s := string(data)
	if i := strings.Index(s, "Réalisation escomptée 2.1"); i > 0 {
		f.Add([]byte(s[i : i+8000]))
		f.Add([]byte(s[i : i+2500]))
	}
	f.Add([]byte(englishSample))
	f.Add([]byte("Réalisation escomptée 1.1 : x\nIndicateurs de succès prévus\n(2020/21 : 1)\nProduits prévus Observations\nOui\n"))
	var v Vocab
	if err := lang.Load("fr", "results", &v); err != nil {
		f.Fatal(err)
	}
	nf, err := source.Numbers("fr")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		doc, err := source.Read("fuzz.txt", b)
		if err != nil {
			return
		}
		res, err := newParser(doc, v, nf).parse()
		if err != nil {
			return
		}
		for i, sp := range res.Spans {
			if sp.From < 0 || sp.To > len(doc.Lines) || sp.From >= sp.To {
				t.Fatalf("span %d out of range: %+v", i, sp)
			}
		}
	})
}

// TestPageTop checks the field this package added to source.Line: the
// first line of a page follows another line with no blank line between.
func TestPageTop(t *testing.T) {
	doc := readReal(t)
	want := map[int]bool{1291: true, 1438: true, 5774: true, 8459: true, 1290: false, 3004: false, 1276: false}
	for _, l := range doc.Lines {
		if w, ok := want[l.N]; ok {
			if l.PageTop != w {
				t.Errorf("line %d %q: PageTop %v, want %v", l.N, l.Text, l.PageTop, w)
			}
			delete(want, l.N)
		}
	}
	if len(want) != 0 {
		t.Errorf("lines not found: %v", want)
	}
}

// testParser is a parser of a language without a document, for the
// functions that read values.
func testParser(t *testing.T, language string) *parser {
	t.Helper()
	var v Vocab
	if err := lang.Load(language, "results", &v); err != nil {
		t.Fatal(err)
	}
	nf, err := source.Numbers(language)
	if err != nil {
		t.Fatal(err)
	}
	return newParser(nil, v, nf)
}

// English values: "1,747", "72.5 %", "≥ 1,800".
func TestPeriodValueEnglish(t *testing.T) {
	periodValue := testParser(t, "en").periodValue
	for raw, want := range map[string]report.PeriodValue{
		"1,747":                    {Period: "p", Raw: "1,747", Num: "1747"},
		"72.5 %":                   {Period: "p", Raw: "72.5 %", Num: "72.5", Unit: "%"},
		"≥ 1,800":                  {Period: "p", Raw: "≥ 1,800", Num: "1800", Comparator: "≥"},
		"9 meetings per committee": {Period: "p", Raw: "9 meetings per committee", Num: "9", Unit: "meetings per committee"},
		"1 747":                    {Period: "p", Raw: "1 747"},
		"≤ 120 calendar days from the posting of vacancy announcements to selection": {Period: "p", Raw: "≤ 120 calendar days from the posting of vacancy announcements to selection", Num: "120", Comparator: "≤"},
		"≥ 703 out of 703": {Period: "p", Raw: "≥ 703 out of 703"},
	} {
		if got := periodValue("p", raw); got != want {
			t.Errorf("periodValue(%q) = %+v, want %+v", raw, got, want)
		}
	}
}
