package charts

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"pkportal/report"
)

// Each builder returns the chart's plot, or nil (or no rows) when the
// report lacks its data; ForReport then leaves the chart out.

// apportionmentChart: apportionment and expenditure of each category, from
// the subtotal rows of table iii-a (grouped bars).
func apportionmentChart(r *report.Report, tx *words) *plot {
	p := &plot{id: "chart-apportionment-expenditure", source: "iii-a", title: tx.titleAE, unit: report.AmountUnit,
		series: []series{
			{key: "apportionment", label: tx.apportionment, fill: paintLight, stroke: paintMain},
			{key: "expenditure", label: tx.expenditure, fill: paintMain, stroke: paintMain},
		}}
	p.legend = p.series
	p.rows = pick(r, tx, "iii-a", report.RowSubtotal, "apportionment", "expenditure")
	desc := context(r, tx)
	var over []string
	for i, rw := range p.rows {
		if rw.group != "" { // a subtotal is named by its category
			p.rows[i] = row{label: rw.group, printed: rw.inGroup, cells: rw.cells}
		}
		a, e := rw.val(0), rw.val(1)
		desc += fmt.Sprintf(tx.descAE, p.rows[i].label, tx.amount(a, false), tx.amount(e, false))
		if e.Float() > a.Float() {
			over = append(over, p.rows[i].label)
		}
	}
	if len(over) > 0 {
		desc += fmt.Sprintf(tx.descAEOver, strings.Join(over, ", "))
	}
	p.desc = desc + tx.descAEUnit
	return p
}

// varianceChart: the variance of each class (item rows of iii-a that
// belong to a category), as diverging bars; a negative variance is an
// overexpenditure, drawn hatched to the left with a minus sign. Classes
// without a figure ("–") are left out.
func varianceChart(r *report.Report, tx *words) *plot {
	p := &plot{id: "chart-variance", source: "iii-a", title: tx.titleVar, unit: report.AmountUnit, signed: true, headings: true,
		series: []series{{key: "variance_amount", label: tx.variance, fill: paintMain, stroke: paintMain}},
		note: func(d report.Decimal) string {
			switch f := d.Float(); {
			case f < 0:
				return " (" + tx.overWord + ")"
			case f > 0:
				return " (" + tx.underWord + ")"
			}
			return ""
		}}
	p.legend = []series{
		{label: tx.under, fill: paintMain, stroke: paintMain},
		{label: tx.over, fill: p.hatch(), stroke: paintNeg},
	}
	overs := 0
	for _, rw := range pick(r, tx, "iii-a", report.RowItem, "variance_amount") {
		if rw.group != "" {
			p.rows = append(p.rows, rw)
			if rw.val(0).Float() < 0 {
				overs++
			}
		}
	}
	desc := context(r, tx) + tx.descVar
	if hi := extreme(p.rows, func(a, b float64) bool { return a > b }); hi != nil && hi.val(0).Float() > 0 {
		desc += fmt.Sprintf(tx.descVarUnder, hi.label, tx.amount(hi.val(0), true))
	}
	if lo := extreme(p.rows, func(a, b float64) bool { return a < b }); lo != nil && lo.val(0).Float() < 0 {
		desc += fmt.Sprintf(tx.descVarOver, lo.label, tx.amount(lo.val(0), true))
	}
	p.desc = desc + fmt.Sprintf(tx.descVarCount, overs, len(p.rows))
	return p
}

// vacancyChart: the vacancy rate of each personnel category (item rows of
// summary-hr with a figure), in percent.
func vacancyChart(r *report.Report, tx *words) *plot {
	p := &plot{id: "chart-vacancy", source: "summary-hr", title: tx.titleVac, unit: "percent", headings: true,
		series: []series{{key: "vacancy_rate", label: tx.vacancy, fill: paintMain, stroke: paintMain}}}
	p.rows = pick(r, tx, "summary-hr", report.RowItem, "vacancy_rate")
	// the strength each rate is of: a category of 2 posts draws as long a
	// bar as one of 2,000
	strength := map[[2]string][]report.Cell{}
	for _, rw := range pick(r, tx, "summary-hr", report.RowItem, "approved", "actual_average") {
		strength[[2]string{rw.inGroup, rw.printed}] = rw.cells
	}
	if len(strength) > 0 { // the data carry them too, in the data contract's words
		for _, k := range []string{"approved", "actual_average"} {
			title, _ := report.FieldTitle(k, tx.lang)
			p.extra = append(p.extra, report.Column{Key: k, Label: title, Type: "number"})
		}
	}
	for i, rw := range p.rows {
		c := strength[[2]string{rw.inGroup, rw.printed}]
		if len(strength) > 0 {
			p.rows[i].data = append(slices.Clone(rw.cells), make([]report.Cell, 2)...)
			if c != nil {
				copy(p.rows[i].data[1:], c)
			}
		}
		if c != nil && c[0].Num != "" && c[1].Num != "" {
			p.rows[i].suffix = " (" + tx.amount(c[0].Num, false) + ")"
			p.rows[i].detail = fmt.Sprintf(tx.vacStrength, tx.amount(c[0].Num, false), tx.amount(c[1].Num, false))
			p.axis = tx.vacAxis
		}
	}
	hi := extreme(p.rows, func(a, b float64) bool { return a > b })
	lo := extreme(p.rows, func(a, b float64) bool { return a < b })
	if hi != nil {
		p.desc = context(r, tx) + fmt.Sprintf(tx.descVac, hi.name(), tx.percent(hi.val(0))+hi.detail, lo.name(), tx.percent(lo.val(0))+lo.detail)
	}
	return p
}

// equipmentChart: expenditure on contingent-owned equipment, one bar per
// item row of iii-e, labelled "Group – Label".
func equipmentChart(r *report.Report, tx *words) *plot {
	p := &plot{id: "chart-contingent-owned-equipment", source: "iii-e", title: tx.titleCOE, unit: report.AmountUnit,
		series: []series{{key: "expenditure", label: tx.expenditure, fill: paintMain, stroke: paintMain}}}
	p.rows = pick(r, tx, "iii-e", report.RowItem, "expenditure")
	var nums []report.Decimal
	for _, rw := range p.rows {
		nums = append(nums, rw.val(0))
	}
	if top := extreme(p.rows, func(a, b float64) bool { return a > b }); top != nil {
		p.desc = context(r, tx) + fmt.Sprintf(tx.descCOE, tx.amount(sum(nums), false), top.name(), tx.amount(top.val(0), false))
	}
	return p
}

// outputsChart: per component, the outputs completed (those whose remarks
// say they were lower than planned apart), partly completed, not
// completed and with no result reported (see delivery), as stacked bars;
// the description ends with the counting rule.
func outputsChart(r *report.Report, tx *words) *plot {
	p := &plot{id: "chart-output-delivery", source: "ii-f", title: tx.titleOut, stacked: true}
	p.series = []series{
		{key: deliveryKeys[completed], label: tx.completed, fill: paintMain, stroke: paintMain, onFill: paintOnMain},
		{key: deliveryKeys[completedLower], label: tx.completedLower, fill: p.stripes(), stroke: paintMain, onFill: "currentColor"},
		{key: deliveryKeys[partlyCompleted], label: tx.partlyCompleted, fill: paintLight, stroke: paintMain, onFill: paintOnLight},
		{key: deliveryKeys[notCompleted], label: tx.notCompleted, fill: p.hatch(), stroke: paintNeg, onFill: paintOnLight},
		{key: deliveryKeys[notReported], label: tx.notReported, fill: paintNone, stroke: paintNone, onFill: paintOnLight},
	}
	p.legend = p.series
	var total [categories]int
	desc := ""
	for _, c := range r.Components {
		if c == nil {
			continue
		}
		var n [categories]int
		for _, a := range c.Accomplishments {
			if a == nil {
				continue
			}
			for _, o := range a.Outputs {
				n[category(o)]++
			}
		}
		if n == [categories]int{} {
			continue
		}
		rw := row{label: c.Title}
		if rw.label == "" || r.EnglishPage(tx.lang) {
			// "Component 2" on an English page of a French report: the
			// component's own name is the report's, in the chart's data
			rw.label, rw.printed = fmt.Sprintf(tx.component, c.Number), c.Title
		}
		for i, k := range n {
			total[i] += k
			rw.cells = append(rw.cells, count(k))
		}
		// the data count the completed outputs whole, those lower than
		// planned among them; the drawing stacks the two apart, the
		// completed bar (solid and striped) written with its whole count
		rw.data = slices.Clone(rw.cells)
		rw.data[completed] = count(n[completed] + n[completedLower])
		p.rows = append(p.rows, rw)
		desc += fmt.Sprintf(tx.descOutComp, rw.label, n[completed]+n[completedLower], n[completedLower], n[partlyCompleted], n[notCompleted], n[notReported])
	}
	yes, no := "Yes", "No" // the words the report prints
	if r.Language == "fr" {
		yes, no = "Oui", "Non"
	}
	p.foot = tx.counted + fmt.Sprintf(tx.descOutRule, yes, no)
	p.counted = true
	p.desc = context(r, tx) +
		fmt.Sprintf(tx.descOut, total[completed]+total[completedLower]+total[partlyCompleted]+total[notCompleted]+total[notReported],
			total[completed]+total[completedLower], total[completedLower], total[partlyCompleted], total[notCompleted], total[notReported]) +
		desc + p.foot
	return p
}

// The categories of delivery, in the order of the chart's series.
const (
	completed      = iota
	completedLower // completed, and lower than planned as the report's remarks say
	partlyCompleted
	notCompleted
	notReported
	categories
)

// count is a cell holding the count n.
func count(n int) report.Cell {
	s := strconv.Itoa(n)
	return report.Cell{Raw: s, Num: report.Decimal(s)}
}

// The output chart's series keys, its data's fields: its data count under
// KeyCompleted every completed output, and under KeyCompletedLower those
// of them whose remarks say they were lower than planned.
const (
	KeyCompleted      = "completed"
	KeyCompletedLower = "completed_lower"
	KeyPartly         = "partly_completed"
	KeyNotCompleted   = "not_completed"
	KeyNotReported    = "not_reported"
)

// deliveryKeys are the output chart's series keys, by category.
var deliveryKeys = [categories]string{KeyCompleted, KeyCompletedLower, KeyPartly, KeyNotCompleted, KeyNotReported}

// Deliveries counts outputs as the output chart's data do, by key (the
// completed lower than planned among the completed), for a page that
// says what a set of outputs delivered.
func Deliveries(outputs []*report.Output) map[string]int {
	n := map[string]int{}
	for _, o := range outputs {
		k := category(o)
		n[deliveryKeys[k]]++
		if k == completedLower {
			n[KeyCompleted]++
		}
	}
	return n
}

// DeliveryLabels are the labels of the output chart's series in page
// language lang, by key.
func DeliveryLabels(lang string) map[string]string {
	tx := texts["en"]
	if lang == "fr" {
		tx = texts["fr"]
	}
	return map[string]string{deliveryKeys[completed]: tx.completed, deliveryKeys[completedLower]: tx.completedLower,
		deliveryKeys[partlyCompleted]: tx.partlyCompleted, deliveryKeys[notCompleted]: tx.notCompleted, deliveryKeys[notReported]: tx.notReported}
}

// category is the category of output o: its delivery, and a completed
// output whose remarks say it was lower than planned apart.
func category(o *report.Output) int {
	k := delivery(o)
	if k == completed && o.VersusPlan == report.VersusBelow {
		k = completedLower // "Ce produit, inférieur aux prévisions, …"
	}
	return k
}

// delivery classifies an output by the parts of its "completed" column.
// A part is delivered when it is a figure other than 0 or "Oui"/"Yes",
// not delivered when it is "Non"/"No" or the figure 0; any other text
// says neither and is not counted. An output is completed when every
// counted part is delivered, not completed when none is, partly completed
// when some are and some are not, and not reported when it has no counted
// part.
func delivery(o *report.Output) int {
	if o == nil {
		return notReported
	}
	yes, no := false, false
	for _, d := range o.Completed {
		raw := strings.TrimSpace(d.Raw)
		switch {
		case d.Num != "" && strings.Trim(string(d.Num), "-0.") == "": // "0", "0.0"
			no = true
		case d.Num != "", strings.EqualFold(raw, "oui"), strings.EqualFold(raw, "yes"):
			yes = true
		case strings.EqualFold(raw, "non"), strings.EqualFold(raw, "no"):
			no = true
		}
	}
	switch {
	case yes && no:
		return partlyCompleted
	case yes:
		return completed
	case no:
		return notCompleted
	}
	return notReported
}

// sum adds decimals exactly, keeping the largest number of places.
func sum(ds []report.Decimal) report.Decimal {
	places := 0
	for _, d := range ds {
		places = max(places, d.Places())
	}
	var n int64
	for _, d := range ds {
		u, _ := d.Units(places)
		n += u
	}
	return report.FromUnits(n, places)
}
