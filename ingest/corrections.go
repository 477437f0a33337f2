package ingest

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"pkportal/ingest/jsonfile"
)

// Correction kinds. A corrections file is a JSON array of Corrections,
// applied in order to the raw text of the source, each with its reason;
// they are for what no rule can read right, never for what a rule could.
const (
	// CorrectReplace replaces Find by Replace on line Line (the default
	// kind).
	CorrectReplace = "replace"
	// CorrectMove moves the text of lines From to To (blank lines in
	// between are skipped) to the end of line Line, joined by spaces, and
	// leaves those lines blank: every line keeps its number, so that the
	// other entries and the parser's messages still name the source's
	// lines. It puts back in one run a table cell that a page break cut,
	// e.g. the end of a planned output printed after the start of its
	// remark.
	CorrectMove = "move"
)

// Correction is one entry of a corrections file.
type Correction struct {
	// Kind is CorrectReplace (or empty) or CorrectMove.
	Kind string `json:"kind,omitempty"`
	// Line is the line corrected: where Find is replaced (replace), or
	// the line the moved text joins (move).
	Line int `json:"line"`
	// Find must be on line Line: the text replaced (replace), or the
	// text the line must hold for the move to still be right (move).
	Find string `json:"find"`
	// Replace is the replacement of Find (replace).
	Replace string `json:"replace,omitempty"`
	// From and To are the first and last lines moved (move).
	From int `json:"from,omitempty"`
	To   int `json:"to,omitempty"`
	// First and Last are the texts the first and last non-blank lines of
	// From..To must start and end with (move), so that an entry that no
	// longer matches its source is an error rather than a silent damage.
	First string `json:"first,omitempty"`
	Last  string `json:"last,omitempty"`
	// Reason says why no rule can do it: every entry has one.
	Reason string `json:"reason"`
}

// CorrectionsPath is the corrections file beside a source:
// "A-76-564.fr.txt" → "A-76-564.fr.corrections.json".
func CorrectionsPath(path string) string {
	return strings.TrimSuffix(path, filepath.Ext(path)) + ".corrections.json"
}

// ApplyCorrections applies the corrections file beside the source at path,
// if there is one, to the source's raw text. An entry that does not match
// its source is an error naming the source's file and line, the
// corrections file and the entry; a mistake in the file's JSON, one naming
// the corrections file (its path as given), the line and column and what
// was expected there.
func ApplyCorrections(path string, data []byte) ([]byte, error) {
	cpath := CorrectionsPath(path)
	raw, err := os.ReadFile(cpath)
	if errors.Is(err, os.ErrNotExist) {
		return data, nil
	}
	if err != nil {
		return nil, fmt.Errorf("ingest: corrections: %w", err)
	}
	var cs []Correction
	if err := jsonfile.Decode(cpath, raw, &cs); err != nil {
		return nil, fmt.Errorf("ingest %w", err)
	}
	return applyCorrections(filepath.Base(path), data, cs)
}

// CorrectionError is an entry of a corrections file that does not match
// its source.
type CorrectionError struct {
	// File is the source's file name, Line the line of the source.
	File string
	Line int
	// Entry is the entry's position in the corrections file, from 1.
	Entry int
	Msg   string
}

// Error names the source's file and line, the corrections file and the
// entry: "ingest A-76-564.fr.txt line 2278: A-76-564.fr.corrections.json
// entry 3: …".
func (e *CorrectionError) Error() string {
	return fmt.Sprintf("ingest %s line %d: %s entry %d: %s", e.File, e.Line, correctionsName(e.File), e.Entry, e.Msg)
}

// correctionsName is the corrections file name of a source file name.
func correctionsName(name string) string {
	return filepath.Base(CorrectionsPath(name))
}

func applyCorrections(name string, data []byte, cs []Correction) ([]byte, error) {
	lines := strings.Split(string(data), "\n")
	for i, c := range cs {
		fail := func(line int, format string, args ...any) error {
			return &CorrectionError{File: name, Line: line, Entry: i + 1, Msg: fmt.Sprintf(format, args...)}
		}
		if strings.TrimSpace(c.Reason) == "" {
			return nil, fail(c.Line, "no reason: every correction says why no rule can do it")
		}
		if c.Line < 1 || c.Line > len(lines) {
			return nil, fail(c.Line, "no such line (the file has %d)", len(lines))
		}
		if c.Find == "" || !strings.Contains(lines[c.Line-1], c.Find) {
			return nil, fail(c.Line, "%q is not on this line, found %q", c.Find, strings.TrimSpace(lines[c.Line-1]))
		}
		switch c.Kind {
		case "", CorrectReplace:
			if c.From != 0 || c.To != 0 || c.First != "" || c.Last != "" {
				return nil, fail(c.Line, "from, to, first and last are for %q corrections", CorrectMove)
			}
			lines[c.Line-1] = strings.Replace(lines[c.Line-1], c.Find, c.Replace, 1)
		case CorrectMove:
			if err := move(lines, c, fail); err != nil {
				return nil, err
			}
		default:
			return nil, fail(c.Line, "unknown kind %q (%q or %q)", c.Kind, CorrectReplace, CorrectMove)
		}
	}
	return []byte(strings.Join(lines, "\n")), nil
}

// move applies a CorrectMove entry to lines.
func move(lines []string, c Correction, fail func(int, string, ...any) error) error {
	if c.Replace != "" {
		return fail(c.Line, "replace is for %q corrections", CorrectReplace)
	}
	if c.From < 1 || c.To < c.From || c.To > len(lines) {
		return fail(c.From, "move: lines %d to %d are not lines of the file (it has %d)", c.From, c.To, len(lines))
	}
	if c.Line >= c.From && c.Line <= c.To {
		return fail(c.Line, "move: line %d is among the lines moved (%d to %d)", c.Line, c.From, c.To)
	}
	if c.First == "" || c.Last == "" {
		return fail(c.From, "move: first and last (the texts the moved lines start and end with) are required")
	}
	var moved []string
	first, last := 0, 0
	for n := c.From; n <= c.To; n++ {
		if t := strings.TrimSpace(lines[n-1]); t != "" {
			if first == 0 {
				first = n
			}
			last = n
			moved = append(moved, t)
		}
	}
	if len(moved) == 0 {
		return fail(c.From, "move: lines %d to %d are blank", c.From, c.To)
	}
	if !strings.HasPrefix(moved[0], c.First) {
		return fail(first, "move: the first line moved does not start with %q, found %q", c.First, moved[0])
	}
	if !strings.HasSuffix(moved[len(moved)-1], c.Last) {
		return fail(last, "move: the last line moved does not end with %q, found %q", c.Last, moved[len(moved)-1])
	}
	for n := c.From; n <= c.To; n++ {
		lines[n-1] = ""
	}
	joined := strings.TrimRight(lines[c.Line-1], " ")
	for _, t := range moved {
		// "sous-" + "régionaux": no space after a compound's hyphen, as
		// source.Doc.Join
		if r := []rune(joined); !(len(r) > 1 && r[len(r)-1] == '-' && unicode.IsLetter(r[len(r)-2])) {
			joined += " "
		}
		joined += t
	}
	lines[c.Line-1] = joined
	return nil
}
