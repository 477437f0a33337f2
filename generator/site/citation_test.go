package site

import (
	"strings"
	"testing"

	"pkportal/report"
)

// TestReferenceOfAHostileTitle: a title with TeX's special characters and
// a line break stays one value in BibTeX (escaped, braces balanced) and
// one line in RIS.
func TestReferenceOfAHostileTitle(t *testing.T) {
	r := &report.Report{Symbol: "A/99/1", Slug: "a-99-1", Language: "en", Title: "Costs {50 %} & $ #1_a~b^c\\d\nnext line",
		Mission: report.Mission{Acronym: "X"}, Period: report.Period{Label: "2020/21", Start: "2020-07-01", End: "2021-06-30"}}
	bib := string(bibtexFile(r))
	want := `  title = {{Costs \{50 \%\} \& \$ \#1\_a\textasciitilde{}b\textasciicircum{}c\textbackslash{}d next line}},` + "\n"
	if !strings.Contains(bib, want) {
		t.Errorf("BibTeX:\n%s\nwant the line\n%s", bib, want)
	}
	open := strings.Count(bib, "{") - strings.Count(bib, `\{`)
	closing := strings.Count(bib, "}") - strings.Count(bib, `\}`)
	if open != closing {
		t.Errorf("BibTeX: %d unescaped { for %d }:\n%s", open, closing, bib)
	}
	ris := string(risFile(r))
	if !strings.Contains(ris, "TI  - Costs {50 %} & $ #1_a~b^c\\d next line\r\n") || strings.Count(ris, "\n") != 9 {
		t.Errorf("RIS: want the title on one line, 9 lines in all:\n%s", ris)
	}
}
