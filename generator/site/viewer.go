package site

import (
	"strconv"
	"strings"

	"pkportal/report"
)

// viewer turns parts of one report into views for one UI language.
type viewer struct {
	r      *report.Report
	lang   string
	pageOf map[string]string
	eas    map[string]*report.Accomplishment
	vars   map[string]*report.Variance
	warns  map[string][]string
}

func newViewer(r *report.Report, lang string) *viewer {
	v := &viewer{r: r, lang: lang, pageOf: r.PageOf(), eas: map[string]*report.Accomplishment{}, vars: map[string]*report.Variance{}, warns: map[string][]string{}}
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
			v.warns[w.Table] = append(v.warns[w.Table], w.Message)
		}
	}
	return v
}

// blocks lists a section's blocks and those of its subsections that are
// shown on the same page, with headings between them.
func (v *viewer) blocks(s *report.Section, depth int) []BlockView {
	var out []BlockView
	if depth > 0 {
		out = append(out, BlockView{Heading: &HeadingView{ID: s.ID, Title: sectionTitle(s), Level: depth + 1}})
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
				out = append(out, BlockView{Var: &VarView{ID: va.ID, Label: va.Label, Amount: v.num(va.Amount), Percent: v.num(va.Percent) + v.percentSign()}})
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
		pv.Cite = v.r.Symbol + ", par. " + strconv.Itoa(p.Number)
		pv.URL = v.r.URL(v.lang, "par/"+strconv.Itoa(p.Number), "")
	}
	return pv
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

func (v *viewer) table(t *report.Table) *TableView {
	if t == nil {
		return nil
	}
	tv := &TableView{ID: t.ID, Title: t.Title, CSV: dataURL(v.r, t.ID, "csv"), JSON: dataURL(v.r, t.ID, "json"),
		Cite: v.r.Symbol + ", " + tableCite(v.lang, t.ID), URL: v.r.URL(v.lang, v.pageOf[t.Section], "table-"+t.ID), Warns: v.warns[t.ID]}
	if t.Unit == report.AmountUnit {
		tv.Unit = map[string]string{"fr": "En milliers de dollars des États-Unis", "en": "Thousands of United States dollars"}[v.lang]
	}
	for _, c := range t.Columns {
		tv.Columns = append(tv.Columns, c.Label)
		tv.ColNotes = append(tv.ColNotes, strings.Join(c.Notes, ", "))
		tv.Numeric = append(tv.Numeric, c.Type == "number")
	}
	for _, r := range t.Rows {
		rv := RowView{Label: r.Label, Type: r.Type, Notes: strings.Join(r.Notes, ", "), Indent: r.Group != "" && r.Type == report.RowItem}
		for i, c := range r.Cells {
			switch {
			case c.Num != "":
				rv.Cells = append(rv.Cells, v.num(c.Num))
				rv.Values = append(rv.Values, string(c.Num))
				continue
			case c.Text != "":
				rv.Cells = append(rv.Cells, c.Raw)
			case c.Raw != "" && i >= 0:
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

func tableCite(lang, id string) string {
	switch {
	case strings.HasPrefix(id, "summary"):
		return map[string]string{"fr": "résumé", "en": "summary"}[lang]
	default:
		n := strings.ToUpper(strings.ReplaceAll(strings.TrimSuffix(id, "-factors"), "-", "."))
		return "sect. " + n
	}
}

func (v *viewer) ea(ea *report.Accomplishment) *EAView {
	cite := v.r.Symbol + ", " + map[string]string{"fr": "réalisation escomptée ", "en": "expected accomplishment "}[v.lang] + ea.Number
	page := v.pageOf[v.componentOf(ea)]
	ev := &EAView{ID: ea.ID, Number: ea.Number, Text: ea.Text, Cite: cite, URL: v.r.URL(v.lang, page, ea.ID)}
	for _, in := range ea.Indicators {
		var vals []string
		for _, pv := range in.Values {
			vals = append(vals, pv.Period+" : "+pv.Raw)
		}
		st, why := statusWords(v.lang, in.Status, in.StatusBasis)
		ev.Indicators = append(ev.Indicators, IndView{ID: in.ID, N: in.N, Planned: in.Planned, Values: strings.Join(vals, " ; "), Actual: in.Actual,
			Status: in.Status, StatusText: st, StatusWhy: why,
			Cite: cite + ", " + map[string]string{"fr": "indicateur ", "en": "indicator "}[v.lang] + strconv.Itoa(in.N), URL: v.r.URL(v.lang, page, in.ID)})
	}
	for _, o := range ea.Outputs {
		ov := OutView{ID: o.ID, N: o.N, Group: o.Group, Planned: o.Planned, Remarks: o.Remarks,
			Cite: cite + ", " + map[string]string{"fr": "produit ", "en": "output "}[v.lang] + strconv.Itoa(o.N), URL: v.r.URL(v.lang, page, o.ID)}
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
}

// keyFigures reads the totals of the summary's financial table.
func (v *viewer) keyFigures() []KeyFigure {
	t := v.r.Table("summary-financial")
	if t == nil {
		return nil
	}
	var total *report.Row
	for i := range t.Rows {
		if t.Rows[i].Type == report.RowTotal {
			total = &t.Rows[i] // the last total is the grand total
		}
	}
	if total == nil || len(total.Cells) < 3 {
		return nil
	}
	words := map[string][4]string{
		"fr": {"Montant alloué", "Dépenses", "Solde inutilisé", "Taux d’utilisation"},
		"en": {"Apportionment", "Expenditure", "Unencumbered balance", "Utilization rate"},
	}[v.lang]
	unit := map[string]string{"fr": "milliers de dollars des États-Unis", "en": "thousands of US dollars"}[v.lang]
	out := []KeyFigure{
		{Label: words[0], Value: v.num(total.Cells[0].Num), Unit: unit},
		{Label: words[1], Value: v.num(total.Cells[1].Num), Unit: unit},
		{Label: words[2], Value: v.num(total.Cells[2].Num), Unit: unit},
	}
	a, errA := total.Cells[0].Num.Units(1)
	e, errE := total.Cells[1].Num.Units(1)
	if errA == nil && errE == nil && a > 0 {
		// one decimal, rounded half up, as the report writes its rates
		rate := (e*10000/a + 5) / 10
		out = append(out, KeyFigure{Label: words[3], Value: v.num(report.FromUnits(rate, 1)) + v.percentSign()})
	}
	if p := v.r.Previous; p != nil {
		label := map[string]string{"fr": "Dépenses en " + p.Period, "en": "Expenditure in " + p.Period}[v.lang]
		unit := map[string]string{"fr": "millions de dollars des États-Unis ; taux d’utilisation ", "en": "million US dollars; utilization rate "}[v.lang]
		out = append(out, KeyFigure{Label: label, Value: v.num(p.Expenditure), Unit: unit + v.num(p.UtilizationRate) + v.percentSign()})
	}
	return out
}

func (v *viewer) followUp() []FollowUpView {
	var out []FollowUpView
	for i, f := range v.r.FollowUp {
		out = append(out, FollowUpView{
			ID:      f.ID,
			Heading: f.Body + " (" + map[string]string{"fr": "résolution ", "en": "resolution "}[v.lang] + f.Resolution + ", par. " + f.ResolutionParagraph + ")",
			Request: f.Request, Action: f.Action,
			Cite: v.r.Symbol + ", sect. VI, " + strconv.Itoa(i+1),
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

// statusWords says an indicator's status, and how it was read, in the page
// language.
func statusWords(lang, status, basis string) (string, string) {
	words := map[string]map[string]string{
		"fr": {report.StatusAchieved: "Atteint", report.StatusNotAchieved: "Non atteint", report.StatusPartly: "Partiellement atteint", report.StatusNotAssessable: "Non évaluable",
			"text": "selon le texte du rapport", "target": "chiffre effectif comparé à l’objectif", "": "le rapport ne permet pas de conclure"},
		"en": {report.StatusAchieved: "Achieved", report.StatusNotAchieved: "Not achieved", report.StatusPartly: "Partly achieved", report.StatusNotAssessable: "Not assessable",
			"text": "as the report states", "target": "actual figure compared with the target", "": "the report does not allow a conclusion"},
	}[lang]
	why, ok := words[basis]
	if !ok {
		why = words[""]
	}
	return words[status], why
}
