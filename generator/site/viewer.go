package site

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"pkportal/charts"
	"pkportal/report"
)

// viewer turns parts of one report into views for one UI language.
type viewer struct {
	r      *report.Report
	lang   string
	w      ui
	pageOf map[string]string
	eas    map[string]*report.Accomplishment
	vars   map[string]*report.Variance
	warns  map[string][]WarnView
	eaView map[string]*EAView // made once: section pages and dataset pages share them
}

func newViewer(r *report.Report, lang string) *viewer {
	v := &viewer{r: r, lang: lang, w: uiWords[lang], pageOf: r.PageOf(), eas: map[string]*report.Accomplishment{}, vars: map[string]*report.Variance{}, warns: map[string][]WarnView{}}
	for _, c := range r.Components {
		for _, ea := range c.Accomplishments {
			v.eas[ea.ID] = ea
		}
	}
	for _, va := range r.Variances {
		v.vars[va.ID] = va
	}
	for _, w := range r.Warnings {
		if w.Table != "" {
			v.warns[w.Table] = append(v.warns[w.Table], v.warning(w))
		}
	}
	return v
}

// blocks lists a section's blocks and those of its subsections that are
// shown on the same page, with headings between them.
func (v *viewer) blocks(s *report.Section, depth int) []BlockView {
	var out []BlockView
	if depth > 0 {
		out = append(out, BlockView{Heading: &HeadingView{ID: s.ID, Title: sectionTitle(s), Level: depth + 1, Notes: s.Notes}})
	}
	for _, b := range s.Blocks {
		switch {
		case b.Paragraph != nil:
			out = append(out, BlockView{Para: v.para(s, b.Paragraph)})
		case b.Table != "":
			if t := v.r.Table(b.Table); t != nil {
				out = append(out, BlockView{Table: v.table(t)})
			}
		case b.Accomplishment != "":
			if ea := v.eas[b.Accomplishment]; ea != nil {
				out = append(out, BlockView{EA: v.ea(ea)})
			}
		case b.Variance != "":
			if va := v.vars[b.Variance]; va != nil {
				out = append(out, BlockView{Var: v.variance(va)})
			}
		case b.Note != "":
			out = append(out, BlockView{Note: b.Note})
		}
	}
	if s.ID == "vi" && len(v.r.FollowUp) > 0 {
		out = append(out, BlockView{FollowUp: v.followUp()})
	}
	for _, c := range s.Children {
		if v.pageOf[c.ID] == v.pageOf[s.ID] {
			out = append(out, v.blocks(c, depth+1)...)
		}
	}
	return out
}

// warning says a discrepancy of the source in the reader's words: where,
// the figure printed, the check and what it gives.
func (v *viewer) warning(x report.Warning) WarnView {
	rule, ok := checkWords[x.Check][v.lang]
	if !ok || x.Expected == "" {
		return WarnView{Text: x.Message, Lang: "en"}
	}
	where := x.Row
	if t, ok := report.FieldTitle(x.Column, v.lang); ok {
		where += ", " + t
	}
	return WarnView{Text: fmt.Sprintf(v.w.warning, where, v.num(x.Printed), rule, v.num(x.Expected))}
}

// footnotes are the document's footnotes, each with the heading that
// calls it, for the report home.
func (v *viewer) footnotes() []footnoteView {
	where := map[string]*report.Section{}
	v.r.Walk(func(s *report.Section) {
		for _, l := range s.Notes {
			where[l] = s
		}
	})
	var out []footnoteView
	for _, n := range v.r.Footnotes {
		f := footnoteView{Label: n.Label, Text: n.Text}
		if s := where[n.Label]; s != nil {
			f.Where, f.URL = sectionTitle(s), v.r.URL(v.lang, v.pageOf[s.ID], s.ID)
		}
		out = append(out, f)
	}
	return out
}

// pageNotes are the document footnotes that the headings shown on the page
// of section s call, for the page to print them.
func (v *viewer) pageNotes(s *report.Section) []NoteView {
	var out []NoteView
	var walk func(s *report.Section)
	walk = func(s *report.Section) {
		for _, label := range s.Notes {
			for _, n := range v.r.Footnotes {
				if n.Label == label {
					out = append(out, NoteView{Label: n.Label, Text: n.Text})
				}
			}
		}
		for _, c := range s.Children {
			if v.pageOf[c.ID] == v.pageOf[s.ID] {
				walk(c)
			}
		}
	}
	walk(s)
	return out
}

// excelURL is the address of the CSV function's download of dataset id
// for a spreadsheet in the page's language.
func (v *viewer) excelURL(id string) string {
	u := "/api/csv?report=" + v.r.Slug + "&table=" + id + "&bom=1"
	if v.lang == "fr" {
		u += "&decimal=comma" // and ";" between fields, which it implies
	}
	return u
}

// variance is the heading of a variance item: label, amount, percentage.
func (v *viewer) variance(va *report.Variance) *VarView {
	vv := &VarView{ID: va.ID, Label: va.Label, Amount: v.num(va.Amount), Percent: v.percent(va.Percent)}
	switch f := va.Amount.Float(); {
	case f > 0:
		vv.Direction = v.w.under
	case f < 0:
		vv.Direction = v.w.over
	}
	if v.r.EnglishPage(v.lang) {
		vv.English = report.EnglishRow(v.r.Language, "", va.Label)
	}
	return vv
}

// percent formats a percentage as the reports print it: "39,0 %",
// "(21,9 %)" when negative.
func (v *viewer) percent(d report.Decimal) string {
	s := v.num(d)
	if strings.HasSuffix(s, ")") {
		return strings.TrimSuffix(s, ")") + v.percentSign() + ")"
	}
	if d == "" {
		return s
	}
	return s + v.percentSign()
}

func (v *viewer) percentSign() string {
	if v.lang == "fr" {
		return "\u202f%"
	}
	return "%"
}

func (v *viewer) para(s *report.Section, p *report.Paragraph) *ParaView {
	pv := &ParaView{
		ID:     p.ID,
		Number: p.Number,
		Text:   linkGlossary(segments(p.Text, p.Citations), v.lang, map[string]bool{}),
		Items:  items(p.Items, p.Citations),
		URL:    v.r.URL(v.lang, v.pageOf[s.ID], p.ID),
	}
	if p.Tail != "" {
		pv.Tail = segments(p.Tail, p.Citations)
	}
	if p.Number > 0 {
		pv.Cite = v.r.CiteParagraph(v.lang, p.Number)
		pv.URL = v.r.URL(v.lang, "par/"+strconv.Itoa(p.Number), "")
	}
	return pv
}

// numberRange is a cell's text that is a range of numbers, "0.0-5.0".
var numberRange = regexp.MustCompile(`^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$`)

// text is a text cell as printed, but for a range of numbers, whose
// numbers are written for the page language like the column's others
// ("0.0-5.0" on an English page where the report prints "0,0-5,0").
func (v *viewer) text(c report.Cell) string {
	if m := numberRange.FindStringSubmatch(c.Text); m != nil {
		return v.num(report.Decimal(m[1])) + "-" + v.num(report.Decimal(m[2]))
	}
	return c.Raw
}

// num formats a number for the page language; negative amounts are
// written in parentheses as the reports print them.
func (v *viewer) num(d report.Decimal) string {
	if d == "" {
		return "–"
	}
	s := d.Format(v.lang)
	if strings.HasPrefix(s, "−") {
		return "(" + strings.TrimPrefix(s, "−") + ")"
	}
	return s
}

// colTitles are the titles of the columns cs in the page's language, from
// the data contract (report.FieldTitles), "" where it has none or where
// the heading already reads so; nil when no column has one.
func (v *viewer) colTitles(cs []report.Column) []string {
	out := make([]string, len(cs))
	some := false
	for k, c := range cs {
		if t, ok := report.FieldTitle(c.Key, v.lang); ok && !strings.EqualFold(t, c.Label) {
			out[k], some = t, true
		}
	}
	if !some {
		return nil
	}
	return out
}

func (v *viewer) table(t *report.Table) *TableView {
	if t == nil {
		return nil
	}
	tv := &TableView{ID: t.ID, Title: t.Title, CSV: dataURL(v.r, t.ID, "csv"), JSON: dataURL(v.r, t.ID, "json"), Excel: v.excelURL(t.ID),
		Cite: v.r.CiteTable(v.lang, t.ID), URL: v.r.URL(v.lang, v.pageOf[t.Section], "table-"+t.ID), Warns: v.warns[t.ID]}
	switch {
	case t.UnitLine != "" && v.lang == v.r.Language:
		tv.Unit = t.UnitLine // as printed, with the period some tables state
	case t.Unit == report.AmountUnit:
		tv.Unit = v.w.unit
	}
	for _, c := range t.Columns {
		tv.Columns = append(tv.Columns, c.Label)
		tv.ColNotes = append(tv.ColNotes, strings.Join(c.Notes, ", "))
		tv.Numeric = append(tv.Numeric, c.Type == "number")
		if c.Ref != "" { // ingest sets every column's or none
			tv.ColRefs = append(tv.ColRefs, c.Ref)
		}
	}
	if v.lang != v.r.Language {
		tv.ColTitles = v.colTitles(t.Columns)
	}
	for _, r := range t.Rows {
		rv := RowView{Label: r.Label, Type: r.Type, Notes: strings.Join(r.Notes, ", "), Indent: r.Group != "" && r.Type == report.RowItem}
		if v.r.EnglishPage(v.lang) {
			rv.English = report.EnglishRow(v.r.Language, r.Group, r.Label)
		}
		if r.Type == report.RowSubtotal && r.Group != "" && r.Group != r.Label {
			rv.Closes = r.Group
		}
		for _, c := range r.Cells {
			switch {
			case c.Num != "":
				rv.Cells = append(rv.Cells, v.num(c.Num))
				rv.Values = append(rv.Values, string(c.Num))
				continue
			case c.Text != "":
				rv.Cells = append(rv.Cells, v.text(c))
			case c.Raw != "":
				rv.Cells = append(rv.Cells, "–")
			default:
				rv.Cells = append(rv.Cells, "")
			}
			rv.Values = append(rv.Values, "")
		}
		tv.Rows = append(tv.Rows, rv)
	}
	for _, n := range t.Notes {
		tv.Notes = append(tv.Notes, NoteView{Label: n.Label, Text: n.Text})
	}
	return tv
}

func (v *viewer) ea(ea *report.Accomplishment) *EAView {
	if ev := v.eaView[ea.ID]; ev != nil {
		return ev
	}
	if v.eaView == nil {
		v.eaView = map[string]*EAView{}
	}
	ev := v.newEA(ea)
	v.eaView[ea.ID] = ev
	return ev
}

// newEA makes the view of an accomplishment.
func (v *viewer) newEA(ea *report.Accomplishment) *EAView {
	cite := v.r.CiteAccomplishment(v.lang, ea.Number)
	page := v.pageOf[v.componentOf(ea)]
	ev := &EAView{ID: ea.ID, Number: ea.Number, Text: ea.Text, Cite: cite, URL: v.r.URL(v.lang, page, ea.ID)}
	for _, in := range ea.Indicators {
		st, why := v.w.statusWords(in.Status, in.StatusBasis)
		ev.Indicators = append(ev.Indicators, IndView{ID: in.ID, N: in.N, Planned: in.Planned, Values: in.ValuesText(" : ", " ; "), Actual: in.Actual,
			Status: in.Status, StatusText: st, StatusWhy: why, Versus: v.w.versus[in.VersusPlan], VersusKey: in.VersusPlan,
			Cite: v.r.CiteIndicator(v.lang, ea.Number, in.N), URL: v.r.URL(v.lang, page, in.ID)})
	}
	for _, o := range ea.Outputs {
		ov := OutView{ID: o.ID, N: o.N, Group: o.Group, Planned: o.Planned, Remarks: o.Remarks, Versus: v.w.versus[o.VersusPlan], VersusKey: o.VersusPlan,
			Cite: v.r.CiteOutput(v.lang, ea.Number, o.N), URL: v.r.URL(v.lang, page, o.ID)}
		for _, d := range o.Completed {
			ov.Completed = append(ov.Completed, strings.TrimSpace(d.Raw+" "+d.Label))
		}
		ev.Outputs = append(ev.Outputs, ov)
	}
	return ev
}

// KeyFigure is a figure of the report home.
type KeyFigure struct {
	Label string `json:"label"`
	Value string `json:"value"`
	Unit  string `json:"unit,omitempty"`
	// URL is the glossary's entry for the label, or "".
	URL string `json:"url,omitempty"`
}

// headline holds the report's grand totals formatted for the page:
// apportionment, expenditure and unspent balance, and the utilization
// rate (empty when the summary's financial table is absent).
type headline struct {
	apportionment, expenditure, unspent, rate string
}

// headline reads the grand total of the summary's financial table.
func (v *viewer) headline() headline {
	t := v.r.Table("summary-financial")
	if t == nil {
		return headline{}
	}
	var total *report.Row
	for i := range t.Rows {
		if t.Rows[i].Type == report.RowTotal {
			total = &t.Rows[i] // the last total is the grand total
		}
	}
	if total == nil || len(total.Cells) < 3 {
		return headline{}
	}
	h := headline{apportionment: v.num(total.Cells[0].Num), expenditure: v.num(total.Cells[1].Num), unspent: v.num(total.Cells[2].Num)}
	a, errA := total.Cells[0].Num.Units(1)
	e, errE := total.Cells[1].Num.Units(1)
	if errA == nil && errE == nil && a > 0 {
		// one decimal, as the report writes its rates
		h.rate = v.percent(report.FromUnits(report.Percent(e, a, 1), 1))
	}
	return h
}

// keyFigures are the figures at the top of the report home.
func (v *viewer) keyFigures() []KeyFigure {
	h := v.headline()
	if h.apportionment == "" {
		return nil
	}
	w := v.w
	gl := glossaryURL(v.lang)
	out := []KeyFigure{
		{Label: w.apportionment, Value: h.apportionment, Unit: w.unitShort, URL: gl + "#apportionment"},
		{Label: w.expenditure, Value: h.expenditure, Unit: w.unitShort, URL: gl + "#expenditure"},
		{Label: w.unspent, Value: h.unspent, Unit: w.unitShort, URL: gl + "#unencumbered-balance"},
	}
	if h.rate != "" {
		out = append(out, KeyFigure{Label: w.utilized, Value: h.rate, URL: gl + "#utilization-rate"})
	}
	if p := v.r.Previous; p != nil {
		sep := v.w.semicolon
		out = append(out, KeyFigure{Label: w.expenditureIn + " " + p.Period, Value: v.num(p.Expenditure),
			Unit: w.millions + sep + w.rate + " " + v.percent(p.UtilizationRate)})
	}
	return out
}

// description is the report home's description for search engines and
// link previews (an e-mail, a chat): the report's kind, mission and period,
// then its key figures. "Budget performance report: MINUSMA, period
// 2020/21. Apportionment 1,183,384.7, expenditure 1,103,359.2 (thousands
// of US dollars); utilization rate 93.2%."
func (v *viewer) description() string {
	d := v.about("")
	h := v.headline()
	if h.apportionment == "" {
		return d
	}
	d += " " + v.w.apportionment + " " + h.apportionment + ", " + lowerFirst(v.w.expenditure) + " " + h.expenditure + " (" + v.w.unitShort + ")"
	if h.rate != "" {
		d += v.w.semicolon + lowerFirst(v.w.utilized) + " " + h.rate
	}
	return d + "."
}

// LangNote is the note of a page whose language is not its report's: in
// the page's language, the language the report's text is shown in, and a
// link to the United Nations' official version in the page's language.
type LangNote struct {
	// Text says the language the report's text is shown in.
	Text string `json:"text"`
	// Link names the official version in the page's language; URL is
	// its address (report.DocumentURL).
	Link string `json:"link"`
	URL  string `json:"url"`
	// Lang is the page's language: the note's and the linked version's.
	Lang string `json:"lang"`
}

// langNote is the page's LangNote, or nil on a page in the report's
// language.
func (v *viewer) langNote() *LangNote {
	if v.lang == v.r.Language {
		return nil
	}
	return &LangNote{Text: fmt.Sprintf(v.w.shownIn, report.LanguageName(v.lang, v.r.Language)), Link: v.w.official, URL: report.DocumentURL(v.lang, v.r.Symbol), Lang: v.lang}
}

// about is the description of a page of the report that cites cite (""
// for the report home): "Budget performance report: MINUSMA, period
// 2020/21. A/76/564, sect. III.A."
func (v *viewer) about(cite string) string {
	d := fmt.Sprintf(v.w.reportGloss, v.r.Mission.Acronym, v.r.Period.Label) + "."
	if cite != "" {
		d += " " + cite + "."
	}
	return d
}

// GlanceLine is a sentence of the report home's "at a glance", with a
// link to where it comes from.
type GlanceLine struct {
	// Text is the sentence, in the page's language.
	Text string
	// Link names where its figures come from; URL is that place.
	Link, URL string
}

// glance says what the report's results frameworks hold: its outputs by
// the output chart's counts (delivery, the chart's rule), its indicators
// by their status and how the report compares them with the plan; nil
// for a report without frameworks.
func (v *viewer) glance() []GlanceLine {
	var out []GlanceLine
	var outputs []*report.Output
	var indicators []*report.Indicator
	for _, c := range v.r.Components {
		for _, ea := range c.Accomplishments {
			outputs = append(outputs, ea.Outputs...)
			indicators = append(indicators, ea.Indicators...)
		}
	}
	if len(outputs) > 0 {
		n := charts.Deliveries(outputs)
		t := fmt.Sprintf(v.w.glanceOutputs, len(outputs), n[charts.KeyCompleted], n[charts.KeyCompletedLower], n[charts.KeyPartly], n[charts.KeyNotCompleted])
		if k := n[charts.KeyNotReported]; k > 0 {
			t += fmt.Sprintf(v.w.glanceNotReported, k)
		}
		out = append(out, GlanceLine{Text: t + ".", Link: v.w.glanceChart, URL: "#chart-output-delivery"})
	}
	st, vs := map[string]int{}, map[string]int{}
	for _, in := range indicators {
		st[in.Status]++
		if in.Status == report.StatusNotAssessable {
			vs[in.VersusPlan]++
		}
	}
	if len(indicators) > 0 {
		t := fmt.Sprintf(v.w.glanceIndicators, len(indicators), st[report.StatusAchieved], st[report.StatusNotAchieved], st[report.StatusPartly], st[report.StatusNotAssessable])
		if vs[report.VersusAbove]+vs[report.VersusBelow] > 0 {
			t += fmt.Sprintf(v.w.glanceVersus, vs[report.VersusAbove], vs[report.VersusBelow])
		}
		// the frameworks' place in the contents, which lists every component
		id := v.r.Components[0].ID // "ii-f-1": its parent section, "ii-f"
		out = append(out, GlanceLine{Text: t + ".", Link: v.w.glanceFrameworks, URL: "#" + id[:max(strings.LastIndexByte(id, '-'), 0)]})
	}
	return out
}

// JumpLine is a line of a component page's list of its expected
// accomplishments: a link to each, with what it holds.
type JumpLine struct {
	// Title names the accomplishment: "Expected accomplishment 2.1".
	Title string `json:"title"`
	// URL is its anchor on the page: "#ea-2-1".
	URL string `json:"url"`
	// Counts says its numbers of indicators and outputs.
	Counts string `json:"counts"`
}

// jump lists the expected accomplishments of component c with their
// numbers of indicators and of outputs, these by the output chart's
// categories (charts.Deliveries: its rule, stated under the chart).
func (v *viewer) jump(c *report.Component) []JumpLine {
	labels := charts.DeliveryLabels(v.lang)
	var out []JumpLine
	for _, ea := range c.Accomplishments {
		n := charts.Deliveries(ea.Outputs)
		var parts []string
		for _, k := range []string{charts.KeyCompleted, charts.KeyPartly, charts.KeyNotCompleted, charts.KeyNotReported} {
			if n[k] == 0 {
				continue
			}
			part := v.w.colonWords(lowerFirst(labels[k]), strconv.Itoa(n[k]))
			if k == charts.KeyCompleted && n[charts.KeyCompletedLower] > 0 { // "exécutés : 24, dont inférieurs aux prévisions : 6"
				part += ", " + v.w.colonWords(labels[charts.KeyCompletedLower], strconv.Itoa(n[charts.KeyCompletedLower]))
			}
			parts = append(parts, part)
		}
		counts := v.w.colonWords(v.w.indicatorsWord, strconv.Itoa(len(ea.Indicators))) + v.w.semicolon + v.w.colonWords(v.w.outputsWord, strconv.Itoa(len(ea.Outputs)))
		if len(parts) > 0 {
			counts += " (" + strings.Join(parts, v.w.semicolon) + ")"
		}
		out = append(out, JumpLine{Title: v.w.eaWord + " " + ea.Number, URL: "#" + ea.ID, Counts: counts})
	}
	return out
}

// lowerFirst is s with its first letter in lower case ("Exécutés" within a
// sentence: "exécutés").
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

// followUp is section VI: each request of the Assembly with the action
// taken, cited by the resolution paragraph it answers.
func (v *viewer) followUp() []FollowUpView {
	var out []FollowUpView
	for _, f := range v.r.FollowUp {
		out = append(out, FollowUpView{
			ID:      f.ID,
			Heading: f.Body + " (" + f.Reference(v.r.Language) + ")", // part of the report's text
			Request: f.Request, Action: f.Action,
			Cite: v.r.CiteFollowUp(v.lang, f),
			URL:  v.r.URL(v.lang, v.pageOf["vi"], f.ID),
		})
	}
	return out
}

// componentOf returns the section ID of the component that holds ea.
func (v *viewer) componentOf(ea *report.Accomplishment) string {
	for _, c := range v.r.Components {
		for _, x := range c.Accomplishments {
			if x == ea {
				return c.ID
			}
		}
	}
	return ""
}
