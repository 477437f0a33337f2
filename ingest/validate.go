package ingest

import (
	"errors"
	"fmt"
	"strings"

	"pkportal/ingest/source"
	"pkportal/report"
)

// Validate checks the structure of a parsed report: numbered paragraphs 1…N
// with no gap or duplicate, every block referring to an existing table,
// variance or expected accomplishment, unique table ids, every section of
// the vocabulary present. It then runs the financial checks of package
// finance. Structural problems are errors naming the file (and line); the
// discrepancies of the source itself are returned as warnings and stored
// in r.Warnings.
func Validate(r *report.Report) ([]report.Warning, error) {
	if r == nil {
		return nil, errors.New("ingest: validate: no report")
	}
	file := r.Source
	if file == "" {
		file = r.Symbol
	}
	voc, err := loadVocabulary(r.Language)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	var errs []error
	fail := func(line int, format string, args ...any) {
		errs = append(errs, &source.Error{File: file, Line: line, Msg: fmt.Sprintf(format, args...)})
	}

	// required sections: a missing one has no line, the sections found
	// around it say where its heading was expected
	have := map[string]bool{}
	lines := map[string]int{}
	r.Walk(func(s *report.Section) { have[s.ID], lines[s.ID] = true, s.Line })
	for i, h := range voc.Sections {
		if !have[h.ID] {
			fail(0, "missing section %s: expected the heading %q%s", sectionName(h), strings.TrimSpace(h.Label+" "+h.Title), around(voc.Sections, i, have, lines))
		}
	}

	// paragraph numbers
	seen := map[int]int{} // number → line
	last := 0
	for _, p := range r.Paragraphs() {
		if p.Number == 0 {
			continue
		}
		if l, dup := seen[p.Number]; dup {
			fail(p.Line, "paragraph %d repeats the paragraph %d of line %d", p.Number, p.Number, l)
		} else if p.Number != last+1 {
			fail(p.Line, "paragraph %d follows paragraph %d: expected paragraph %d", p.Number, last, last+1)
		}
		seen[p.Number] = p.Line
		if p.Number > last {
			last = p.Number
		}
	}

	// references
	tables := map[string]bool{}
	for _, t := range r.Tables {
		if t == nil {
			fail(0, "a table is nil")
			continue
		}
		if tables[t.ID] {
			fail(t.Line, "table id %q is used twice", t.ID)
		}
		tables[t.ID] = true
	}
	variances := map[string]bool{}
	for _, v := range r.Variances {
		if v != nil {
			variances[v.ID] = true
		}
	}
	accs := map[string]string{} // accomplishment ID → its component's section
	for _, c := range r.Components {
		for _, a := range c.Accomplishments {
			if a != nil {
				accs[a.ID] = c.ID
			}
		}
	}
	used := map[string]int{}
	ids := map[string]bool{}
	r.Walk(func(s *report.Section) {
		for _, b := range s.Blocks {
			if p := b.Paragraph; p != nil {
				if ids[p.ID] {
					fail(p.Line, "paragraph id %q is used twice", p.ID)
				}
				ids[p.ID] = true
			}
			if b.Table != "" {
				used["table "+b.Table]++
				if t := r.Table(b.Table); t != nil && t.Section != "" && t.Section != s.ID {
					fail(t.Line, "table %q of section %s is placed in section %s", t.ID, t.Section, s.ID)
				}
			}
			if b.Variance != "" {
				used["variance "+b.Variance]++
			}
			switch {
			case b.Table != "" && !tables[b.Table]:
				fail(s.Line, "section %s refers to table %q, which does not exist", s.ID, b.Table)
			case b.Variance != "" && !variances[b.Variance]:
				fail(s.Line, "section %s refers to variance %q, which does not exist", s.ID, b.Variance)
			case b.Accomplishment != "" && accs[b.Accomplishment] == "":
				fail(s.Line, "section %s refers to expected accomplishment %q, which is in no component", s.ID, b.Accomplishment)
			case b.Accomplishment != "" && accs[b.Accomplishment] != s.ID:
				fail(s.Line, "expected accomplishment %q is placed in section %s, not in its component %s", b.Accomplishment, s.ID, accs[b.Accomplishment])
			}
		}
	})
	for id := range tables {
		if n := used["table "+id]; n != 1 {
			fail(r.Table(id).Line, "table %q is placed %d times in the sections, want once", id, n)
		}
	}
	for _, v := range r.Variances {
		if v != nil && used["variance "+v.ID] != 1 {
			fail(v.Line, "variance %q is placed %d times in section IV, want once", v.ID, used["variance "+v.ID])
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}

	warnings, err := checkExternal(r)
	if err != nil {
		return nil, err // finance names the file and line
	}
	r.Warnings = append(r.Warnings[:0:0], warnings...)
	return warnings, nil
}

// around says where the heading of the missing section secs[i] was
// expected, from the sections found before and after it (secs are in
// document order): " between section IV (line 9989) and section VI (line
// 10446)", " after section V (line 10424)", or "" when none was found.
func around(secs []heading, i int, have map[string]bool, lines map[string]int) string {
	at := func(h heading) string {
		if n := lines[h.ID]; n > 0 {
			return fmt.Sprintf("section %s (line %d)", sectionName(h), n)
		}
		return "section " + sectionName(h)
	}
	var before, after string
	for j := i - 1; j >= 0 && before == ""; j-- {
		if have[secs[j].ID] {
			before = at(secs[j])
		}
	}
	for j := i + 1; j < len(secs) && after == ""; j++ {
		if have[secs[j].ID] {
			after = at(secs[j])
		}
	}
	switch {
	case before != "" && after != "":
		return " between " + before + " and " + after
	case before != "":
		return " after " + before
	case after != "":
		return " before " + after
	}
	return ""
}

// sectionName is the section's number for messages, "the summary" for it.
func sectionName(h heading) string {
	if h.Number == "" {
		return h.ID
	}
	return h.Number
}
