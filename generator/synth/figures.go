package synth

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"strings"

	"pkportal/ingest/finance"
	"pkportal/report"
)

// cell is a figure being rewritten, in units of 10^-places.
type cell struct {
	v      int64
	places int
	isNil  bool // printed as the nil dash: kept as printed
	keep   bool // text, range or date: kept as printed
}

// grid is a table's figures, row by row, column by column.
type grid [][]cell

func readGrid(t *report.Table) (grid, error) {
	g := make(grid, len(t.Rows))
	for ri, row := range t.Rows {
		g[ri] = make([]cell, len(row.Cells))
		for k, c := range row.Cells {
			switch {
			case c.Text != "":
				g[ri][k] = cell{keep: true}
			case c.Num == "":
				g[ri][k] = cell{isNil: true}
			default:
				p := c.Num.Places()
				n, err := c.Num.Units(p)
				if err != nil {
					return nil, fmt.Errorf("table %s, row %q: %w", t.ID, row.Label, err)
				}
				g[ri][k] = cell{v: n, places: p}
			}
		}
	}
	return g, nil
}

func (g grid) at(ri, k int) *cell {
	if k < 0 || k >= len(g[ri]) {
		return nil
	}
	return &g[ri][k]
}

// value returns a cell's number in units of 10^-p (nil and absent cells
// are 0).
func (g grid) value(ri, k, p int) int64 {
	c := g.at(ri, k)
	if c == nil || c.isNil || c.keep {
		return 0
	}
	return rescale(c.v, c.places, p)
}

func rescale(v int64, from, to int) int64 {
	for ; from < to; from++ {
		v *= 10
	}
	for ; from > to; from-- {
		v = report.DivRound(v, 10)
	}
	return v
}

// set sets a cell's number, given in units of 10^-p, at the cell's own
// places. Nil and kept cells stay as printed: setting a nil cell to
// anything but zero is an error.
func (g grid) set(ri, k int, v int64, p int) error {
	c := g.at(ri, k)
	if c == nil || c.keep {
		return nil
	}
	if c.isNil {
		if v != 0 {
			return fmt.Errorf("row %d, column %d: a nil cell would become %d", ri, k, v)
		}
		return nil
	}
	c.v = rescale(v, p, c.places)
	return nil
}

func abs(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}

// percentOf returns num / den × 100 in units of 10^-p (num and den in the
// same unit).
func percentOf(num, den int64, p int) int64 {
	return report.Percent(num, den, p)
}

// scale multiplies v by f, rounded.
func scale(v int64, f float64) int64 {
	x := float64(v) * f
	if x < 0 {
		return -int64(-x + 0.5)
	}
	return int64(x + 0.5)
}

// work is the internal precision of the arithmetic: every amount of the
// reports has one decimal.
const work = 1

// sums recomputes the subtotals and totals of column k from its items,
// with the rules of finance.Check.
func sums(t *report.Table, g grid, k int, v *finance.Vocab) error {
	groupSum := map[string]int64{}
	var running, gross, staff, afterNet int64
	grossSeen, netSeen := false, false
	for ri, row := range t.Rows {
		if row.Type == report.RowHeading {
			continue
		}
		n := g.value(ri, k, work)
		var err error
		switch {
		case row.Type == report.RowSubtotal:
			n = groupSum[row.Group]
			err = g.set(ri, k, n, work)
			running += n
		case row.Type == report.RowTotal && row.Label == v.Gross:
			err = g.set(ri, k, running, work)
			gross, grossSeen = running, true
		case row.Type == report.RowTotal && row.Label == v.Net:
			err = g.set(ri, k, gross-staff, work)
			netSeen = true
		case row.Type == report.RowTotal:
			if grossSeen {
				err = g.set(ri, k, gross+afterNet, work)
			} else {
				err = g.set(ri, k, running, work)
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
		if err != nil {
			return fmt.Errorf("table %s, row %q: %w", t.ID, row.Label, err)
		}
	}
	return nil
}

func col(t *report.Table, key string) int {
	for i, c := range t.Columns {
		if c.Key == key {
			return i
		}
	}
	return -1
}

// isItem reports whether a row holds figures of its own, which are varied:
// an item or a deduction (staff assessment), not a sum.
func isItem(row report.Row) bool {
	return row.Type != report.RowHeading && row.Type != report.RowSubtotal && row.Type != report.RowTotal
}

// figures varies the financial tables, writes them into lines and returns
// the figures written, per table, row and column, for verify.
func (b *base) figures(rng *rand.Rand, lines []string) (map[string][][]report.Decimal, error) {
	v, err := finance.LoadVocab("fr")
	if err != nil {
		return nil, err
	}
	grids := map[string]grid{}
	for _, t := range b.r.Tables {
		g, err := readGrid(t)
		if err != nil {
			return nil, err
		}
		grids[t.ID] = g
	}
	a := b.r.Table("iii-a")
	if a == nil {
		return nil, fmt.Errorf("the real report has no table III.A")
	}
	if err := b.varyIIIA(rng, a, grids["iii-a"], v); err != nil {
		return nil, err
	}
	for _, id := range []string{"iii-d", "iii-e", "iii-f"} {
		t := b.r.Table(id)
		if t == nil {
			continue
		}
		if err := varyAmounts(rng, t, grids[id], v); err != nil {
			return nil, err
		}
	}
	if s := b.r.Table("summary-financial"); s != nil {
		if err := copySummary(s, grids[s.ID], a, grids["iii-a"]); err != nil {
			return nil, err
		}
	}
	var share *shareNote
	if t := b.r.Table("iii-b"); t != nil {
		if share, err = redeploy(t, grids[t.ID], a, grids["iii-a"]); err != nil {
			return nil, err
		}
	}
	want := map[string][][]report.Decimal{}
	for _, t := range b.r.Tables {
		g := grids[t.ID]
		w := make([][]report.Decimal, len(t.Rows))
		for ri, row := range t.Rows {
			w[ri] = make([]report.Decimal, len(row.Cells))
			var edits []edit
			for k, c := range row.Cells {
				nc := g[ri][k]
				if nc.keep || nc.isNil {
					w[ri][k] = c.Num
					continue
				}
				w[ri][k] = report.FromUnits(nc.v, nc.places)
				if w[ri][k] == c.Num {
					continue // unchanged: left as printed
				}
				edits = append(edits, edit{old: c.Raw, new: french(nc.v, nc.places)})
			}
			if err := rewrite(lines, row.Line-1, edits); err != nil {
				return nil, fmt.Errorf("table %s, row %q (line %d): %w", t.ID, row.Label, row.Line, err)
			}
		}
		want[t.ID] = w
	}
	if share != nil {
		if err := share.write(lines, b.r.Table("iii-b")); err != nil {
			return nil, err
		}
	}
	if err := b.varianceHeaders(lines, a, grids["iii-a"]); err != nil {
		return nil, err
	}
	return want, nil
}

// varyIIIA scales each item's apportionment and expenditure, then
// recomputes the subtotals, totals, variances and percentages. The overall
// variance stays positive (an underexpenditure), so that III.B can
// redeploy within the total.
func (b *base) varyIIIA(rng *rand.Rand, t *report.Table, g grid, v *finance.Vocab) error {
	ap, ex, va, vp := col(t, "apportionment"), col(t, "expenditure"), col(t, "variance_amount"), col(t, "variance_percent")
	if ap < 0 || ex < 0 {
		return fmt.Errorf("table iii-a: no apportionment or expenditure column")
	}
	orig := make(grid, len(g))
	for ri := range g {
		orig[ri] = append([]cell(nil), g[ri]...)
	}
	last := len(t.Rows) - 1
	for attempt := 0; ; attempt++ {
		for ri := range g {
			copy(g[ri], orig[ri])
		}
		for ri, row := range t.Rows {
			if !isItem(row) {
				continue
			}
			f := 0.75 + 0.5*rng.Float64()
			u := 1 + 0.12*(rng.Float64()-0.5)
			if err := g.set(ri, ap, scale(orig.value(ri, ap, work), f), work); err != nil {
				return err
			}
			if err := g.set(ri, ex, scale(orig.value(ri, ex, work), f*u), work); err != nil {
				return err
			}
		}
		for _, k := range []int{ap, ex} {
			if err := sums(t, g, k, v); err != nil {
				return err
			}
		}
		if g.value(last, ap, work) >= g.value(last, ex, work) || attempt >= 50 {
			break
		}
	}
	for ri, row := range t.Rows {
		if row.Type == report.RowHeading {
			continue
		}
		an, en := g.value(ri, ap, work), g.value(ri, ex, work)
		if va >= 0 {
			c := g.at(ri, va)
			if c != nil && c.isNil && an-en != 0 {
				return fmt.Errorf("table iii-a, row %q: nil variance for %d − %d", row.Label, an, en)
			}
			if err := g.set(ri, va, an-en, work); err != nil {
				return err
			}
		}
		if c := g.at(ri, vp); c != nil && !c.isNil && !c.keep && an != 0 {
			c.v = percentOf(an-en, an, c.places)
		}
	}
	return nil
}

// varyAmounts scales the items of every amount column of t and
// recomputes its subtotals and totals.
func varyAmounts(rng *rand.Rand, t *report.Table, g grid, v *finance.Vocab) error {
	for k, c := range t.Columns {
		if c.Unit != report.AmountUnit || c.Type != "number" {
			continue
		}
		for ri, row := range t.Rows {
			if !isItem(row) {
				continue
			}
			f := 0.7 + 0.6*rng.Float64()
			if err := g.set(ri, k, scale(g.value(ri, k, work), f), work); err != nil {
				return err
			}
		}
		if err := sums(t, g, k, v); err != nil {
			return err
		}
	}
	return nil
}

// copySummary sets the summary's financial table to its III.A rows, matched
// as finance.Check matches them.
func copySummary(s *report.Table, sg grid, a *report.Table, ag grid) error {
	for ri, row := range s.Rows {
		if row.Type == report.RowHeading {
			continue
		}
		match := -1
		for i, ar := range a.Rows {
			if (ar.Type == report.RowSubtotal && ar.Group == row.Label) ||
				(ar.Type != report.RowHeading && ar.Type != report.RowSubtotal && ar.Group == "" && ar.Label == row.Label) {
				match = i
				break
			}
		}
		if match < 0 {
			return fmt.Errorf("table summary-financial, row %q: no III.A row", row.Label)
		}
		for k, c := range s.Columns {
			ka := col(a, c.Key)
			if ka < 0 {
				continue
			}
			sc, ac := sg.at(ri, k), ag.at(match, ka)
			if sc == nil || ac == nil || sc.keep || ac.keep {
				continue
			}
			if sc.isNil != ac.isNil {
				return fmt.Errorf("table summary-financial, row %q, column %s: nil in one table only", row.Label, c.Key)
			}
			if !sc.isNil {
				sc.v = rescale(ac.v, ac.places, sc.places)
			}
		}
	}
	return nil
}

var romanPrefix = regexp.MustCompile(`^[IVX]+\.\s+`)

// shareNote is III.B's line "Pourcentage de réaffectations 0,8".
type shareNote struct {
	text   string // the note as parsed
	oldRaw string
	newRaw string
}

// redeploy rebuilds III.B from III.A: each category's original
// distribution is its III.A apportionment; every category but the one
// with the largest unspent balance is redeployed exactly what it
// over- or underspent (its revised distribution is its expenditure), and
// that one balances the total to zero.
func redeploy(t *report.Table, g grid, a *report.Table, ag grid) (*shareNote, error) {
	o, d, rv := col(t, "original_distribution"), col(t, "redeployment"), col(t, "revised_distribution")
	aap, aex := col(a, "apportionment"), col(a, "expenditure")
	if o < 0 || d < 0 || rv < 0 {
		return nil, fmt.Errorf("table iii-b: missing columns")
	}
	type cat struct{ ri, sub int }
	var cats []cat
	total := -1
	for ri, row := range t.Rows {
		switch {
		case row.Type == report.RowHeading:
		case row.Type == report.RowTotal:
			total = ri
		default:
			name := romanPrefix.ReplaceAllString(row.Label, "")
			sub := -1
			for i, ar := range a.Rows {
				if ar.Type == report.RowSubtotal && ar.Group == name {
					sub = i
				}
			}
			if sub < 0 {
				return nil, fmt.Errorf("table iii-b, row %q: no III.A group", row.Label)
			}
			cats = append(cats, cat{ri, sub})
		}
	}
	if len(cats) == 0 {
		return nil, nil
	}
	bal := 0
	for i, c := range cats {
		slack := ag.value(c.sub, aap, work) - ag.value(c.sub, aex, work)
		if slack > ag.value(cats[bal].sub, aap, work)-ag.value(cats[bal].sub, aex, work) {
			bal = i
		}
	}
	var moved, positive, sumO, sumR int64
	for i, c := range cats {
		if i == bal {
			continue
		}
		dn := ag.value(c.sub, aex, work) - ag.value(c.sub, aap, work)
		moved += dn
		if dn > 0 {
			positive += dn
		}
	}
	for i, c := range cats {
		on := ag.value(c.sub, aap, work)
		dn := ag.value(c.sub, aex, work) - on
		if i == bal {
			dn = -moved
			if dn > 0 {
				positive += dn
			}
		}
		for _, x := range []struct {
			k int
			v int64
		}{{o, on}, {d, dn}, {rv, on + dn}} {
			if err := g.set(c.ri, x.k, x.v, work); err != nil {
				return nil, fmt.Errorf("table iii-b, row %q: %w", t.Rows[c.ri].Label, err)
			}
		}
		sumO += on
		sumR += on + dn
	}
	if total >= 0 {
		for _, x := range []struct {
			k int
			v int64
		}{{o, sumO}, {d, 0}, {rv, sumR}} {
			if err := g.set(total, x.k, x.v, work); err != nil {
				return nil, fmt.Errorf("table iii-b, total: %w", err)
			}
		}
	}
	for _, n := range t.Notes {
		if n.Label != "" {
			continue
		}
		f := strings.Fields(n.Text)
		if len(f) == 0 || sumO == 0 {
			continue
		}
		old := f[len(f)-1]
		p := 0
		if i := strings.IndexByte(old, ','); i >= 0 {
			p = len(old) - i - 1
		}
		return &shareNote{text: n.Text, oldRaw: old, newRaw: french(percentOf(positive, sumO, p), p)}, nil
	}
	return nil, nil
}

func (s *shareNote) write(lines []string, t *report.Table) error {
	label := strings.Fields(s.text)
	label = label[:len(label)-1]
	for i := max(t.Line-1, 0); i < len(lines) && i < t.Line+80; i++ {
		if strings.Join(strings.Fields(lines[i]), " ") != strings.Join(label, " ")+" "+s.oldRaw {
			continue
		}
		j := strings.LastIndex(lines[i], s.oldRaw)
		lines[i] = lines[i][:j] + s.newRaw + lines[i][j+len(s.oldRaw):]
		return nil
	}
	return fmt.Errorf("table iii-b: the line %q not found", s.text)
}

// varianceHeaders sets each header of section IV ("Contingents 5 379,3
// 1,2 %") to its III.A row.
func (b *base) varianceHeaders(lines []string, a *report.Table, ag grid) error {
	va, vp := col(a, "variance_amount"), col(a, "variance_percent")
	for _, vr := range b.r.Variances {
		ri := -1
		for i, row := range a.Rows {
			if row.Type == report.RowItem && row.Label == vr.Label {
				ri = i
				break
			}
		}
		if ri < 0 || vr.Line < 1 {
			return fmt.Errorf("variance %s: no III.A row", vr.ID)
		}
		ap, pp := vr.Amount.Places(), vr.Percent.Places()
		oldA, err := vr.Amount.Units(ap)
		if err != nil {
			return err
		}
		// the header's span starts with the line "Écart"; the class, the
		// amount and the percentage follow
		li, j := vr.Line-1, -1
		for ; li < len(lines) && li < vr.Line+6; li++ {
			if j = find(lines[li], french(oldA, ap), 0); j >= 0 {
				break
			}
		}
		if j < 0 {
			return fmt.Errorf("variance %s: amount %s not found after line %d", vr.ID, vr.Amount, vr.Line)
		}
		l := lines[li]
		amt := ag.value(ri, va, ap)
		pct := ag.value(ri, vp, pp)
		var pctRaw string
		if pct < 0 {
			pctRaw = "(" + french(-pct, pp) + " %)"
		} else {
			pctRaw = french(pct, pp) + " %"
		}
		trail := l[len(strings.TrimRight(l, " ")):]
		lines[li] = l[:j] + french(amt, ap) + " " + pctRaw + trail
	}
	return nil
}

// french writes n (in units of 10^-p) the French way: "1 183 384,7",
// "(9 444,2)" when negative.
func french(n int64, p int) string {
	neg := n < 0
	s := fmt.Sprint(abs(n))
	for len(s) <= p {
		s = "0" + s
	}
	intPart, frac := s[:len(s)-p], s[len(s)-p:]
	var sb strings.Builder
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			sb.WriteByte(' ')
		}
		sb.WriteRune(c)
	}
	if p > 0 {
		sb.WriteByte(',')
		sb.WriteString(frac)
	}
	if neg {
		return "(" + sb.String() + ")"
	}
	return sb.String()
}

// edit replaces one printed figure.
type edit struct{ old, new string }

// rewrite applies a row's edits in order on its lines, starting at line
// from: each figure is searched after the previous one, on the same line
// or the next ones.
func rewrite(lines []string, from int, edits []edit) error {
	li, pos := from, 0
	for _, e := range edits {
		found := false
		for ; li < len(lines) && li < from+8; li, pos = li+1, 0 {
			if j := find(lines[li], e.old, pos); j >= 0 {
				lines[li] = lines[li][:j] + e.new + lines[li][j+len(e.old):]
				pos = j + len(e.new)
				found = true
				break
			}
		}
		if !found {
			return fmt.Errorf("figure %q not found", e.old)
		}
	}
	return nil
}

// find returns the index of the figure raw in l at or after pos, standing
// alone: not preceded by a group of digits it could continue ("1 321,2"
// holds "321,2") nor followed by more of a figure.
func find(l, raw string, pos int) int {
	for pos <= len(l) {
		j := strings.Index(l[pos:], raw)
		if j < 0 {
			return -1
		}
		j += pos
		end := j + len(raw)
		ok := end == len(l) || l[end] == ' ' || l[end] == '\t'
		if ok && j > 0 {
			if l[j-1] != ' ' && l[j-1] != '\t' {
				ok = false
			} else {
				before := strings.Fields(l[:j])
				if len(before) > 0 && allDigits(before[len(before)-1]) {
					ok = false
				}
			}
		}
		if ok {
			return j
		}
		pos = j + 1
	}
	return -1
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// summaryFigures returns the replacements of the figures that the summary's
// text quotes from the gross amounts of III.A: the expenditure and the
// unspent balance in millions ("1 103,4 millions") and the rate of
// utilisation ("93,2 %").
func (b *base) summaryFigures(want map[string][][]report.Decimal) [][2]string {
	a := b.r.Table("iii-a")
	v, err := finance.LoadVocab("fr")
	if a == nil || err != nil {
		return nil
	}
	ap, ex, va := col(a, "apportionment"), col(a, "expenditure"), col(a, "variance_amount")
	for ri, row := range a.Rows {
		if row.Label != v.Gross || ap < 0 || ex < 0 || va < 0 || ri >= len(want["iii-a"]) {
			continue
		}
		units := func(d report.Decimal) int64 { n, _ := d.Units(work); return n }
		oldR, newR := row.Cells, want["iii-a"][ri]
		millions := func(d report.Decimal) string { return french(report.DivRound(units(d), 1000), 1) + " millions" }
		rate := func(a, e report.Decimal) string { return "de " + french(percentOf(units(e), units(a), 1), 1) + " %" }
		if units(oldR[ap].Num) == 0 || units(newR[ap]) == 0 {
			return nil
		}
		return [][2]string{
			{millions(oldR[ex].Num), millions(newR[ex])},
			{"inutilisé de " + millions(oldR[va].Num), "inutilisé de " + millions(newR[va])},
			{rate(oldR[ap].Num, oldR[ex].Num), rate(newR[ap], newR[ex])},
		}
	}
	return nil
}
