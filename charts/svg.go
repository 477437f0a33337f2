package charts

import (
	"cmp"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"pkportal/report"
)

// Geometry of every chart, in viewBox units. The SVG scales to its
// container's width; text keeps its proportions with the bars.
const (
	labelLines = 2 // lines before a label is truncated
	lineHeight = 15.0
	fontSize   = 13
	smallFont  = 11
	headingH   = 24.0 // height of a group heading row
	rowGap     = 10.0
	valuePad   = 84.0 // room for a value label beyond a bar's end
)

// A layout is the frame a chart is drawn in: its width, and where the
// category labels go.
type layout struct {
	width float64
	// labelWidth is the column of category labels, right-aligned, left of
	// the bars; 0 puts each label above its bars, across the chart
	labelWidth float64
	labelChars int // characters per label line at fontSize
}

// wide is the layout of a page's column; narrow that of a phone's screen
// (350 units: on a 360-pixel screen its text keeps 10 pixels at least), whose
// labels are above the bars.
var (
	wide   = layout{width: 800, labelWidth: 250, labelChars: 34}
	narrow = layout{width: 350, labelChars: 46}
)

// Paints. Every colour is a CSS custom property with a fallback, so a page
// stylesheet (dark mode, print) can restyle the charts; text uses
// currentColor.
const (
	paintMain    = "var(--chart-1, #1f5aa6)"
	paintLight   = "var(--chart-2, #a9c8ee)"
	paintNeg     = "var(--chart-neg, #b3261e)"
	paintNegBg   = "var(--chart-neg-bg, #f7d9d6)"
	paintNone    = "var(--chart-3, #c9cdd2)"
	paintOnMain  = "var(--chart-on-1, #ffffff)"
	paintOnLight = "var(--chart-on-2, #1a1a1a)"
	paintBg      = "var(--bg, #ffffff)" // the page's background: a stripe's ground, a count's plate
)

// series is one measure drawn for every row: its column key, its legend
// label and how its bars are painted.
type series struct {
	key, label           string
	fill, stroke, onFill string // onFill paints a count written inside a stacked segment
}

// row is one category of a chart: its label, its group (drawn as a heading
// above the row, or before the label when the chart has no headings), both
// in the page's language where they have a standard name in it, the label
// and group the report prints (the chart's data; "" for a row the portal
// names: a component without a title), and one cell per series (a cell
// without a number draws no bar).
type row struct {
	label, group     string
	printed, inGroup string
	cells            []report.Cell
	// suffix follows the label in the drawing, e.g. " (40)": the size a
	// rate is of; detail follows the value in the bar's tooltip and the
	// description, e.g. " (approved 40, actual 16)"
	suffix, detail string
	// data, when set, are the row's cells in the chart's data, where they
	// differ from those drawn (the output chart's completed outputs, the
	// vacancy chart's strengths after its rate); a bar is written with its
	// series' figure in them
	data []report.Cell
}

func (r row) val(i int) report.Decimal { return r.cells[i].Num }

// name is the row's full name for tooltips and descriptions.
func (r row) name() string {
	if r.group == "" {
		return r.label
	}
	return r.group + " – " + r.label
}

// plot is a horizontal bar chart: grouped bars (one per series), diverging
// bars (negative values drawn left of zero, hatched) or stacked bars.
type plot struct {
	id, title, desc string
	source          string // Chart.Source
	tx              *words
	unit            string // report.AmountUnit, "percent" or ""
	series          []series
	rows            []row
	stacked         bool
	headings        bool     // draw group headings
	legend          []series // legend entries, nil for none
	signed          bool     // value labels carry "+" on positive values
	axis            string   // the caption under the axis, when not the unit's
	// extra are columns of the chart's data that it does not draw (the
	// strengths a vacancy rate is of), their cells after the series' in
	// each row's data
	extra []report.Column
	// note, when set, adds a word to a bar's tooltip, e.g. "(overexpenditure)".
	note func(report.Decimal) string
	// foot, when set, is a sentence the page prints under the chart
	// (Chart.Note), e.g. how the chart counts; it also ends desc.
	foot string
	// counted: the portal counted the figures (the report does not print
	// them); foot says so and how, and is the note of the chart's data.
	counted bool
}

// format writes a value for the page language.
func (p *plot) format(d report.Decimal, signed bool) string {
	if p.unit == "percent" {
		return p.tx.percent(d)
	}
	return p.tx.amount(d, signed)
}

// tip is the tooltip of the bar of row r and series s: its exact value.
func (p *plot) tip(r row, s series, v string) string {
	name := r.name()
	if len(p.series) > 1 {
		name += " – " + s.label
	}
	if p.note != nil {
		v += p.note(r.val(0))
	}
	return p.tx.colon(name, v+r.detail)
}

// render writes the chart in layout g as one self-contained <svg>
// element: the axis grid first, then the legend and labels, then the bars
// on top.
func (p *plot) render(g layout) string {
	lo, hi := p.domain()
	nt := 5
	if g.labelWidth == 0 {
		nt = 3 // their labels would touch
	}
	ticks := niceTicks(lo, hi, nt)
	from, to := ticks[0].v, ticks[len(ticks)-1].v
	x0, x1 := g.labelWidth+8, g.width-valuePad
	if g.labelWidth == 0 {
		x0 = 12 // room for half the first tick's label
	}
	if from < 0 {
		x0 += valuePad // room for the value labels of negative bars
	}
	x := func(v float64) float64 { return x0 + (v-from)/(to-from)*(x1-x0) }
	barH, n := 20.0, 1 // bar height, bars per row
	if !p.stacked && len(p.series) > 1 {
		barH, n = 15, len(p.series)
	}

	var b, bars strings.Builder
	y := p.legendSVG(&b, g)
	top, group := y, ""
	for _, r := range p.rows {
		if p.headings && r.group != group { // a heading, or a blank after a group
			if r.group != "" {
				text, cut := wrap(r.group, 100, 1)
				fmt.Fprintf(&b, `<text x="0" y="%s" font-weight="bold">%s%s</text>`, num(y+16), titleIf(cut, r.group), esc(text[0]))
			}
			y += headingH
		}
		group = r.group
		label := r.label + r.suffix
		if !p.headings {
			label = r.name()
		}
		lines, cut := wrap(label, g.labelChars, labelLines)
		barsH := float64(n)*barH + float64(n-1)*2
		bandH := math.Max(barsH, float64(len(lines))*lineHeight+4)
		above := 0.0 // the labels' height above the bars, in the narrow layout
		if g.labelWidth == 0 {
			above = float64(len(lines)) * lineHeight
			bandH = above + 2 + barsH
		}
		mid := y + bandH/2
		if cut {
			fmt.Fprintf(&b, `<g>%s`, titleIf(cut, label))
		}
		for i, l := range lines {
			if g.labelWidth == 0 { // above the bars, over the grid: a halo of the background keeps it legible
				fmt.Fprintf(&b, `<text x="0" y="%s" stroke="var(--bg, #fff)" stroke-width="4" paint-order="stroke">%s</text>`, num(y+float64(i)*lineHeight+11), esc(l))
				continue
			}
			ly := mid - float64(len(lines))*lineHeight/2 + float64(i)*lineHeight + 11
			fmt.Fprintf(&b, `<text x="%s" y="%s" text-anchor="end">%s</text>`, num(g.labelWidth), num(ly), esc(l))
		}
		if cut {
			b.WriteString(`</g>`)
		}
		if above > 0 {
			mid = y + above + 2 + barsH/2
		}
		by, sum := mid-barsH/2, 0.0
		for i, s := range p.series {
			v := r.val(i)
			if v == "" || (p.stacked && v.Float() == 0) {
				continue
			}
			f := v.Float()
			a, e := x(0), x(f)
			if p.stacked {
				a, e = x(sum), x(sum+f)
				sum += f
			} else if math.Abs(e-a) < 1 { // keep a tiny figure visible
				e = a + math.Copysign(1, f)
			}
			shown := v // the figure written on the bar: the data's when they differ (a stack's part counted whole)
			if r.data != nil {
				shown = r.data[i].Num
			}
			p.barSVG(&bars, r, s, v, shown, a, e, by, barH, g.labelWidth > 0)
			if !p.stacked {
				by += barH + 2
			}
		}
		if p.stacked { // the row's total after the stack
			total := report.Decimal(strconv.FormatFloat(sum, 'f', -1, 64))
			fmt.Fprintf(&bars, `<text x="%s" y="%s">%s</text>`, num(x(sum)+4), num(by+barH/2+4.5), esc(p.format(total, false)))
		}
		y += bandH + rowGap
	}
	bottom := y - rowGap/2

	var out strings.Builder
	fmt.Fprintf(&out, `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 %s %s" width="100%%" role="img" aria-labelledby="%[3]s-title" aria-describedby="%[3]s-desc" font-family="system-ui, sans-serif" font-size="%[4]d" fill="currentColor">`,
		num(g.width), num(bottom+42), p.id, fontSize)
	fmt.Fprintf(&out, `<title id="%s-title">%s</title><desc id="%s-desc">%s</desc>`, p.id, esc(p.title), p.id, esc(p.desc))
	drawn := b.String() + bars.String()
	if strings.Contains(drawn, p.hatch()) {
		fmt.Fprintf(&out, `<defs><pattern id="%s-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="%s"/><rect width="2.5" height="6" fill="%s"/></pattern></defs>`,
			p.id, paintNegBg, paintNeg)
	}
	if strings.Contains(drawn, p.stripes()) {
		fmt.Fprintf(&out, `<defs><pattern id="%s-stripes" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(-45)"><rect width="6" height="6" fill="%s"/><rect width="3" height="6" fill="%s"/></pattern></defs>`,
			p.id, paintBg, paintMain)
	}
	for _, t := range ticks {
		op := "0.18"
		if t.v == 0 {
			op = "0.7"
		}
		fmt.Fprintf(&out, `<line x1="%[1]s" x2="%[1]s" y1="%[2]s" y2="%[3]s" stroke="currentColor" stroke-opacity="%[4]s"/>`,
			num(x(t.v)), num(top-4), num(bottom), op)
		fmt.Fprintf(&out, `<text x="%s" y="%s" text-anchor="middle" font-size="%d">%s</text>`,
			num(x(t.v)), num(bottom+15), smallFont, esc(p.format(t.d, false)))
	}
	caption := cmp.Or(p.axis, p.tx.axis[p.unit])
	cx := (x0 + x1) / 2
	if half := float64(utf8.RuneCountInString(caption)) * smallFont * 0.3; cx-half < 0 { // a phone's narrow axis: kept inside the drawing
		cx = half
	}
	fmt.Fprintf(&out, `<text x="%s" y="%s" text-anchor="middle" font-size="%d">%s</text>`,
		num(cx), num(bottom+34), smallFont, esc(caption))
	// the drawing is the <title> and <desc> to a screen reader: its bars
	// (each with its figure as a tooltip) are not read one by one
	out.WriteString(`<g aria-hidden="true">`)
	out.WriteString(b.String())
	out.WriteString(bars.String())
	out.WriteString("</g></svg>")
	return out.String()
}

// domain returns the smallest and largest values to show, with 0 always
// in range; for stacked bars, the largest stack.
func (p *plot) domain() (lo, hi float64) {
	for _, r := range p.rows {
		sum := 0.0
		for i := range p.series {
			f := r.val(i).Float()
			if p.stacked {
				sum += f
				f = sum
			}
			lo, hi = math.Min(lo, f), math.Max(hi, f)
		}
	}
	return lo, hi
}

// legendSVG writes the legend, wrapping entries onto new lines, and
// returns where the plot starts.
func (p *plot) legendSVG(b *strings.Builder, g layout) float64 {
	if p.legend == nil {
		return 8
	}
	left := g.labelWidth + 8
	if g.labelWidth == 0 {
		left = 0
	}
	lx, y := left, 8.0
	for _, s := range p.legend {
		tw := 20 + float64(utf8.RuneCountInString(s.label))*7.2
		if lx > left && lx+tw > g.width {
			lx, y = left, y+22
		}
		fmt.Fprintf(b, `<rect x="%s" y="%s" width="14" height="14" fill="%s" stroke="%s"/>`, num(lx), num(y), s.fill, s.stroke)
		fmt.Fprintf(b, `<text x="%s" y="%s">%s</text>`, num(lx+20), num(y+12), esc(s.label))
		lx += tw + 24
	}
	return y + 28
}

// barSVG writes one bar from x=a to x=e with its tooltip (with tip) and
// its value label: beyond the end (left of it when negative), or inside a
// stacked segment when it fits.
func (p *plot) barSVG(b *strings.Builder, r row, s series, v, shown report.Decimal, a, e, y, h float64, tip bool) {
	fill, stroke := s.fill, s.stroke
	if v.Float() < 0 {
		fill, stroke = p.hatch(), paintNeg
	}
	text := p.format(shown, p.signed)
	fmt.Fprintf(b, `<rect class="bar" x="%s" y="%s" width="%s" height="%s" fill="%s" stroke="%s">`,
		num(math.Min(a, e)), num(y), num(math.Abs(e-a)), num(h), fill, stroke)
	if tip { // a phone has no pointer to hover with: the narrow drawing has none
		fmt.Fprintf(b, `<title>%s</title>`, esc(p.tip(r, s, text)))
	}
	b.WriteString(`</rect>`)
	ty, tw := num(y+h/2+4.5), float64(utf8.RuneCountInString(text))*7.5
	switch {
	case p.stacked && e-a >= tw+8:
		if plate := map[string]string{p.hatch(): paintNegBg, p.stripes(): paintBg}[fill]; plate != "" { // a plate keeps the count readable over the pattern
			fmt.Fprintf(b, `<rect x="%s" y="%s" width="%s" height="%s" rx="2" fill="%s"/>`,
				num((a+e)/2-tw/2-6), num(y+3), num(tw+12), num(h-6), plate)
		}
		fmt.Fprintf(b, `<text x="%s" y="%s" text-anchor="middle" fill="%s">%s</text>`, num((a+e)/2), ty, s.onFill, esc(text))
	case p.stacked: // too narrow: the tooltip and the table give the count
	case e < a:
		fmt.Fprintf(b, `<text x="%s" y="%s" text-anchor="end">%s</text>`, num(e-4), ty, esc(text))
	default:
		fmt.Fprintf(b, `<text x="%s" y="%s">%s</text>`, num(e+4), ty, esc(text))
	}
}

// hatch is the fill of negative bars: the chart's own hatch pattern, so
// that colour is not the only cue.
func (p *plot) hatch() string { return "url(#" + p.id + "-hatch)" }

// stripes is the fill of the outputs completed but lower than planned:
// the main colour striped on the page's background, a part of the
// completed (main), unlike the partly completed (light).
func (p *plot) stripes() string { return "url(#" + p.id + "-stripes)" }

// tick is an axis tick: its value and the same value as an exact decimal
// for its label.
type tick struct {
	v float64
	d report.Decimal
}

// niceTicks returns about want+1 ticks at a round step (1, 2 or 5 × 10^k)
// that cover lo..hi and include 0.
func niceTicks(lo, hi float64, want int) []tick {
	if hi-lo <= 0 {
		hi = lo + 1
	}
	raw := (hi - lo) / float64(want)
	exp := int(math.Floor(math.Log10(raw)))
	mag := math.Pow(10, float64(exp))
	step := 10 * mag
	for _, m := range []float64{1, 2, 5} {
		if m*mag >= raw {
			step = m * mag
			break
		}
	}
	places := 0
	if exp < 0 && step < 1 {
		places = -exp
	}
	var ts []tick
	for k := math.Floor(lo / step); k <= math.Ceil(hi/step); k++ {
		v := k * step
		units := int64(math.Round(v * math.Pow(10, float64(places))))
		d := string(report.FromUnits(units, places))
		if places > 0 {
			d = strings.TrimRight(strings.TrimRight(d, "0"), ".")
		}
		ts = append(ts, tick{v: v, d: report.Decimal(d)})
	}
	return ts
}

// wrap breaks s at spaces into at most maxLines lines of about maxChars
// characters, and reports whether it had to cut the text (ending with "…").
func wrap(s string, maxChars, maxLines int) ([]string, bool) {
	var lines []string
	cur := ""
	// words end at a space, not at a no-break one ("1 570", "60,0 %")
	for _, word := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '\t' || r == '\n' }) {
		switch {
		case cur == "":
			cur = word
		case utf8.RuneCountInString(cur)+1+utf8.RuneCountInString(word) <= maxChars:
			cur += " " + word
		default:
			lines = append(lines, cur)
			cur = word
		}
	}
	lines = append(lines, cur)
	cut := len(lines) > maxLines
	if cut {
		lines = lines[:maxLines]
	}
	for i, l := range lines {
		if r := []rune(l); len(r) > maxChars {
			lines[i], cut = string(r[:maxChars-1]), true
		}
	}
	if cut {
		lines[len(lines)-1] = strings.TrimRight(lines[len(lines)-1], " ,;:–-") + "…"
	}
	return lines, cut
}

// titleIf returns a <title> holding s when cut is true: the full text of a
// truncated label, shown on hover.
func titleIf(cut bool, s string) string {
	if !cut {
		return ""
	}
	return "<title>" + esc(s) + "</title>"
}

// num writes a coordinate with at most one decimal.
func num(v float64) string {
	s := strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64)
	if s == "-0" {
		return "0"
	}
	return s
}

var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&apos;")

// esc makes s safe as XML text or attribute value: it escapes markup and
// replaces invalid UTF-8 and characters that XML 1.0 forbids.
func esc(s string) string {
	if plainText(s) {
		return s // most labels: nothing to escape or replace
	}
	s = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return ' '
		}
		if r < 0x20 || (r >= 0xD800 && r <= 0xDFFF) || r == 0xFFFE || r == 0xFFFF {
			return '\uFFFD'
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
	return escaper.Replace(s)
}

// plainText reports whether s is valid UTF-8 without markup characters or
// characters esc replaces.
func plainText(s string) bool {
	for _, r := range s {
		switch {
		case r == utf8.RuneError, r < 0x20, r == '&', r == '<', r == '>', r == '"', r == '\'', r >= 0xD800 && r <= 0xDFFF, r == 0xFFFE, r == 0xFFFF:
			return false
		}
	}
	return true
}
