package report

import "strings"

// Component is a component of the results-based budgeting frameworks of
// section II.F, e.g. "Composante 2 : protection des civils".
type Component struct {
	// Number is the component's number, 1 to 5 in A/76/564.
	Number int `json:"number"`
	// ID is the component's section ID, e.g. "ii-f-2"; its narrative
	// paragraphs are that section's blocks.
	ID string `json:"id"`
	// Title is the component's heading as printed, e.g. "Composante 2 : protection des civils".
	Title string `json:"title"`
	// Accomplishments are the component's expected accomplishments, in order.
	Accomplishments []*Accomplishment `json:"accomplishments"`
	// Line is the line of the component's heading in the source.
	Line int `json:"line,omitempty"`
}

// Accomplishment is an expected accomplishment with its indicators of
// achievement and its outputs.
type Accomplishment struct {
	// ID is the anchor, e.g. "ea-2-1".
	ID string `json:"id"`
	// Number is the number as printed, e.g. "2.1".
	Number string `json:"number"`
	// Text is the expected accomplishment's text as printed, after its label and number.
	Text string `json:"text"`
	// Indicators are its indicators of achievement, in order.
	Indicators []*Indicator `json:"indicators"`
	// Outputs are its outputs, in order.
	Outputs []*Output `json:"outputs"`
	// Line is the line of its heading in the source.
	Line int `json:"line,omitempty"`
}

// Indicator is an indicator of achievement: what was planned, against which
// baselines and target, and what happened.
type Indicator struct {
	// ID is the anchor, e.g. "ea-2-1-i3".
	ID string `json:"id"`
	// N is the indicator's position in its accomplishment, from 1.
	N int `json:"n"`
	// Planned is the planned indicator's text without its parentheses of
	// period values and their labels.
	Planned string `json:"planned"`
	// Values are the period values of the parentheses, e.g.
	// "(2018/19 : 1 ; 2019/20 : 2 ; 2020/21 : 5)", in order: each
	// parenthesis is a measure (PeriodValue.Measure), most indicators have
	// one. The last value of the report's period is the target.
	Values []PeriodValue `json:"values,omitempty"`
	// Actual is the actual indicator's text, paragraphs joined by newlines.
	Actual string `json:"actual"`
	// Status is what the report says of the indicator: one of
	// StatusAchieved, StatusNotAchieved, StatusPartly, StatusNotAssessable.
	Status string `json:"status"`
	// StatusBasis says how Status was read: "text" (the report says so,
	// e.g. "Objectif atteint"), "target" (the actual figure compared with
	// the target's), or why it is not assessable.
	StatusBasis string `json:"status_basis"`
	// VersusPlan is VersusAbove or VersusBelow when the actual indicator's
	// text says the result was higher or lower than planned ("plus élevé
	// que prévu"), whether that is good or bad; "" when it says neither or
	// both.
	VersusPlan string `json:"versus_plan,omitempty"`
	// Line is the line of the source where the planned indicator starts.
	Line int `json:"line,omitempty"`
}

// Results compared with the plan in the report's own words
// (Indicator.VersusPlan, Output.VersusPlan).
const (
	VersusAbove = "above"
	VersusBelow = "below"
)

// Indicator statuses. A status is read from the report, never guessed:
// where the text does not say and the figures cannot be compared, the
// indicator is not assessable.
const (
	StatusAchieved      = "achieved"
	StatusNotAchieved   = "not-achieved"
	StatusPartly        = "partly"
	StatusNotAssessable = "not-assessable"
)

// PeriodValue is the value of an indicator for one period.
type PeriodValue struct {
	// Period is the period as printed, e.g. "2019/20".
	Period string `json:"period"`
	// Raw is the value as printed, e.g. "21 %", "≥ 90 %", "9 réunions par comité".
	Raw string `json:"raw"`
	// Num is set when Raw is a plain number, optionally with a unit or a
	// comparison sign: "21 %" → "21".
	Num Decimal `json:"num,omitempty"`
	// Unit is "%" or a word that follows the number, when Num is set.
	Unit string `json:"unit,omitempty"`
	// Comparator is "≥", "≤", "<", ">" when the value is a bound.
	Comparator string `json:"comparator,omitempty"`
	// Measure is the position, from 1, of the parenthesis of values the
	// value belongs to: an indicator that measures two things prints two
	// parentheses, e.g. A/76/564 3.1, indicator 6.
	Measure int `json:"measure,omitempty"`
	// Label is what the measure counts, as printed before the first
	// period in the parenthesis: "(pourcentage d’élues : 2018/19 : …)" →
	// "pourcentage d’élues"; empty when the parenthesis has none.
	Label string `json:"label,omitempty"`
}

// ValuesText writes an indicator's values as the report prints them,
// with the given separators: colon between a period and its value
// (" : " in French), sep between values (" ; "); a measure's label opens
// its values ("pourcentage d’élues : 2018/19 : 8,84 % ; …") and measures
// are separated by " | ".
func (in *Indicator) ValuesText(colon, sep string) string {
	var b strings.Builder
	for i, v := range in.Values {
		first := i == 0 || v.Measure != in.Values[i-1].Measure
		switch {
		case i == 0:
		case first:
			b.WriteString(" | ")
		default:
			b.WriteString(sep)
		}
		if first && v.Label != "" {
			b.WriteString(v.Label + colon)
		}
		b.WriteString(v.Period + colon + v.Raw)
	}
	return b.String()
}

// Output is a planned output with what was delivered.
type Output struct {
	// ID is the anchor, e.g. "ea-2-1-o4".
	ID string `json:"id"`
	// N is the output's position in its accomplishment, from 1.
	N int `json:"n"`
	// Group is the sub-heading the output sits under, if any (the support
	// component groups its outputs, e.g. "Services médicaux").
	Group string `json:"group,omitempty"`
	// Planned is the planned output's text.
	Planned string `json:"planned"`
	// Completed lists the delivered figures: a number with its label, or
	// "Oui"/"Non" alone.
	Completed []Delivered `json:"completed,omitempty"`
	// Remarks is the text of the remarks column, if any.
	Remarks string `json:"remarks,omitempty"`
	// VersusPlan is VersusAbove or VersusBelow when the remarks say the
	// output was higher or lower than planned ("Ce produit, inférieur aux
	// prévisions, …"); "" when they say neither or both.
	VersusPlan string `json:"versus_plan,omitempty"`
	// Line is the line of the source where the planned output starts.
	Line int `json:"line,omitempty"`
}

// Delivered is one figure of an output's "completed" column.
type Delivered struct {
	// Raw is the value as printed: "35", "Oui", "Non", "1 010".
	Raw string `json:"raw"`
	// Num is set when Raw is a number.
	Num Decimal `json:"num,omitempty"`
	// Label is the text that follows the figure, e.g. "Réunions ont
	// bénéficié d'un appui".
	Label string `json:"label,omitempty"`
}

// Variance is an item of section IV: a budget class whose expenditure
// differs from its apportionment, with the explanation.
type Variance struct {
	// ID is the anchor, e.g. "iv-contingents".
	ID string `json:"id"`
	// Label is the class as printed, e.g. "Contingents".
	Label string `json:"label"`
	// Group is the category of III.A the class belongs to.
	Group string `json:"group,omitempty"`
	// Amount is the variance in thousands of US dollars, negative for an
	// overexpenditure.
	Amount Decimal `json:"amount"`
	// Percent is the variance in percent of the apportionment, negative for an overexpenditure.
	Percent Decimal `json:"percent"`
	// Paragraphs are the numbers of the paragraphs that explain the
	// variance; the paragraphs themselves are blocks of section IV.
	Paragraphs []int `json:"paragraphs"`
	// Line is the line of the source of the item's header, e.g. "Écart".
	Line int `json:"line,omitempty"`
}

// Decision is an action the General Assembly is asked to take (section V).
type Decision struct {
	// Paragraph is the number of the paragraph that holds the decision.
	Paragraph int `json:"paragraph"`
	// Label is the sub-item letter, e.g. "a".
	Label string `json:"label"`
	// Text is the sub-item's text, e.g. "se prononce sur l’affectation du solde inutilisé…".
	Text string `json:"text"`
	// Amount is the main amount, in US dollars as the section prints it.
	Amount Decimal `json:"amount,omitempty"`
}

// FollowUp is a row of section VI: a request of a legislative body and the
// action the mission took.
type FollowUp struct {
	// ID is the anchor, e.g. "vi-1".
	ID string `json:"id"`
	// Body is the body that made the request, e.g. "Assemblée générale".
	Body string `json:"body"`
	// Resolution is the resolution, e.g. "75/302".
	Resolution string `json:"resolution"`
	// ResolutionParagraph is the paragraph of the resolution, e.g. "12".
	ResolutionParagraph string `json:"resolution_paragraph"`
	// Request is the decision or request of the body, as the table prints it.
	Request string `json:"request"`
	// Action is the action the mission took, as the table prints it.
	Action string `json:"action"`
	// Line is the line of the source where the row starts.
	Line int `json:"line,omitempty"`
}
