package ingest

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"pkportal/ingest/source"
	"pkportal/percore"
	"pkportal/report"
)

// Parse reads one report text. name is the file name, e.g.
// "A-76-564.fr.txt": its second-to-last part is the language, which selects
// the vocabulary. Parse runs Validate: problems of the parser are errors
// naming file:line and what was expected; problems of the source are
// report.Warnings in Report.Warnings.
func Parse(name string, data []byte) (*report.Report, error) {
	return parse(name, data, parseExternal)
}

// parse is Parse with the other parsers given, for tests of the section
// parser alone.
func parse(name string, data []byte, others func(*source.Doc, string) (*external, error)) (*report.Report, error) {
	base := filepath.Base(name)
	language, err := languageOf(base)
	if err != nil {
		return nil, err
	}
	voc, err := loadVocabulary(language)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", base, err)
	}
	doc, err := source.Read(base, data)
	if err != nil {
		return nil, err
	}
	ext, err := others(doc, language)
	if err != nil {
		return nil, err // names the file and line
	}
	r := &report.Report{
		SchemaVersion: report.SchemaVersion,
		Symbol:        doc.Symbol,
		Language:      language,
		JobNumber:     doc.JobNumber,
		Unit:          report.AmountUnit,
		Source:        base,
		Tables:        ext.Tables,
		Variances:     ext.Variances,
	}
	if r.Symbol == "" {
		r.Symbol = symbolFromName(base)
	}
	r.Slug = report.Slug(r.Symbol)
	w := &walker{doc: doc, voc: voc, r: r, ext: ext}
	if err := w.walk(); err != nil {
		return nil, err
	}
	if err := metadata(doc, voc, r); err != nil {
		return nil, err
	}
	for _, v := range r.Variances {
		if v != nil {
			v.Paragraphs = append([]int{}, w.varPars[v.ID]...)
		}
	}
	if err := attachAccomplishments(doc, voc, r, ext.Accomplishments); err != nil {
		return nil, err
	}
	r.Synthetic = strings.Contains(string(data), report.SyntheticMarker)
	if err := setStatuses(r); err != nil {
		return nil, err
	}
	r.Decisions = decisions(voc, r)
	if _, err := Validate(r); err != nil {
		return r, err
	}
	return r, nil
}

// ParseFile reads the report at path, after applying the corrections file
// beside it (see Corrections), if there is one.
func ParseFile(path string) (*report.Report, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("ingest: %w", err)
	}
	data, err = ApplyCorrections(path, data)
	if err != nil {
		return nil, err
	}
	return Parse(path, data)
}

// ParseDir reads every *.txt source of a folder, sorted by symbol (then
// language).
func ParseDir(dir string) ([]*report.Report, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		return nil, fmt.Errorf("ingest: %w", err)
	}
	// parse on every core; results and errors keep the order of paths
	rs := make([]*report.Report, len(paths))
	perr := percore.Run(len(paths), func(i int) (err error) {
		rs[i], err = ParseFile(paths[i])
		return err
	})
	var out []*report.Report
	var errs []error
	for i := range paths {
		if perr[i] != nil {
			errs = append(errs, perr[i])
			continue
		}
		out = append(out, rs[i])
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Symbol != out[j].Symbol {
			return SymbolLess(out[i].Symbol, out[j].Symbol)
		}
		return out[i].Language < out[j].Language
	})
	return out, nil
}

var digitsRe = regexp.MustCompile(`\d+`)

// SymbolLess orders document symbols with their numbers compared as
// numbers (A/76/99 before A/76/564), the order of ParseDir's reports.
func SymbolLess(a, b string) bool {
	pad := func(s string) string {
		return digitsRe.ReplaceAllStringFunc(s, func(d string) string {
			return strings.Repeat("0", max(0, 12-len(d))) + d
		})
	}
	return pad(a) < pad(b)
}

// languageOf reads the language from a file name "A-76-564.fr.txt".
func languageOf(base string) (string, error) {
	parts := strings.Split(base, ".")
	if len(parts) < 3 || parts[len(parts)-2] == "" {
		return "", &source.Error{File: base, Msg: "expected a file name <symbol>.<language>.txt, e.g. A-76-564.fr.txt"}
	}
	return parts[len(parts)-2], nil
}

// symbolFromName turns "A-76-564.fr.txt" into "A/76/564", for sources
// whose page headers do not give the symbol.
func symbolFromName(base string) string {
	return strings.ReplaceAll(strings.Split(base, ".")[0], "-", "/")
}

// attachAccomplishments gives each component the expected accomplishments
// whose number starts with the component's number ("2.1" → component 2).
// An accomplishment without its component means that the component's
// heading was not found: an error at the accomplishment.
func attachAccomplishments(doc *source.Doc, voc *vocabulary, r *report.Report, accs []*report.Accomplishment) error {
	attached := map[*report.Accomplishment]bool{}
	for _, c := range r.Components {
		c.Accomplishments = []*report.Accomplishment{}
		prefix := fmt.Sprintf("%d.", c.Number)
		for _, a := range accs {
			if a != nil && strings.HasPrefix(a.Number, prefix) {
				c.Accomplishments = append(c.Accomplishments, a)
				attached[a] = true
			}
		}
	}
	if len(r.Components) == 0 {
		return nil // no II.F: Validate names the missing heading
	}
	for _, a := range accs {
		if a != nil && !attached[a] {
			n, _, _ := strings.Cut(a.Number, ".")
			return doc.Errorf(a.Line, "expected accomplishment %s belongs to no component: expected the heading \"%s %s : …\" before it", a.Number, voc.Component, n)
		}
	}
	return nil
}

// decisions reads the decisions of section V from its paragraphs' items.
func decisions(voc *vocabulary, r *report.Report) []*report.Decision {
	ids := map[string]bool{}
	for _, h := range voc.Sections {
		if h.Decisions {
			ids[h.ID] = true
		}
	}
	var out []*report.Decision
	r.Walk(func(s *report.Section) {
		if !ids[s.ID] {
			return
		}
		for _, b := range s.Blocks {
			p := b.Paragraph
			if p == nil || p.Number == 0 {
				continue
			}
			for _, it := range p.Items {
				d := &report.Decision{Paragraph: p.Number, Label: it.Label, Text: it.Text}
				if m := voc.amount.FindStringSubmatch(it.Text); m != nil {
					d.Amount = report.Decimal(strings.Map(func(r rune) rune {
						if r >= '0' && r <= '9' {
							return r
						}
						return -1
					}, m[1]))
				}
				out = append(out, d)
			}
		}
	})
	return out
}
