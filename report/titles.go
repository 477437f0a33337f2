package report

import "strings"

// FieldTitles gives the French and English title of every field of the
// data contract (the columns' keys and the datasets' other fields), for
// datapackage.json, column headings and the English UI's search.
var FieldTitles = map[string][2]string{
	"label":                 {"Libellé", "Label"},
	"group":                 {"Groupe", "Group"},
	"row_type":              {"Type de ligne (item, subtotal, total, heading, deduction)", "Row type (item, subtotal, total, heading, deduction)"},
	"apportionment":         {"Montant alloué", "Apportionment"},
	"expenditure":           {"Dépenses", "Expenditure"},
	"variance_amount":       {"Écart (montant)", "Variance (amount)"},
	"variance_percent":      {"Écart (pourcentage)", "Variance (percentage)"},
	"approved":              {"Effectif approuvé", "Approved"},
	"actual_average":        {"Effectif réel (moyenne)", "Actual (average)"},
	"vacancy_rate":          {"Taux de vacance (pourcentage)", "Vacancy rate (percentage)"},
	"original_distribution": {"Répartition initiale", "Original distribution"},
	"redeployment":          {"Montants réaffectés", "Redeployment"},
	"revised_distribution":  {"Répartition révisée", "Revised distribution"},
	"amount":                {"Montant", "Amount"},
	"value":                 {"Valeur", "Value"},
	"percentage":            {"Pourcentage", "Percentage"},
	"effective_date":        {"Date d’entrée en vigueur", "Effective date"},
	"last_review_date":      {"Date du dernier examen", "Last review date"},
	"id":                    {"Identifiant", "Identifier"},
	"accomplishment":        {"Réalisation escomptée", "Expected accomplishment"},
	"n":                     {"Numéro", "Number"},
	"planned":               {"Prévu", "Planned"},
	"values":                {"Valeurs par exercice", "Values by period"},
	"baseline_period":       {"Exercice de référence", "Baseline period"},
	"baseline":              {"Valeur de référence", "Baseline"},
	"baseline_value":        {"Valeur de référence (nombre)", "Baseline (number)"},
	"target_period":         {"Exercice cible", "Target period"},
	"target":                {"Objectif", "Target"},
	"target_value":          {"Objectif (nombre)", "Target (number)"},
	"actual":                {"Effectif", "Actual"},
	"completed":             {"Exécuté (tel qu’imprimé)", "Completed (as printed)"},
	"remarks":               {"Observations", "Remarks"},
	"paragraphs":            {"Paragraphes", "Paragraphs"},
	"explanation":           {"Explication", "Explanation"},
	"body":                  {"Organe", "Body"},
	"resolution":            {"Résolution", "Resolution"},
	"resolution_paragraph":  {"Paragraphe de la résolution", "Resolution paragraph"},
	"request":               {"Décision ou demande", "Decision or request"},
	"action":                {"Mesures prises", "Action taken"},
	"baseline_unit":         {"Unité de la valeur de référence", "Baseline unit"},
	"target_unit":           {"Unité de l’objectif", "Target unit"},
	"target_comparator":     {"Comparateur de l’objectif (≥, ≤, <, >)", "Target comparator (≥, ≤, <, >)"},
	"status":                {"État (lu dans le rapport, jamais deviné)", "Status (read from the report, never guessed)"},
	"status_basis":          {"Fondement de l’état", "Basis of the status"},
	"versus_plan":           {"Par rapport aux prévisions, selon le texte du rapport", "Compared with the plan, as the report’s text says"},
	"report":                {"Rapport (cote du document)", "Report (document symbol)"},
	"period":                {"Exercice", "Period"},
	"table":                 {"Tableau", "Table"},
}

// FieldTitle is field key's title in UI language lang (FieldTitles: the
// French one for "fr", the English one otherwise), ok false for a field
// the data contract does not name.
func FieldTitle(key, lang string) (title string, ok bool) {
	t, ok := FieldTitles[key]
	if lang == "fr" {
		return t[0], ok
	}
	return t[1], ok
}

// EnglishTitles are the English titles of the tables and sections every
// budget performance report has (the design notes' structure), by their
// language-neutral ids, whatever the report's language: the data
// contract's titles, and what the English UI's search finds them by.
var EnglishTitles = map[string]string{
	// sections (the design notes' English headings)
	"summary": "Summary",
	"i":       "I. Introduction",
	"ii":      "II. Mandate performance",
	"ii-a":    "II.A Overall",
	"ii-b":    "II.B Budget implementation",
	"ii-c":    "II.C Mission support initiatives",
	"ii-d":    "II.D Regional mission cooperation",
	"ii-e":    "II.E Partnerships, country team coordination and integrated missions",
	"ii-f":    "II.F Results-based budgeting frameworks",
	"iii":     "III. Resource performance",
	"iii-c":   "III.C Monthly expenditure pattern",
	"v":       "V. Actions to be taken by the General Assembly",
	// tables, and the sections of the same id
	"summary-financial": "Summary: financial resources",
	"summary-hr":        "Summary: human resources incumbency performance",
	"iii-a":             "III.A Financial resources",
	"iii-b":             "III.B Summary information on redeployments across groups",
	"iii-d":             "III.D Other revenue and adjustments",
	"iii-e":             "III.E Expenditure for contingent-owned equipment: major equipment and self-sustainment",
	"iii-e-factors":     "III.E Mission factors of contingent-owned equipment",
	"iii-f":             "III.F Value of non-budgeted contributions",
	"iv":                "IV. Analysis of variances",
	"vi":                "VI. Summary of follow-up action",
}

// EnglishTitle is the English title of a standard section or table by its
// id (EnglishTitles), "Component N" for the components of II.F
// ("ii-f-N", whose own names each mission chooses), or "".
func EnglishTitle(id string) string {
	if t, ok := EnglishTitles[id]; ok {
		return t
	}
	if n, ok := strings.CutPrefix(id, "ii-f-"); ok && n != "" && strings.Trim(n, "0123456789") == "" {
		return "Component " + n
	}
	return ""
}

// englishRows are the English names of the standard rows of the tables,
// as a report in each language prints them: the classes of expenditure
// (the summary's and III.A's rows, III.B's groups, III.E's, section IV's
// headings), the categories of personnel, the lines of III.D, III.E's
// mission factors and III.F. Every peacekeeping budget performance report
// has them, with these names in its English version.
var englishRows = map[string]map[string]string{
	"fr": {
		"Militaires et personnel de police":                  "Military and police personnel",
		"I. Militaires et personnel de police":               "I. Military and police personnel",
		"Observateurs militaires":                            "Military observers",
		"Contingents":                                        "Military contingents",
		"Police des Nations Unies":                           "United Nations police",
		"Unités de police constituées":                       "Formed police units",
		"Personnel civil":                                    "Civilian personnel",
		"II. Personnel civil":                                "II. Civilian personnel",
		"Personnel recruté sur le plan international":        "International staff",
		"Personnel recruté sur le plan national":             "National staff",
		"Volontaires des Nations Unies":                      "United Nations Volunteers",
		"Personnel temporaire (autre que pour les réunions)": "General temporary assistance",
		"Personnel fourni par des gouvernements":             "Government-provided personnel",
		"Dépenses opérationnelles":                           "Operational costs",
		"III. Dépenses opérationnelles":                      "III. Operational costs",
		"Observateurs électoraux civils":                     "Civilian electoral observers",
		"Consultants et services de consultants":             "Consultants and consulting services",
		"Voyages officiels":                                  "Official travel",
		"Installations et infrastructures":                   "Facilities and infrastructure",
		"Transports terrestres":                              "Ground transportation",
		"Opérations aériennes":                               "Air operations",
		"Opérations maritimes ou fluviales":                  "Marine operations",
		"Communications et informatique":                     "Communications and information technology",
		"Santé":                                              "Medical",
		"Matériel spécial":                                   "Special equipment",
		"Fournitures, services et matériel divers":           "Other supplies, services and equipment",
		"Projets à effet rapide":                             "Quick-impact projects",
		"Montant brut":                                       "Gross requirements",
		"Recettes provenant des contributions du personnel":  "Staff assessment income",
		"Montant net":                                        "Net requirements",
		"Contributions volontaires en nature (budgétisées)":  "Voluntary contributions in kind (budgeted)",
		"Total partiel":                                      "Subtotal",
		"Matériel majeur":                                    "Major equipment",
		"Soutien logistique autonome":                        "Self-sustainment",
		// the summary's human resources (categories of personnel)
		"Volontaires recrutés sur le plan international": "International United Nations Volunteers",
		"Volontaires recrutés sur le plan national":      "National United Nations Volunteers",
		"Emplois de temporaire":                          "Temporary positions",
		// III.D, other revenue and adjustments
		"Produit des placements":                          "Investment revenue",
		"Produits divers ou accessoires":                  "Other/miscellaneous revenue",
		"Contributions volontaires en espèces":            "Voluntary contributions in cash",
		"Ajustements sur exercices antérieurs":            "Prior-period adjustments",
		"Annulation d’engagements d’exercices antérieurs": "Cancellation of prior-period obligations",
		// III.E, the mission factors of contingent-owned equipment
		"A. Facteurs applicables à la zone de la Mission": "A. Applicable to mission area",
		"Contraintes du milieu":                           "Extreme environmental condition factor",
		"Usage opérationnel intensif":                     "Intensified operational condition factor",
		"Actes d’hostilité ou abandon forcé":              "Hostile action/forced abandonment factor",
		"B. Facteurs applicables aux pays d’origine":      "B. Applicable to home country",
		"Différentiel de transport":                       "Incremental transportation factor",
		// III.F, non-budgeted contributions
		"Contributions prévues par l’accord sur le statut des forces": "Status-of-forces agreement",
		"Contributions volontaires en nature (non budgétisées)":       "Voluntary contributions in kind (non-budgeted)",
	},
}

// englishSubrows are the English names of rows whose label names a class
// only within its group (the row above them that they detail): the
// summary's "Administrateurs" are the national staff's Professional
// Officers, not the international staff's Professional category.
var englishSubrows = map[string]map[string]map[string]string{
	"fr": {
		"Personnel recruté sur le plan national": {
			"Administrateurs":              "National Professional Officers",
			"Agents des services généraux": "National General Service staff",
		},
	},
}

// EnglishPage reports whether a page in UI language lang of report r
// gives the standard English names beside the report's words (an English
// page of a report in another language): headings, tables, columns, rows.
func (r *Report) EnglishPage(lang string) bool {
	return lang == "en" && r.Language != "en"
}

// EnglishRow is the English name of a standard row that a report in
// language lang prints as label, under the row group (the label of the
// heading row it details, or ""): a class of expenditure, a category of
// personnel, a line of III.D, III.E or III.F (englishRows,
// englishSubrows), or "". A straight apostrophe reads as the report's
// typographic one.
func EnglishRow(lang, group, label string) string {
	label = strings.ReplaceAll(label, "'", "’")
	if en := englishSubrows[lang][strings.ReplaceAll(group, "'", "’")][label]; en != "" {
		return en
	}
	return englishRows[lang][label]
}
