// Package source reads the text of a report as extracted from its PDF and
// gives the ingest parsers clean lines to work on: page headers and footers,
// blank lines and loose undocs.org links removed, each line keeping its line
// number in the file so that every error can name it.
//
// It also holds the French and English number syntax of the reports. It must
// not know the report's structure: that belongs to the parsers of ingest.
package source

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Line is a non-blank line of the source with its 1-based line number.
type Line struct {
	N    int
	Text string // trimmed of surrounding spaces
	// Indent is the number of spaces the line started with in the file.
	Indent int
	// PageTop reports that the line is indented and follows another
	// non-blank line of the file with no blank line between (page furniture
	// counts): in the reports' extractions this marks the first line of a
	// page, where the columns of a table row cut by the page break resume.
	PageTop bool
}

// Doc is a report's source text, cleaned of page furniture.
type Doc struct {
	// Name is the file name, used in error messages.
	Name string
	// Lines are the non-blank lines that belong to the report's content.
	Lines []Line
	// Symbol and JobNumber are read from the page headers and footers.
	Symbol    string
	JobNumber string
	// words counts the words of the text, lower-cased, to repair words the
	// PDF extraction split in two.
	words map[string]int
}

// Error is an error at a line of a source file.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// Errorf returns an Error at line n of the document.
func (d *Doc) Errorf(n int, format string, args ...any) error {
	return &Error{File: d.Name, Line: n, Msg: fmt.Sprintf(format, args...)}
}

var (
	// "13/86 21-17313" or "21-17313 84/86"
	pageFooter = regexp.MustCompile(`^(?:\d{1,3}/\d{1,3} +(\d{2}-\d{5})|(\d{2}-\d{5}) +\d{1,3}/\d{1,3})$`)
	// a page header is the document symbol alone on its line
	symbolLine = regexp.MustCompile(`^([AS]/\d+/\d+(?:/Add\.\d+)?)$`)
	looseLink  = regexp.MustCompile(`^https?://\S+$`)
)

// Read cleans a report's text. Text that is not valid UTF-8 is read as
// Latin-1 (Windows-1252 for its printable range), the usual encoding of
// older extractions. Empty text is an error.
func Read(name string, data []byte) (*Doc, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		data = latin1ToUTF8(data)
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return nil, &Error{File: name, Msg: "binary data (NUL bytes): expected the text of a report"}
	}
	d := &Doc{Name: name, words: map[string]int{}}
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	prevBlank := true
	for i, raw := range strings.Split(text, "\n") {
		raw = strings.ReplaceAll(raw, "\u00a0", " ")
		t := strings.TrimSpace(raw)
		tight := !prevBlank
		prevBlank = t == ""
		if t == "" {
			continue
		}
		if m := pageFooter.FindStringSubmatch(t); m != nil {
			if d.JobNumber == "" {
				d.JobNumber = m[1] + m[2]
			}
			continue
		}
		if m := symbolLine.FindStringSubmatch(t); m != nil {
			if d.Symbol == "" {
				d.Symbol = m[1]
			}
			continue
		}
		if looseLink.MatchString(t) {
			continue
		}
		indent := len(raw) - len(strings.TrimLeft(raw, " "))
		d.Lines = append(d.Lines, Line{N: i + 1, Text: t, Indent: indent, PageTop: tight && indent > 0})
		for _, w := range strings.FieldsFunc(t, notLetter) {
			d.words[strings.ToLower(w)]++
		}
	}
	if len(d.Lines) == 0 {
		return nil, &Error{File: name, Msg: "no text: expected the text of a report"}
	}
	return d, nil
}

func notLetter(r rune) bool { return !unicode.IsLetter(r) }

// latin1ToUTF8 converts ISO-8859-1/Windows-1252 bytes to UTF-8.
func latin1ToUTF8(b []byte) []byte {
	var win = map[byte]rune{0x80: '€', 0x85: '…', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x96: '–', 0x97: '—', 0x9c: 'œ', 0x8c: 'Œ'}
	var out strings.Builder
	for _, c := range b {
		if r, ok := win[c]; ok {
			out.WriteRune(r)
			continue
		}
		out.WriteRune(rune(c))
	}
	return []byte(out.String())
}

// Join joins the texts of consecutive lines into one clean text: one space
// between lines, no space after a line-ending hyphen of a compound word
// ("sous-" + "régionaux"), repaired apostrophes ("l ’exercice" →
// "l’exercice") and split words ("nouv elles" → "nouvelles"), collapsed
// spaces, French spacing before ":" ";" kept as one space.
func (d *Doc) Join(lines []Line) string {
	var b strings.Builder
	for i, l := range lines {
		t := l.Text
		if i > 0 {
			prev := b.String()
			if !(strings.HasSuffix(prev, "-") && len(prev) > 1 && unicode.IsLetter(lastRune(prev[:len(prev)-1]))) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(t)
	}
	return d.Clean(b.String())
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// Clean normalises the spacing of a text and repairs the words the PDF
// extraction split: two fragments are joined when their join is a word of
// the document and one of them is not a word of the document on its own
// (or is a lone letter other than the French one-letter words).
//
// It runs on every line the parsers join, so it scans the text by hand
// rather than with regular expressions.
func (d *Doc) Clean(s string) string {
	return strings.TrimSpace(d.repairSplits(normalizeSpaces(s)))
}

// normalizeSpaces collapses runs of spaces, tabs and no-break spaces into
// one space, and drops the space the extraction put before an apostrophe
// that joins two words ("l ’exercice") and before , . ) ].
func normalizeSpaces(s string) string {
	rs := make([]rune, 0, len(s))
	isSpace := func(r rune) bool { return r == ' ' || r == '\t' || r == '\u00a0' || r == '\u202f' }
	for _, r := range s {
		if isSpace(r) {
			if n := len(rs); n > 0 && rs[n-1] == ' ' {
				continue
			}
			r = ' '
		}
		rs = append(rs, r)
	}
	out := rs[:0]
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if r == ' ' && i+1 < len(rs) {
			next := rs[i+1]
			if next == ',' || next == '.' || next == ')' || next == ']' {
				continue
			}
			if (next == '’' || next == '\'') && i > 0 && unicode.IsLetter(rs[i-1]) && i+2 < len(rs) && unicode.IsLetter(rs[i+2]) {
				continue
			}
		}
		out = append(out, r)
	}
	return string(out)
}

// oneLetterWords are single letters that stand alone as words in French
// and English text, or as sub-item labels.
const oneLetterWords = "aàyAIlLdnmcjtbeivx"

func (d *Doc) repairSplits(s string) string {
	locs := letterRuns(s)
	if len(locs) < 2 {
		return s
	}
	var b strings.Builder
	last := 0
	for i := 0; i+1 < len(locs); i++ {
		a, c := locs[i], locs[i+1]
		if c[0] != a[1]+1 || s[a[1]] != ' ' {
			continue
		}
		w1, w2 := s[a[0]:a[1]], s[c[0]:c[1]]
		if c[1] < len(s) && s[c[1]] == ')' {
			continue // a sub-item label such as "f)"
		}
		if c[1] < len(s) && (s[c[1]] == '\'' || strings.HasPrefix(s[c[1]:], "’")) {
			continue // an elided word such as "s’" in "qui s’explique"
		}
		if d.isSplit(w1, w2) {
			b.WriteString(s[last:a[1]])
			last = c[0] // drop the space
			i++         // a joined word is not joined again
		}
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// letterRuns returns the byte ranges of the runs of letters of s.
func letterRuns(s string) [][2]int {
	var locs [][2]int
	start := -1
	for i, r := range s {
		if unicode.IsLetter(r) {
			if start < 0 {
				start = i
			}
		} else if start >= 0 {
			locs = append(locs, [2]int{start, i})
			start = -1
		}
	}
	if start >= 0 {
		locs = append(locs, [2]int{start, len(s)})
	}
	return locs
}

func (d *Doc) isSplit(w1, w2 string) bool {
	if unicode.IsUpper([]rune(w2)[0]) {
		return false
	}
	l1, l2 := strings.ToLower(w1), strings.ToLower(w2)
	lone := func(w string) bool {
		return utf8.RuneCountInString(w) == 1 && !strings.Contains(oneLetterWords, w)
	}
	if lone(l2) && utf8.RuneCountInString(l1) > 2 {
		return true // "remboursée s": a letter alone is no word
	}
	if d.words[l1+l2] == 0 {
		return false
	}
	return d.words[l1] <= 1 || d.words[l2] <= 1 || lone(l1)
}
