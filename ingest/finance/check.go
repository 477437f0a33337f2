package finance

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"pkportal/report"
)

// places is the fixed precision Check computes in: every figure of the
// reports has at most this many decimals.
const places = 3

// The checks a figure is compared by, as report.Warning.Check names them.
const (
	CheckGroupSum          = "group-sum"            // a subtotal: the sum of its group's items
	CheckItemsSum          = "items-sum"            // a total: the subtotals and items above
	CheckNet               = "net"                  // the net amount: gross less the deduction
	CheckTotalInKind       = "total-in-kind"        // the total: gross plus the items after the net amount
	CheckVariance          = "variance"             // apportionment − expenditure
	CheckVariancePercent   = "variance-percent"     // variance / apportionment × 100
	CheckSummaryAsIIIA     = "summary-as-iii-a"     // a summary figure: the same in III.A
	CheckVacancyRate       = "vacancy-rate"         // (approved − actual) / approved × 100
	CheckRevised           = "revised"              // original distribution + redeployment
	CheckOriginalAsIIIA    = "original-as-iii-a"    // the original distribution: III.A's apportionment
	CheckRevisedCoversIIIA = "revised-covers-iii-a" // the revised distribution: at least III.A's expenditure
	CheckRedeploymentShare = "redeployment-share"   // positive redeployments / total original distribution × 100
	CheckVarianceAsIIIA    = "variance-as-iii-a"    // a variance item of section IV: the same in III.A
)

// checkWords say each check in English, for Warning.Message and errors.
var checkWords = map[string]string{
	CheckGroupSum:          "the sum of the group's items",
	CheckItemsSum:          "the sum of the subtotals and items above",
	CheckNet:               "the gross amount less staff assessment",
	CheckTotalInKind:       "the gross amount plus the items after the net amount",
	CheckVariance:          "apportionment − expenditure",
	CheckVariancePercent:   "variance / apportionment × 100",
	CheckSummaryAsIIIA:     "III.A",
	CheckVacancyRate:       "(approved − actual) / approved × 100",
	CheckRevised:           "original distribution + redeployment",
	CheckOriginalAsIIIA:    "the III.A apportionment",
	CheckRevisedCoversIIIA: "at least the III.A expenditure",
	CheckRedeploymentShare: "the positive redeployments / total original distribution × 100",
	CheckVarianceAsIIIA:    "III.A",
}

// Checks lists the checks, for the pages that word them.
var Checks = []string{CheckGroupSum, CheckItemsSum, CheckNet, CheckTotalInKind, CheckVariance, CheckVariancePercent,
	CheckSummaryAsIIIA, CheckVacancyRate, CheckRevised, CheckOriginalAsIIIA, CheckRevisedCoversIIIA, CheckRedeploymentShare, CheckVarianceAsIIIA}

// Check verifies the arithmetic of a report's financial tables and variance
// items (the design notes' "Checks the numbers must pass"):
//
//   - items add up to their subtotal, subtotals (and items without a group)
//     to the gross amount or the total; net = gross − staff assessment
//     (the row typed report.RowDeduction); total = gross + the items after
//     the net amount (contributions in kind), so that the items add up to
//     the total; a total printed "–" must add up to zero, which is how the
//     redeployments of III.B are checked to sum to zero;
//   - variance = apportionment − expenditure, and percentage = variance /
//     apportionment × 100 to the printed rounding;
//   - the summary's financial table agrees with III.A, row by row;
//   - the summary's vacancy rate = (approved − actual) / approved × 100;
//   - in III.B, original distribution + redeployment = revised
//     distribution, the original distribution equals the III.A
//     apportionment of the category, the revised distribution covers the
//     III.A expenditure, and the share of redeployments is the positive
//     redeployments over the total;
//   - each variance item of section IV equals the III.A row with its label
//     and sits in the same group.
//
// A difference of one unit in the last printed place is the source's own
// rounding: it is returned as a Warning. A larger one, or a missing
// counterpart, is an error naming the source file and line and what was
// expected; all such errors are joined.
func Check(r *report.Report) ([]report.Warning, error) {
	if r == nil {
		return nil, fmt.Errorf("finance: no report")
	}
	language := r.Language
	if language == "" {
		language = "fr"
	}
	v, err := LoadVocab(language)
	if err != nil {
		return nil, err
	}
	c := &checker{r: r, v: v}
	for _, t := range r.Tables {
		if t == nil {
			continue
		}
		c.sums(t)
		c.variance(t)
	}
	c.summary()
	c.hr()
	c.redeployments()
	c.variances()
	return c.warnings, errors.Join(c.errs...)
}

type checker struct {
	r        *report.Report
	v        *Vocab
	warnings []report.Warning
	errs     []error
}

func (c *checker) errorf(line int, format string, args ...any) {
	name := c.r.Source
	if name == "" {
		name = c.r.Symbol
	}
	c.errs = append(c.errs, fmt.Errorf("%s:%d: %s", name, line, fmt.Sprintf(format, args...)))
}

// val returns a cell's number in units of 10^-places; nil cells are 0.
func (c *checker) val(t *report.Table, row report.Row, k int) (int64, bool) {
	if k < 0 || k >= len(row.Cells) {
		return 0, true
	}
	d := row.Cells[k].Num
	if d == "" {
		return 0, row.Cells[k].Text == ""
	}
	n, err := d.Units(places)
	if err != nil {
		c.errorf(row.Line, "table %s, row %q: %v", t.ID, row.Label, err)
		return 0, false
	}
	return n, true
}

// tolerance is one unit in the last place of a printed figure.
func tolerance(d report.Decimal) int64 {
	p := d.Places()
	n := int64(1)
	for i := p; i < places; i++ {
		n *= 10
	}
	return n
}

func abs(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}

// compare compares a printed figure with what the arithmetic gives: equal
// is fine, one unit in the last place off is a warning, more is an error.
func (c *checker) compare(table, rowLabel, col string, line int, printed report.Decimal, want int64, check string, against ...int) {
	what := checkWords[check]
	if len(against) > 0 {
		what += fmt.Sprintf(", line %d", against[0])
	}
	var got int64
	if printed != "" {
		n, err := printed.Units(places)
		if err != nil {
			c.errorf(line, "table %s, row %q, column %s: %v", table, rowLabel, col, err)
			return
		}
		got = n
	}
	if got == want {
		return
	}
	p := printed.Places()
	if printed == "" {
		p = 1
	}
	wantD := round(want, p)
	shown := string(printed)
	if shown == "" {
		shown = "– (nil)"
	}
	tol := tolerance(printed)
	if printed == "" {
		tol = tolerance("0.0")
	}
	if abs(got-want) <= tol {
		c.warnings = append(c.warnings, report.Warning{Table: table, Row: rowLabel, Column: col, Line: line,
			Message: fmt.Sprintf("the source prints %s, expected %s (%s): a rounding of the source", shown, wantD, what),
			Printed: printed, Expected: wantD, Check: check})
		return
	}
	c.errorf(line, "table %s, row %q, column %s: expected %s (%s), found %s", table, rowLabel, col, wantD, what, shown)
}

// round writes n (in 10^-places units) rounded half away from zero to p
// decimals.
func round(n int64, p int) report.Decimal {
	if p > places {
		p = places
	}
	return report.FromUnits(report.DivRound(n, report.Pow10(places-p)), p)
}

// table returns the report's table with the given id, or nil.
func (c *checker) table(id string) *report.Table {
	for _, t := range c.r.Tables {
		if t != nil && t.ID == id {
			return t
		}
	}
	return nil
}

func (c *checker) col(t *report.Table, key string) int {
	for i, col := range t.Columns {
		if col.Key == key {
			return i
		}
	}
	return -1
}

// sums checks the subtotals and totals of every amount column of t.
func (c *checker) sums(t *report.Table) {
	for k, col := range t.Columns {
		if col.Unit != report.AmountUnit || col.Type != "number" {
			continue
		}
		groupSum := map[string]int64{}
		var running, gross, staff int64
		grossSeen, netSeen := false, false
		var afterNet int64
		for _, row := range t.Rows {
			if row.Type == report.RowHeading {
				continue
			}
			n, ok := c.val(t, row, k)
			if !ok {
				continue
			}
			printed := report.Decimal("")
			if k < len(row.Cells) {
				printed = row.Cells[k].Num
			}
			switch {
			case row.Type == report.RowSubtotal:
				c.compare(t.ID, row.Label+" ("+row.Group+")", col.Key, row.Line, printed, groupSum[row.Group], CheckGroupSum)
				running += n
			case row.Type == report.RowTotal && row.Label == c.v.Gross:
				c.compare(t.ID, row.Label, col.Key, row.Line, printed, running, CheckItemsSum)
				gross, grossSeen = n, true
			case row.Type == report.RowTotal && row.Label == c.v.Net:
				c.compare(t.ID, row.Label, col.Key, row.Line, printed, gross-staff, CheckNet)
				netSeen = true
			case row.Type == report.RowTotal:
				if grossSeen {
					c.compare(t.ID, row.Label, col.Key, row.Line, printed, gross+afterNet, CheckTotalInKind)
				} else {
					c.compare(t.ID, row.Label, col.Key, row.Line, printed, running, CheckItemsSum)
				}
			case row.Type == report.RowDeduction:
				staff += n
			case row.Group != "":
				groupSum[row.Group] += n
			case netSeen:
				afterNet += n
			default:
				running += n
			}
		}
	}
}

// variance checks variance = apportionment − expenditure and its
// percentage on every row of a table that has those columns.
func (c *checker) variance(t *report.Table) {
	ap, ex, va, vp := c.col(t, "apportionment"), c.col(t, "expenditure"), c.col(t, "variance_amount"), c.col(t, "variance_percent")
	if ap < 0 || ex < 0 || va < 0 {
		return
	}
	for _, row := range t.Rows {
		if row.Type == report.RowHeading || len(row.Cells) != len(t.Columns) {
			continue
		}
		a, ok1 := c.val(t, row, ap)
		e, ok2 := c.val(t, row, ex)
		if !ok1 || !ok2 {
			continue
		}
		c.compare(t.ID, row.Label, "variance_amount", row.Line, row.Cells[va].Num, a-e, CheckVariance)
		if vp < 0 || a == 0 {
			continue
		}
		printed := row.Cells[vp].Num
		c.compare(t.ID, row.Label, "variance_percent", row.Line, printed, percent(a-e, a, printed), CheckVariancePercent)
	}
}

// percent returns num / den × 100 rounded half away from zero to the
// places of the printed figure, in 10^-places units.
func percent(num, den int64, printed report.Decimal) int64 {
	p := printed.Places()
	if printed == "" {
		p = 1
	}
	if p > places {
		p = places
	}
	return report.Percent(num, den, p) * report.Pow10(places-p)
}

// summary checks the summary's financial table against III.A.
func (c *checker) summary() {
	s, a := c.table("summary-financial"), c.table("iii-a")
	if s == nil || a == nil {
		return
	}
	for _, row := range s.Rows {
		if row.Type == report.RowHeading {
			continue
		}
		var match *report.Row
		for i := range a.Rows {
			ar := &a.Rows[i]
			if (ar.Type == report.RowSubtotal && ar.Group == row.Label) ||
				(ar.Type != report.RowHeading && ar.Type != report.RowSubtotal && ar.Group == "" && ar.Label == row.Label) {
				match = ar
				break
			}
		}
		if match == nil {
			c.errorf(row.Line, "table summary-financial, row %q: expected a row or group of the same label in III.A, found none", row.Label)
			continue
		}
		for k, col := range s.Columns {
			ka := c.col(a, col.Key)
			if ka < 0 || k >= len(row.Cells) || ka >= len(match.Cells) {
				continue
			}
			want, ok := c.val(a, *match, ka)
			if !ok {
				continue
			}
			c.compare(s.ID, row.Label, col.Key, row.Line, row.Cells[k].Num, want, CheckSummaryAsIIIA, match.Line)
		}
	}
}

// hr checks the summary's vacancy rates.
func (c *checker) hr() {
	t := c.table("summary-hr")
	if t == nil {
		return
	}
	ap, ac, vr := c.col(t, "approved"), c.col(t, "actual_average"), c.col(t, "vacancy_rate")
	if ap < 0 || ac < 0 || vr < 0 {
		return
	}
	for _, row := range t.Rows {
		if row.Type == report.RowHeading || len(row.Cells) != len(t.Columns) {
			continue
		}
		a, ok1 := c.val(t, row, ap)
		e, ok2 := c.val(t, row, ac)
		if !ok1 || !ok2 || a == 0 {
			continue
		}
		printed := row.Cells[vr].Num
		c.compare(t.ID, row.Label, "vacancy_rate", row.Line, printed, percent(a-e, a, printed), CheckVacancyRate)
	}
}

var romanPrefix = regexp.MustCompile(`^[IVX]+\.\s+`)

// redeployments checks III.B against itself and III.A.
func (c *checker) redeployments() {
	t, a := c.table("iii-b"), c.table("iii-a")
	if t == nil {
		return
	}
	o, d, rv := c.col(t, "original_distribution"), c.col(t, "redeployment"), c.col(t, "revised_distribution")
	if o < 0 || d < 0 || rv < 0 {
		return
	}
	var positive, total int64
	for _, row := range t.Rows {
		if row.Type == report.RowHeading || len(row.Cells) != len(t.Columns) {
			continue
		}
		on, ok1 := c.val(t, row, o)
		dn, ok2 := c.val(t, row, d)
		rn, ok3 := c.val(t, row, rv)
		if !ok1 || !ok2 || !ok3 {
			continue
		}
		c.compare(t.ID, row.Label, "revised_distribution", row.Line, row.Cells[rv].Num, on+dn, CheckRevised)
		if row.Type == report.RowTotal {
			total = on
			continue
		}
		if dn > 0 {
			positive += dn
		}
		if a == nil {
			continue
		}
		cat := romanPrefix.ReplaceAllString(row.Label, "")
		var sub *report.Row
		for i := range a.Rows {
			if a.Rows[i].Type == report.RowSubtotal && a.Rows[i].Group == cat {
				sub = &a.Rows[i]
			}
		}
		if sub == nil {
			c.errorf(row.Line, "table iii-b, row %q: expected the group %q in III.A, found none", row.Label, cat)
			continue
		}
		if ka := c.col(a, "apportionment"); ka >= 0 {
			want, _ := c.val(a, *sub, ka)
			c.compare(t.ID, row.Label, "original_distribution", row.Line, row.Cells[o].Num, want, CheckOriginalAsIIIA, sub.Line)
		}
		if ke := c.col(a, "expenditure"); ke >= 0 {
			exp, _ := c.val(a, *sub, ke)
			if rn < exp {
				// the revised distribution must cover what was spent
				c.compare(t.ID, row.Label, "revised_distribution", row.Line, row.Cells[rv].Num, exp, CheckRevisedCoversIIIA, sub.Line)
			}
		}
	}
	for _, n := range t.Notes {
		if n.Label != "" {
			continue
		}
		f := strings.Fields(n.Text)
		if len(f) == 0 || total == 0 {
			continue
		}
		share, err := report.ParseDecimal(strings.Replace(f[len(f)-1], ",", ".", 1))
		if err != nil {
			continue
		}
		c.compare(t.ID, strings.TrimSpace(strings.TrimSuffix(n.Text, f[len(f)-1])), "redeployment", t.Line, share, percent(positive, total, share), CheckRedeploymentShare)
	}
}

// variances checks each item of section IV against III.A.
func (c *checker) variances() {
	a := c.table("iii-a")
	if a == nil {
		return
	}
	va, vp := c.col(a, "variance_amount"), c.col(a, "variance_percent")
	if va < 0 || vp < 0 {
		return
	}
	for _, v := range c.r.Variances {
		if v == nil {
			continue
		}
		var row *report.Row
		for i := range a.Rows {
			if a.Rows[i].Type == report.RowItem && a.Rows[i].Label == v.Label {
				row = &a.Rows[i]
				break
			}
		}
		if row == nil {
			c.errorf(v.Line, "variance %s: expected a row %q in III.A, found none", v.ID, v.Label)
			continue
		}
		if v.Group != row.Group {
			c.errorf(v.Line, "variance %s: expected group %q as in III.A, found %q", v.ID, row.Group, v.Group)
		}
		if n, ok := c.val(a, *row, va); ok {
			c.compare("iv", v.Label, "amount", v.Line, v.Amount, n, CheckVarianceAsIIIA, row.Line)
		}
		if n, ok := c.val(a, *row, vp); ok {
			c.compare("iv", v.Label, "percent", v.Line, v.Percent, n, CheckVarianceAsIIIA, row.Line)
		}
	}
}
