package charts

import "pkportal/report"

// words are the texts of the charts in one page language.
type words struct {
	lang, period string
	axis         map[string]string // caption under the axis, by unit

	titleAE, apportionment, expenditure, descAE, descAEOver, descAEUnit string

	titleVar, variance, under, over, underWord, overWord string
	descVar, descVarUnder, descVarOver, descVarCount     string

	titleVac, vacancy, descVac string
	vacStrength, vacAxis       string // approved and actual strength after a rate; the axis saying what the label's number is

	titleCOE, descCOE string

	titleOut, completed, completedLower, partlyCompleted, notCompleted, notReported, component string
	descOut, descOutComp, descOutRule                                                          string
	// counted opens the note of a chart's data that the portal counted
	counted string
}

// rowName is the name of a table's row on a page in language tx.lang:
// its standard English name on an English page of a report in another
// language (report.EnglishRow), or the label the report prints.
func (tx *words) rowName(r *report.Report, group, label string) string {
	if r.EnglishPage(tx.lang) {
		if en := report.EnglishRow(r.Language, group, label); en != "" {
			return en
		}
	}
	return label
}

var texts = map[string]*words{
	"fr": {
		lang: "fr", period: "exercice",
		axis: map[string]string{
			report.AmountUnit: "En milliers de dollars des États-Unis", "percent": "Pourcentage", "": "Nombre de produits",
		},
		titleAE:       "Montant alloué et dépenses par catégorie",
		apportionment: "Montant alloué",
		expenditure:   "Dépenses",
		descAE:        "%s\u00a0: montant alloué %s, dépenses %s. ",
		descAEOver:    "Les dépenses ont dépassé le montant alloué pour\u00a0: %s. ",
		descAEUnit:    "Montants en milliers de dollars des États-Unis.",
		titleVar:      "Écart entre montant alloué et dépenses, par rubrique",
		variance:      "Écart",
		under:         "Sous-utilisation des crédits (écart positif)",
		over:          "Dépassement de crédits (écart négatif)",
		underWord:     "sous-utilisation",
		overWord:      "dépassement",
		descVar: "Écart entre le montant alloué et les dépenses, en milliers de dollars des États-Unis\u00a0; " +
			"un écart négatif (barre hachurée, signe moins) est un dépassement de crédits. ",
		descVarUnder: "Plus forte sous-utilisation\u00a0: %s, %s. ",
		descVarOver:  "Plus fort dépassement\u00a0: %s, %s. ",
		descVarCount: "%d rubriques sur %d présentent un dépassement.",
		titleVac:     "Taux de vacance par catégorie de personnel",
		vacancy:      "Taux de vacance",
		descVac:      "Taux de vacance le plus élevé\u00a0: %s, %s\u00a0; le plus bas\u00a0: %s, %s.",
		vacStrength:  " (effectif approuvé %s, effectif moyen %s)",
		vacAxis:      "Pourcentage (entre parenthèses, l’effectif approuvé)",
		titleCOE:     "Matériel appartenant aux contingents\u00a0: dépenses",
		descCOE: "Dépenses au titre du matériel majeur et du soutien logistique autonome\u00a0: " +
			"%s milliers de dollars des États-Unis au total\u00a0; poste le plus important\u00a0: %s, %s.",
		titleOut:        "Exécution des produits par composante",
		completed:       "Exécutés",
		completedLower:  "dont inférieurs aux prévisions",
		partlyCompleted: "Partiellement exécutés",
		notCompleted:    "Non exécutés",
		notReported:     "Résultat non indiqué",
		component:       "Composante %d",
		descOut:         "Produits prévus\u00a0: %d. Exécutés\u00a0: %d, dont inférieurs aux prévisions selon le rapport\u00a0: %d\u00a0; partiellement exécutés\u00a0: %d\u00a0; non exécutés\u00a0: %d\u00a0; sans résultat indiqué\u00a0: %d. ",
		descOutComp:     "%s — exécutés\u00a0: %d, dont inférieurs aux prévisions\u00a0: %d\u00a0; partiellement exécutés\u00a0: %d\u00a0; non exécutés\u00a0: %d\u00a0; sans résultat indiqué\u00a0: %d. ",
		counted:         "Chiffres comptés par le portail à partir des produits de la section II.F ; le rapport ne les imprime pas. ",
		descOutRule: "Un produit est compté exécuté lorsque chacune de ses parties porte «\u00a0%s\u00a0» ou un chiffre supérieur à 0, " +
			"même inférieur au chiffre prévu, partiellement exécuté lorsque certaines seulement portent «\u00a0%s\u00a0» ou 0\u00a0; " +
			"un produit exécuté est compté aussi parmi ceux «\u00a0dont inférieurs aux prévisions\u00a0» lorsque ses observations le disent.",
	},
	"en": {
		lang: "en", period: "period",
		axis: map[string]string{
			report.AmountUnit: "Thousands of US dollars", "percent": "Percent", "": "Number of outputs",
		},
		titleAE:       "Apportionment and expenditure by category",
		apportionment: "Apportionment",
		expenditure:   "Expenditure",
		descAE:        "%s: apportionment %s, expenditure %s. ",
		descAEOver:    "Expenditure exceeded the apportionment for: %s. ",
		descAEUnit:    "Amounts in thousands of US dollars.",
		titleVar:      "Variance between apportionment and expenditure, by class",
		variance:      "Variance",
		under:         "Underexpenditure (positive variance)",
		over:          "Overexpenditure (negative variance)",
		underWord:     "underexpenditure",
		overWord:      "overexpenditure",
		descVar: "Variance between apportionment and expenditure, in thousands of US dollars; " +
			"a negative variance (hatched bar, minus sign) is an overexpenditure. ",
		descVarUnder: "Largest underexpenditure: %s, %s. ",
		descVarOver:  "Largest overexpenditure: %s, %s. ",
		descVarCount: "%d of %d classes show an overexpenditure.",
		titleVac:     "Vacancy rates by personnel category",
		vacancy:      "Vacancy rate",
		descVac:      "Highest vacancy rate: %s, %s; lowest: %s, %s.",
		vacStrength:  " (approved %s, actual average %s)",
		vacAxis:      "Percentage (in parentheses, the approved strength)",
		titleCOE:     "Contingent-owned equipment: expenditure",
		descCOE: "Expenditure on major equipment and self-sustainment: " +
			"%s thousand US dollars in total; largest item: %s, %s.",
		titleOut:        "Output delivery by component",
		completed:       "Completed",
		completedLower:  "of which lower than planned",
		partlyCompleted: "Partly completed",
		notCompleted:    "Not completed",
		notReported:     "Not reported",
		component:       "Component %d",
		descOut:         "Of %d planned outputs: %d completed (%d of them lower than planned, as the report says), %d partly completed, %d not completed, %d not reported. ",
		descOutComp:     "%s: %d completed (%d of them lower than planned), %d partly completed, %d not completed, %d not reported. ",
		counted:         "Figures counted by the portal from the outputs of section II.F; the report does not print them. ",
		descOutRule: "An output is counted as completed when each of its parts reads “%s” or a figure above 0, " +
			"even one below the planned figure, partly completed when only some read “%s” or 0; " +
			"a completed output is also counted among those “of which lower than planned” when its remarks say it was.",
	},
}
