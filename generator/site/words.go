package site

import (
	"strconv"

	"pkportal/report"
)

// ui holds the words the generator writes into views in one UI language.
// The layouts' own words are in i18n/*.toml; these are the ones that go
// into prepared values (key figures, statuses, captions).
type ui struct {
	unit, unitShort, millions, rate               string
	apportionment, expenditure, unspent, utilized string
	expenditureIn, tables                         string
	allDataDesc                                   string // what a report's data holds, for dataset search
	reportGloss                                   string // a report's kind, mission and period, on a page in another language than its own
	shownIn, official                             string // a page in another language than its report's: the text's language, the link to the official version
	under, over, varExplain                       string // a variance's direction; what section IV's figures are
	glanceOutputs, glanceNotReported, glanceChart string // the report home's "at a glance": outputs…
	glanceIndicators, glanceVersus                string // …and indicators…
	glanceFrameworks                              string // …and the link to the frameworks
	eaWord, indicatorsWord, outputsWord           string // a component page's list of its accomplishments
	colon, semicolon                              string // between a name and its value; between two items
	redirecting, toReport                         string
	warning                                       string            // where, printed, rule, expected
	nReports, nMissions, nPeriods                 [2]string         // singular, plural
	status                                        map[string]string // status and status basis → words
	versus                                        map[string]string // a result compared with the plan in the report's words (report.VersusAbove…) → words
}

// portalNotes gives the i18n key of each statement of the portal about a
// source (report.Block.Note, written in English by ingest), so that the
// reader reads it in the UI language.
var portalNotes = map[string]string{
	"The monthly expenditure figures of this section are a chart in the PDF of the report; they are not in its text.": "noteMonthlyChart",
}

// checkWords say, per UI language, each check of ingest/finance that a
// figure of the source can fail by a rounding (report.Warning.Check).
var checkWords = map[string]map[string]string{
	"group-sum":            {"fr": "total partiel = somme des postes du groupe", "en": "subtotal = sum of the group’s items"},
	"items-sum":            {"fr": "total = somme des totaux partiels et des postes au-dessus", "en": "total = sum of the subtotals and items above"},
	"net":                  {"fr": "montant net = montant brut − recettes provenant des contributions du personnel", "en": "net = gross − staff assessment income"},
	"total-in-kind":        {"fr": "total = montant brut + contributions volontaires en nature", "en": "total = gross + voluntary contributions in kind"},
	"variance":             {"fr": "écart = montant alloué − dépenses", "en": "variance = apportionment − expenditure"},
	"variance-percent":     {"fr": "écart en pourcentage = écart ÷ montant alloué × 100", "en": "variance in percent = variance ÷ apportionment × 100"},
	"summary-as-iii-a":     {"fr": "même chiffre qu’au tableau III.A", "en": "same figure as in table III.A"},
	"vacancy-rate":         {"fr": "taux de vacance = (effectif approuvé − effectif réel) ÷ effectif approuvé × 100", "en": "vacancy rate = (approved − actual) ÷ approved × 100"},
	"revised":              {"fr": "répartition révisée = répartition initiale + montants réaffectés", "en": "revised distribution = original distribution + redeployment"},
	"original-as-iii-a":    {"fr": "répartition initiale = montant alloué à la catégorie au tableau III.A", "en": "original distribution = the category’s apportionment in table III.A"},
	"revised-covers-iii-a": {"fr": "répartition révisée ≥ dépenses de la catégorie au tableau III.A", "en": "revised distribution ≥ the category’s expenditure in table III.A"},
	"redeployment-share":   {"fr": "pourcentage = montants réaffectés positifs ÷ total de la répartition initiale × 100", "en": "percentage = positive redeployments ÷ total original distribution × 100"},
	"variance-as-iii-a":    {"fr": "même écart qu’au tableau III.A", "en": "same variance as in table III.A"},
}

var uiWords = map[string]ui{
	"fr": {
		unit: "En milliers de dollars des États-Unis", unitShort: "milliers de dollars des États-Unis",
		millions: "millions de dollars des États-Unis", rate: "taux d’utilisation",
		apportionment: "Montant alloué", expenditure: "Dépenses", unspent: "Solde inutilisé", utilized: "Taux d’utilisation",
		expenditureIn: "Dépenses en", tables: "Tableaux",
		reportGloss: "Rapport sur l’exécution du budget : %s, exercice %s",
		shownIn:     "Le texte du rapport est affiché en %s, la langue de la version que lit le portail.", official: "Version officielle en français (undocs.org)",
		under: "sous-utilisation des crédits", over: "dépassement de crédits",
		glanceOutputs:     "Produits prévus\u00a0: %d\u00a0; exécutés\u00a0: %d, dont inférieurs aux prévisions selon le rapport\u00a0: %d\u00a0; partiellement exécutés\u00a0: %d\u00a0; non exécutés\u00a0: %d",
		glanceNotReported: "\u00a0; sans résultat indiqué\u00a0: %d",
		glanceChart:       "Voir le graphique et sa règle de comptage",
		glanceIndicators:  "Indicateurs de succès\u00a0: %d\u00a0; atteints\u00a0: %d\u00a0; non atteints\u00a0: %d\u00a0; partiellement atteints\u00a0: %d\u00a0; non classés par le portail\u00a0: %d",
		glanceVersus:      " (parmi ceux-ci, supérieurs aux prévisions selon le rapport\u00a0: %d\u00a0; inférieurs\u00a0: %d)",
		glanceFrameworks:  "Voir les cadres de résultats",
		eaWord:            "Réalisation escomptée", indicatorsWord: "indicateurs", outputsWord: "produits", colon: "\u00a0: ", semicolon: "\u00a0; ",
		varExplain:  "À côté de chaque rubrique : l’écart (montant alloué moins dépenses, en milliers de dollars des États-Unis) et son pourcentage du montant alloué ; un écart positif est une sous-utilisation des crédits, un écart négatif, entre parenthèses, un dépassement de crédits.",
		allDataDesc: "Toutes les données du rapport : chaque tableau, cadre de résultats, écart et mesure de suivi en CSV et JSON, le rapport entier en JSON, dans un zip avec la description Frictionless du jeu de données.",
		redirecting: "Redirection vers le paragraphe", toReport: "Redirection vers le rapport",
		warning:  "%s : le rapport imprime %s, là où le contrôle «\u00a0%s\u00a0» attend %s. Écart d’arrondi de la source : le chiffre est publié tel qu’imprimé.",
		versus:   map[string]string{report.VersusAbove: "Supérieur aux prévisions, selon le rapport", report.VersusBelow: "Inférieur aux prévisions, selon le rapport"},
		nReports: [2]string{"rapport", "rapports"}, nMissions: [2]string{"mission", "missions"}, nPeriods: [2]string{"exercice", "exercices"},
		status: map[string]string{
			report.StatusAchieved: "Atteint", report.StatusNotAchieved: "Non atteint", report.StatusPartly: "Partiellement atteint", report.StatusNotAssessable: "Non classé",
			"text": "selon le texte du rapport", "target": "chiffre effectif comparé à l’objectif", "": "le portail ne classe pas ce résultat : lire le résultat obtenu, que le rapport compare parfois à l’objectif",
		},
	},
	"en": {
		unit: "Thousands of United States dollars", unitShort: "thousands of US dollars",
		millions: "million US dollars", rate: "utilization rate",
		apportionment: "Apportionment", expenditure: "Expenditure", unspent: "Unencumbered balance", utilized: "Utilization rate",
		expenditureIn: "Expenditure in", tables: "Tables",
		reportGloss: "Budget performance report: %s, period %s",
		shownIn:     "The report’s text is shown in %s, the language of the version this portal reads.", official: "Official English version (undocs.org)",
		under: "underexpenditure", over: "overexpenditure",
		glanceOutputs:     "Outputs: of %d planned, %d completed (%d of them lower than planned, as the report says), %d partly completed, %d not completed",
		glanceNotReported: ", %d not reported",
		glanceChart:       "See the chart and its counting rule",
		glanceIndicators:  "Indicators of achievement: of %d, %d achieved, %d not achieved, %d partly achieved, %d not classified by the portal",
		glanceVersus:      " (of these, the report says %d were higher and %d lower than planned)",
		glanceFrameworks:  "See the results frameworks",
		eaWord:            "Expected accomplishment", indicatorsWord: "indicators", outputsWord: "outputs", colon: ": ", semicolon: "; ",
		varExplain:  "Beside each heading: the variance (apportionment minus expenditure, in thousands of US dollars) and its percentage of the apportionment; a positive variance is an underexpenditure, a negative one, in parentheses, an overexpenditure.",
		allDataDesc: "All the data of the report: every table, results framework, variance and follow-up action as CSV and JSON, the whole report as JSON, in one zip with its Frictionless data package.",
		redirecting: "Redirecting to paragraph", toReport: "Redirecting to the report",
		warning:  "%s: the report prints %s where the check “%s” expects %s. A rounding of the source: the figure is published as printed.",
		versus:   map[string]string{report.VersusAbove: "Higher than planned, as the report says", report.VersusBelow: "Lower than planned, as the report says"},
		nReports: [2]string{"report", "reports"}, nMissions: [2]string{"mission", "missions"}, nPeriods: [2]string{"period", "periods"},
		status: map[string]string{
			report.StatusAchieved: "Achieved", report.StatusNotAchieved: "Not achieved", report.StatusPartly: "Partly achieved", report.StatusNotAssessable: "Not classified",
			"text": "as the report states", "target": "actual figure compared with the target", "": "the portal does not classify this result: read the actual result, which the report sometimes compares with the target",
		},
	},
}

// statusWords says an indicator's status, and how it was read.
func (w ui) statusWords(status, basis string) (string, string) {
	why, ok := w.status[basis]
	if !ok {
		why = w.status[""]
	}
	return w.status[status], why
}

// colonWords joins a name and a value: "X : Y" (no-break space) in
// French, "X: Y" in English.
func (w ui) colonWords(name, value string) string {
	return name + w.colon + value
}

// count writes n with its noun, e.g. "1 rapport", "12 rapports".
func count(n int, noun [2]string) string {
	if n == 1 {
		return "1 " + noun[0]
	}
	return strconv.Itoa(n) + " " + noun[1]
}
