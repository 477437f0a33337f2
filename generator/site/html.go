package site

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"pkportal/report"
)

// htmlw writes the HTML of page bodies: blocks, paragraphs, tables,
// expected accomplishments, follow-up. It is a hand-written translation
// of what were Hugo partials, with the escaping html/template (and so
// Hugo) applies in each context, byte for byte: text and attribute values
// (esc), URL attributes (url: unsafe schemes refused, then normalised),
// URL fragments after a literal "#" (frag). The bodies of a site's pages
// are most of its HTML: written this way they cost a tenth of what
// html/template's reflection costs. Layouts (and templates/home.html)
// still loop and print; the words come from the site's i18n files.
type htmlw struct {
	b     bytes.Buffer
	lang  string
	words map[string]string
	err   error
	// mark is set when the body sits in an element of the report's
	// language (content) and the UI's is another (an English page of a
	// French report): the UI's words then carry their own lang.
	mark    bool
	content string
	// quoted is the language of the title a citation quotes when no
	// element around says it (a chart's data, in the page's language, of
	// a report in another: TableView.LabelLang), while its table is written
	quoted string
}

func (w *htmlw) s(lit string) { w.b.WriteString(lit) }

// bodyBufs keeps the buffers of finished bodies for the next ones: a body
// grows to tens of kilobytes, and growing a buffer each time from nothing
// was a tenth of the generator's time.
var bodyBufs sync.Pool

// newHTMLW is a writer of a body in a UI language, on a kept buffer; the
// body sits in an element of language content ("" when none).
func newHTMLW(lang, content string, words map[string]string) *htmlw {
	w := &htmlw{lang: lang, words: words, mark: content != "" && content != lang, content: content}
	if b, ok := bodyBufs.Get().(*[]byte); ok {
		w.b = *bytes.NewBuffer((*b)[:0])
	}
	return w
}

// done returns the body written and gives the buffer back.
func (w *htmlw) done() (string, error) {
	s := w.b.String()
	b := w.b.Bytes()[:0]
	w.b = bytes.Buffer{}
	bodyBufs.Put(&b)
	return s, w.err
}

// esc writes s escaped as html/template escapes text and quoted attribute
// values (htmlReplacementTable).
func (w *htmlw) esc(s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		r := htmlEscapes[s[i]]
		if r == "" {
			continue
		}
		w.b.WriteString(s[last:i])
		w.b.WriteString(r)
		last = i + 1
	}
	w.b.WriteString(s[last:])
}

// htmlEscapes are the replacements of the bytes that esc escapes ("" for
// the others): one lookup per byte of the text.
var htmlEscapes = [256]string{
	0:    "\uFFFD",
	'"':  "&#34;",
	'&':  "&amp;",
	'\'': "&#39;",
	'+':  "&#43;",
	'<':  "&lt;",
	'>':  "&gt;",
}

// url writes a URL attribute value as html/template does: a URL with a
// scheme other than http, https or mailto becomes "#ZgotmplZ", the rest
// is normalised (percent-encoded where not allowed) and escaped.
func (w *htmlw) url(s string) {
	if scheme, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(scheme, "/") {
		if !strings.EqualFold(scheme, "http") && !strings.EqualFold(scheme, "https") && !strings.EqualFold(scheme, "mailto") {
			s = "#ZgotmplZ"
		}
	}
	w.esc(percentEncode(s, true))
}

// frag writes a value that follows a literal "#" in a URL attribute.
func (w *htmlw) frag(s string) { w.esc(percentEncode(s, false)) }

// percentEncode is html/template's processURLOnto: norm keeps reserved
// characters and valid escapes (a whole URL); otherwise only unreserved
// characters are kept (a part of one).
func percentEncode(s string, norm bool) string {
	var b strings.Builder
	written := 0
	for i, n := 0, len(s); i < n; i++ {
		c := s[i]
		switch c {
		case '!', '#', '$', '&', '*', '+', ',', '/', ':', ';', '=', '?', '@', '[', ']':
			if norm {
				continue
			}
		case '-', '.', '_', '~':
			continue
		case '%':
			if norm && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
				continue
			}
		default:
			if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
				continue
			}
		}
		b.WriteString(s[written:i])
		b.WriteByte('%')
		b.WriteByte(lowerHex[c>>4])
		b.WriteByte(lowerHex[c&15])
		written = i + 1
	}
	if written == 0 {
		return s
	}
	b.WriteString(s[written:])
	return b.String()
}

const lowerHex = "0123456789abcdef"

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// t writes the UI words of key (i18n/<lang>.toml) as text, escaped, in
// their language.
func (w *htmlw) t(key string) { w.ui(w.word(key)) }

// lines writes a text of several lines as the report prints them: a line
// break between them (an indicator's actual figure, then why).
func (w *htmlw) lines(s string) {
	for i, l := range strings.Split(s, "\n") {
		if i > 0 {
			w.s("<br>")
		}
		w.esc(l)
	}
}

// ui writes words of the UI language as text, escaped, marked with their
// language when the body's element has another.
func (w *htmlw) ui(s string) {
	if !w.mark || s == "" {
		w.esc(s)
		return
	}
	w.s(`<span lang="`)
	w.esc(w.lang)
	w.s(`">`)
	w.esc(s)
	w.s("</span>")
}

// vh writes text for screen readers only (class "vh": neither shown nor
// copied with a selection), marked with its language lang when the
// element it sits in has another ("" for none).
func (w *htmlw) vh(text, lang string) {
	w.s(`<span class="vh"`)
	w.attrLang(lang)
	w.s(">")
	w.esc(text)
	w.s("</span>")
}

// uiLang is the lang attribute UI words need inside the body's element:
// the UI's language when the body's element has another, else "".
func (w *htmlw) uiLang() string {
	if w.mark {
		return w.lang
	}
	return ""
}

// noteMark writes the footnote letters of a table's heading ("a", "b, c")
// as the report prints them, glued to the heading, and read "note a": a
// screen reader read "Effectif approuvéa". The no-break space before
// them separates the words (a space inside the hidden words is dropped
// from the accessible name) without a line break; the class nm's margin
// takes its width back.
func (w *htmlw) noteMark(labels string) {
	w.s("\u00a0<sup class=\"nm\">") // no line break before the letter
	w.vh(w.word("note")+" ", w.uiLang())
	w.esc(labels)
	w.s("</sup>")
}

// figure writes a formatted figure, negative when the report prints it in
// parentheses, "(2 513,7)", which reads "(minus 2 513,7)" to a screen
// reader: at their usual punctuation level they do not speak parentheses,
// and an overexpenditure was heard as an underexpenditure.
func (w *htmlw) figure(text string, negative bool) {
	if negative && strings.HasPrefix(text, "(") {
		w.s("(")
		w.vh(w.word("minus")+" ", w.uiLang())
		w.esc(text[1:])
		return
	}
	w.esc(text)
}

// ta writes the UI words of key escaped, unmarked: in an attribute value,
// as punctuation, or in an element that has the UI's language.
func (w *htmlw) ta(key string) { w.esc(w.word(key)) }

// langAttr writes the lang attribute an element needs when its attribute
// values hold UI words (aria-label) and the body's element has another
// language.
func (w *htmlw) langAttr() {
	if w.mark {
		w.attrLang(w.lang)
	}
}

// attrLang writes a lang attribute (none for "").
func (w *htmlw) attrLang(lang string) {
	if lang != "" {
		w.s(` lang="`)
		w.esc(lang)
		w.s(`"`)
	}
}

func (w *htmlw) word(key string) string {
	s, ok := w.words[key]
	if !ok && w.err == nil {
		w.err = fmt.Errorf("i18n/%s.toml has no %q", w.lang, key)
	}
	return s
}

func (w *htmlw) int(n int) { w.b.WriteString(strconv.Itoa(n)) }

func (w *htmlw) segments(ss []Segment) {
	for _, s := range ss {
		switch {
		case s.Term:
			w.s(`<a class="term" href="`)
			w.url(s.Href)
			w.s(`">`)
			w.esc(s.T)
			w.s(`</a>`)
		case s.Href != "":
			w.s(`<a href="`)
			w.url(s.Href)
			w.s(`">`)
			w.esc(s.T)
			w.s(`</a>`)
		default:
			w.esc(s.T)
		}
	}
}

func (w *htmlw) cite(cite, url string) {
	w.s(`<p class="cite" lang="`)
	w.esc(w.lang)
	w.s(`"><a class="permalink" href="`)
	w.url(url)
	// data-citation, not data-cite: html/template takes "cite" for a URL
	// and percent-encodes it, and "A/76/564,%20par.%2026" was what the
	// reader's clipboard got
	w.s(`" data-citation="`)
	w.esc(cite)
	w.s(`">`)
	w.citeText(cite)
	w.s("</a></p>\n")
}

// citeText writes a citation, a table's title quoted in it (the report's
// words: "A/76/564, summary, “Ressources financières”") marked with the
// report's language when the page's is another.
func (w *htmlw) citeText(cite string) {
	lang := w.quoted
	if w.mark {
		lang = w.content
	}
	if before, title, after, ok := report.Quoted(cite); ok && lang != "" {
		w.esc(before)
		w.s(`<span lang="`)
		w.esc(lang)
		w.s(`">`)
		w.esc(title)
		w.s("</span>")
		w.esc(after)
		return
	}
	w.esc(cite)
}

func (w *htmlw) items(its []ItemView) {
	w.s(`<ol class="items">`)
	for _, it := range its {
		w.s(`<li><span class="label">`)
		w.esc(it.Label)
		w.s(`)</span> `)
		w.segments(it.Text)
		// the separator as printed, kept on the item's last line
		w.esc(strings.Replace(it.Sep, " ", "\u00a0", 1))
		if len(it.Items) > 0 {
			w.items(it.Items)
		}
		w.s(`</li>`)
	}
	w.s("</ol>\n")
}

func (w *htmlw) para(p *ParaView) {
	w.s(`<div class="para" id="`)
	w.esc(p.ID)
	w.s(`">`)
	if p.Number != 0 {
		w.s(`<a class="num" href="#`)
		w.frag(p.ID)
		w.s(`"`)
		w.langAttr()
		w.s(` aria-label="`)
		w.ta("paragraph")
		w.s(" ")
		w.int(p.Number)
		w.s(`">`)
		w.int(p.Number)
		w.s(`.</a>`)
	}
	w.s("\n<p>")
	w.segments(p.Text)
	w.s("</p>")
	if len(p.Items) > 0 {
		w.items(p.Items)
	}
	if len(p.Tail) > 0 {
		w.s("<p>")
		w.segments(p.Tail)
		w.s("</p>")
	}
	if p.Cite != "" {
		w.cite(p.Cite, p.URL)
	}
	w.s("\n</div>\n")
}

func (w *htmlw) followUp(fs []FollowUpView) {
	w.s(`<ol class="followup">`)
	for _, f := range fs {
		w.s("\n<li id=\"")
		w.esc(f.ID)
		w.s(`"><h2 class="followup-heading">`)
		w.esc(f.Heading)
		w.s("</h2>\n<dl><dt>")
		w.t("request")
		w.s("</dt><dd>")
		w.esc(f.Request)
		w.s("</dd><dt>")
		w.t("actionTaken")
		w.s("</dt><dd>")
		w.esc(f.Action)
		w.s("</dd></dl>\n")
		w.cite(f.Cite, f.URL)
		w.s("</li>")
	}
	w.s("\n</ol>\n")
}

func (w *htmlw) ea(e *EAView) {
	w.s(`<section class="ea" id="`)
	w.esc(e.ID)
	w.s("\">\n<h2>")
	w.t("expectedAccomplishment")
	w.s(" ")
	w.esc(e.Number)
	w.ta("colon")
	w.esc(e.Text)
	w.s("</h2>\n")
	w.cite(e.Cite, e.URL)
	w.s("\n<h3>")
	w.t("indicators")
	w.s("</h3>\n")
	w.indicators(e)
	w.s("\n<h3>")
	w.t("outputs")
	w.s("</h3>\n")
	w.outputs(e)
	w.s("\n</section>\n")
}

// indicators writes the list of an accomplishment's indicators.
func (w *htmlw) indicators(e *EAView) {
	w.s(`<ol class="indicators">`)
	for _, in := range e.Indicators {
		w.s("\n<li id=\"")
		w.esc(in.ID)
		w.s(`"><dl><dt>`)
		w.t("planned")
		w.s("</dt><dd>")
		w.esc(in.Planned)
		if in.Values != "" {
			w.s(" (")
			w.esc(in.Values)
			w.s(")")
		}
		w.s("</dd><dt>")
		w.t("actual")
		w.s("</dt><dd>")
		w.lines(in.Actual)
		w.s("</dd><dt>")
		w.t("status")
		w.s(`</dt><dd><span class="status status-`)
		w.esc(in.Status)
		w.s(`">`)
		w.ui(in.StatusText)
		w.s("</span> <small>(")
		w.ui(in.StatusWhy)
		w.s(")</small>")
		w.versus(in.VersusKey, in.Versus)
		w.s("</dd></dl>")
		w.cite(in.Cite, in.URL)
		w.s("</li>")
	}
	w.s("\n</ol>")
}

// versus writes, when the report says it (text not ""), that a result was
// higher or lower than planned (key report.VersusAbove, VersusBelow), in
// the UI's words.
func (w *htmlw) versus(key, text string) {
	if text == "" {
		return
	}
	w.s(` <span class="versus versus-`)
	w.esc(key)
	w.s(`">`)
	w.ui(text)
	w.s("</span>")
}

// outputs writes the list of an accomplishment's outputs.
func (w *htmlw) outputs(e *EAView) {
	w.s(`<ol class="outputs">`)
	for _, o := range e.Outputs {
		w.s("\n<li id=\"")
		w.esc(o.ID)
		w.s(`">`)
		if o.Group != "" {
			w.s(`<p class="group">`)
			w.esc(o.Group)
			w.s("</p>")
		}
		w.s("<dl><dt>")
		w.t("planned")
		w.s("</dt><dd>")
		w.esc(o.Planned)
		w.s("</dd><dt>")
		w.t("completed")
		w.s("</dt><dd>")
		for _, c := range o.Completed {
			w.s(`<span class="delivered">`)
			w.esc(c)
			w.s("</span> ")
		}
		w.versus(o.VersusKey, o.Versus)
		w.s("</dd>")
		if o.Remarks != "" {
			w.s("<dt>")
			w.t("remarks")
			w.s("</dt><dd>")
			w.lines(o.Remarks)
			w.s("</dd>")
		}
		w.s("</dl>")
		w.cite(o.Cite, o.URL)
		w.s("</li>")
	}
	w.s("\n</ol>")
}

func (w *htmlw) table(t *TableView) {
	// the figure scrolls a wide table: a keyboard reaches it (tabindex), a
	// screen reader hears the table's title (not the downloads of its
	// figcaption)
	w.s(`<figure class="table" id="table-`)
	w.esc(t.ID)
	w.s(`" tabindex="0" aria-labelledby="table-`)
	w.esc(t.ID)
	w.s("-caption\">\n<table")
	if t.Sortable {
		w.s(` class="sortable"`)
	}
	w.s(">\n<caption id=\"table-")
	w.esc(t.ID)
	w.s("-caption\">")
	w.esc(t.Title)
	if t.Unit != "" {
		w.s(` <small lang="`)
		w.esc(w.lang)
		w.s(`">(`)
		w.esc(t.Unit)
		w.s(")</small>")
	}
	w.s("</caption>\n<thead><tr><td></td>")
	for i, c := range t.Columns {
		w.s(`<th scope="col">`)
		if i < len(t.ColTitles) && t.ColTitles[i] != "" {
			// the heading in the reader's language, the printed one under it
			w.s(`<span lang="`)
			w.esc(w.lang)
			w.s(`">`)
			w.esc(t.ColTitles[i])
			w.s(`</span><br><small class="printed">`)
			w.esc(c)
			w.s("</small>")
		} else {
			w.esc(c)
		}
		if i < len(t.ColNotes) && t.ColNotes[i] != "" {
			w.noteMark(t.ColNotes[i])
		}
		if i < len(t.ColRefs) {
			w.s(`<br><small class="ref">`)
			w.esc(t.ColRefs[i])
			w.s("</small>")
		}
		w.s("</th>")
	}
	w.s("</tr></thead>\n<tbody>")
	for n, r := range t.Rows {
		if n == len(t.Rows)-t.Foot && t.Foot > 0 {
			w.s("\n</tbody>\n<tfoot>")
		}
		w.s("\n<tr class=\"")
		w.esc(r.Type)
		w.s(`" id="`)
		w.esc(t.ID)
		w.s("-r")
		w.int(n + 1)
		w.s(`"><th scope="row"`)
		if r.Indent {
			w.s(` class="indent"`)
		}
		w.attrLang(t.LabelLang)
		w.s(">")
		w.esc(r.Label)
		if r.Closes != "" { // which of the "Total partiel" rows
			w.vh(" — "+r.Closes, "")
		}
		if r.Notes != "" {
			w.noteMark(r.Notes)
		}
		if r.English != "" { // the printed label first: it is the report's
			w.s(`<br><small class="printed" lang="en">`)
			w.esc(r.English)
			w.s("</small>")
		}
		w.s("</th>")
		for i, c := range r.Cells {
			w.s("<td")
			if i >= len(t.Numeric) && w.err == nil {
				w.err = fmt.Errorf("table %s: row %d has more cells than columns", t.ID, n+1)
			}
			if i < len(t.Numeric) && t.Numeric[i] {
				w.s(` class="num"`)
				if i < len(r.Values) && r.Values[i] != "" {
					w.s(` data-value="`)
					w.esc(r.Values[i])
					w.s(`"`)
				}
			}
			w.s(">")
			if i < len(r.Values) {
				w.figure(c, strings.HasPrefix(r.Values[i], "-"))
			} else {
				w.esc(c)
			}
			w.s("</td>")
		}
		w.s("</tr>")
	}
	if t.Foot > 0 {
		w.s("\n</tfoot>\n</table>")
	} else {
		w.s("\n</tbody>\n</table>")
	}
	w.notes(t.Notes, false)
	w.warnings(t.Warns)
	if !w.mark {
		w.quoted = t.LabelLang
		defer func() { w.quoted = "" }()
	}
	w.downloads(t.Title, t.CSV, t.JSON, t.Excel, t.Cite, t.URL)
}

// notes writes a list of notes: a table's footnotes (a line printed under
// it has no label), or the document's footnotes on a page, anchored
// (#note-1) for the headings that call them.
func (w *htmlw) notes(ns []NoteView, anchored bool) {
	if len(ns) == 0 {
		return
	}
	w.s(`<ol class="notes">`)
	for _, n := range ns {
		w.s("<li")
		if anchored {
			w.s(` id="note-`)
			w.esc(n.Label)
			w.s(`"`)
		}
		w.s(">")
		if n.Label != "" {
			w.s("<sup>")
			w.esc(n.Label)
			w.s("</sup> ")
		}
		w.esc(n.Text)
		w.s("</li>")
	}
	w.s("</ol>\n")
}

// warnings writes the discrepancies of the source found in a dataset's
// figures, published with them.
func (w *htmlw) warnings(ws []WarnView) {
	if len(ws) == 0 {
		return
	}
	w.s(`<div class="warnings"`)
	w.attrLang(w.lang)
	w.s(`><p>`)
	w.ta("warning")
	w.s("</p><ul>")
	for _, x := range ws {
		w.s("<li")
		w.attrLang(x.Lang)
		w.s(">")
		w.esc(x.Text)
		w.s("</li>")
	}
	w.s("</ul></div>")
}

// noteRefs writes the calls of document footnotes, each a link to its
// note on the page.
func (w *htmlw) noteRefs(labels []string) {
	for _, l := range labels {
		w.s("\u00a0<sup class=\"nm\"><a href=\"#note-")
		w.frag(l)
		w.s(`"`)
		w.langAttr()
		w.s(` aria-label="`)
		w.ta("note")
		w.s(" ")
		w.esc(l)
		w.s(`">`)
		w.esc(l)
		w.s("</a></sup>")
	}
}

// downloads closes the figure of a dataset with its CSV and JSON links,
// the spreadsheet download when there is one, and its citation.
//
// Each link says, to a screen reader, which table it downloads: a page
// holds many links named "CSV".
func (w *htmlw) downloads(title, csv, json, excel, cite, url string) {
	w.s("\n<figcaption lang=\"")
	w.esc(w.lang)
	w.s(`">`)
	sep := ""
	for _, l := range [][2]string{{csv, "csv"}, {json, "json"}, {excel, "excel"}} {
		if l[0] == "" {
			continue
		}
		w.s(sep)
		sep = " · " // between links: the citation is a paragraph of its own
		w.s(`<a href="`)
		w.url(l[0])
		w.s(`">`)
		w.ta(l[1])
		titleLang := ""
		if w.content != w.lang {
			titleLang = w.content
		}
		w.vh(" — "+title, titleLang)
		w.s("</a>")
	}
	w.cite(cite, url)
	w.s("</figcaption>\n</figure>\n")
}

// dataset writes the page of a dataset that is not a report table as the
// report shows it: an accomplishment's indicators or outputs, the variance
// items with their explanations, the follow-up of the Assembly's requests.
func (w *htmlw) dataset(d *DatasetView) {
	w.s(`<figure class="dataset" id="table-`)
	w.esc(d.ID)
	w.s("\">\n")
	switch {
	case d.EA != nil && d.Part == "indicators":
		w.s("<h2>")
		w.t("indicators")
		w.s("</h2>\n")
		w.indicators(d.EA)
	case d.EA != nil:
		w.s("<h2>")
		w.t("outputs")
		w.s("</h2>\n")
		w.outputs(d.EA)
	case len(d.FollowUp) > 0:
		w.followUp(d.FollowUp)
	default:
		w.blocks(d.Blocks)
	}
	w.notes(d.Notes, true)
	w.warnings(d.Warns)
	w.downloads(d.Title, d.CSV, d.JSON, d.Excel, d.Cite, d.URL)
}

func (w *htmlw) blocks(bs []BlockView) {
	for _, b := range bs {
		if h := b.Heading; h != nil {
			tag := "h3"
			if h.Level == 2 {
				tag = "h2"
			}
			w.s("<" + tag + ` id="`)
			w.esc(h.ID)
			w.s(`">`)
			w.esc(h.Title)
			w.noteRefs(h.Notes)
			w.s("</" + tag + ">")
		}
		if b.Para != nil {
			w.para(b.Para)
		}
		if b.Table != nil {
			w.table(b.Table)
		}
		if b.EA != nil {
			w.ea(b.EA)
		}
		if v := b.Var; v != nil {
			w.s(`<h2 class="variance" id="`)
			w.esc(v.ID)
			w.s(`"><span>`)
			w.esc(v.Label)
			if v.English != "" {
				w.s(`<br><small class="printed" lang="en">`)
				w.esc(v.English)
				w.s("</small>")
			}
			w.s(`</span> <span class="num"><span class="lbl"`)
			// said and shown: the figures beside a heading need a name
			w.attrLang(w.uiLang())
			w.s(`>`)
			w.ta("variance")
			w.ta("colon")
			w.s(`</span>`)
			w.figure(v.Amount, true) // parentheses: an overexpenditure
			w.s(`</span> <span class="num">`)
			w.figure(v.Percent, true)
			w.s("</span>")
			if v.Direction != "" {
				w.s(` <span class="dir"`)
				w.attrLang(w.uiLang())
				w.s(`>`)
				w.esc(v.Direction)
				w.s(`</span>`)
			}
			w.s("</h2>")
		}
		if len(b.FollowUp) > 0 {
			w.followUp(b.FollowUp)
		}
		if b.Note != "" {
			w.s(`<p class="portal-note"`)
			w.langAttr()
			w.s(`><span>`)
			w.ta("note")
			w.ta("colon")
			if key, ok := portalNotes[b.Note]; ok {
				w.s(`</span>`)
				w.ta(key)
			} else { // a statement not translated yet: as ingest wrote it
				w.s(`</span><span lang="en">`)
				w.esc(b.Note)
				w.s("</span>")
			}
			w.s("</p>")
		}
	}
	w.s("\n")
}
