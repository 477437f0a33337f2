package site

import (
	"html"
	"strings"

	"pkportal/report"
)

// A report's reference for reference managers (Zotero, EndNote, Mendeley,
// BibTeX), written beside its data and in its zip, and the Highwire Press
// meta tags (citation_*) that Zotero and Google Scholar read on its pages.
// They say what the report's text gives (symbol, title, language, mission
// and period) and who issues it; no date, since the text carries none.

// refInstitution and refAuthor are the issuer and author of every report
// (datapackage.json's contributors, references, dataset descriptions):
// the United Nations, as the pages cite it ("United Nations, “…”,
// A/76/564"; the text names no other author); termsOfUse are the terms
// its data is published under.
const (
	refInstitution = "United Nations"
	refAuthor      = refInstitution
	termsOfUse     = "https://www.un.org/en/about-us/terms-of-use"
)

// officialURL is the United Nations' own address of the report's text.
func officialURL(r *report.Report) string {
	return report.DocumentURL(r.Language, r.Symbol)
}

// refNote is the mission and period of a report, for a reference's note.
func refNote(r *report.Report) string {
	return r.Mission.Acronym + ", budget period " + r.Period.Label + " (" + r.Period.Start + " to " + r.Period.End + ")"
}

// risFile is a report's reference in RIS, the tagged format every
// reference manager imports (CRLF line ends, as its specification has).
func risFile(r *report.Report) []byte {
	var b strings.Builder
	tag := func(t, v string) {
		b.WriteString(t + "  - " + strings.Join(strings.Fields(v), " ") + "\r\n")
	}
	tag("TY", "RPRT")
	tag("TI", r.Title)
	tag("AU", refAuthor)
	tag("PB", refInstitution)
	tag("SN", r.Symbol) // Zotero: report number
	tag("LA", r.Language)
	tag("UR", officialURL(r))
	tag("N1", refNote(r))
	b.WriteString("ER  - \r\n")
	return []byte(b.String())
}

// bibtexFile is a report's reference as a BibTeX @techreport: names in
// double braces (an institution is not a person's first and last name),
// TeX's special characters escaped.
func bibtexFile(r *report.Report) []byte {
	var b strings.Builder
	b.WriteString("@techreport{" + strings.ReplaceAll(r.Symbol, "/", "-") + ",\n")
	field := func(k, v string) {
		b.WriteString("  " + k + " = {" + v + "},\n")
	}
	field("author", "{"+bibEscape(refAuthor)+"}")
	field("title", "{"+bibEscape(r.Title)+"}")
	field("institution", "{"+bibEscape(refInstitution)+"}")
	field("number", bibEscape(r.Symbol))
	field("language", r.Language)
	field("url", officialURL(r))
	field("note", bibEscape(refNote(r)))
	b.WriteString("}\n")
	return []byte(b.String())
}

// bibEscaper escapes TeX's special characters in a BibTeX value.
var bibEscaper = strings.NewReplacer(`\`, `\textbackslash{}`, "{", `\{`, "}", `\}`, "&", `\&`, "%", `\%`,
	"$", `\$`, "#", `\#`, "_", `\_`, "~", `\textasciitilde{}`, "^", `\textasciicircum{}`, "\n", " ")

func bibEscape(s string) string { return bibEscaper.Replace(s) }

// citationMeta are the Highwire Press tags of a report's pages, as HTML
// for their head: Zotero saves the page as the report (a "report" item
// with its number and institution) rather than as a web page. No
// citation_author: Zotero would split an institution's name into a first
// and a last name. One string, not a list of maps: Hugo reads a page's
// front matter, and a hundred pages per report carry it.
func citationMeta(r *report.Report) string {
	var b strings.Builder
	for _, m := range [][2]string{
		{"citation_title", r.Title},
		{"citation_technical_report_institution", refInstitution},
		{"citation_technical_report_number", r.Symbol},
		{"citation_language", r.Language},
	} {
		b.WriteString(`<meta name="` + m[0] + `" content="` + html.EscapeString(m[1]) + "\">\n")
	}
	return b.String()
}
