// Package source reads the text of a report as extracted from its PDF and
// gives the ingest parsers clean lines to work on: page headers and footers,
// blank lines and loose undocs.org links removed, each line keeping its line
// number in the file so that every error can name it. It repairs the words
// the PDF extraction split (Doc.Clean).
//
// It also reads the numbers of the reports in the format of their language
// (NumberFormat, from the language's vocabulary:
// ingest/lang/<code>/numbers.json). It must not know the report's
// structure: that belongs to the parsers of ingest.
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
		if m := matchIf(isDigit(t[0]), pageFooter, t); m != nil {
			if d.JobNumber == "" {
				d.JobNumber = m[1] + m[2]
			}
			continue
		}
		if m := matchIf((t[0] == 'A' || t[0] == 'S') && strings.IndexByte(t, ' ') < 0, symbolLine, t); m != nil {
			if d.Symbol == "" {
				d.Symbol = m[1]
			}
			continue
		}
		if strings.HasPrefix(t, "http") && looseLink.MatchString(t) {
			continue
		}
		indent := len(raw) - len(strings.TrimLeft(raw, " "))
		d.Lines = append(d.Lines, Line{N: i + 1, Text: t, Indent: indent, PageTop: tight && indent > 0})
		d.countWords(t)
	}
	if len(d.Lines) == 0 {
		return nil, &Error{File: name, Msg: "no text: expected the text of a report"}
	}
	return d, nil
}

// matchIf runs re on t only when a quick test of t allows a match.
func matchIf(maybe bool, re *regexp.Regexp, t string) []string {
	if !maybe {
		return nil
	}
	return re.FindStringSubmatch(t)
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// countWords counts the words (runs of letters) of t, lower-cased, in
// d.words. A word without capitals is counted as a slice of t, without
// allocating.
func (d *Doc) countWords(t string) {
	start, upper := -1, false
	for i, r := range t {
		if unicode.IsLetter(r) {
			if start < 0 {
				start, upper = i, false
			}
			upper = upper || unicode.IsUpper(r) || r > unicode.MaxASCII && unicode.ToLower(r) != r
			continue
		}
		if start >= 0 {
			d.countWord(t[start:i], upper)
			start = -1
		}
	}
	if start >= 0 {
		d.countWord(t[start:], upper)
	}
}

func (d *Doc) countWord(w string, upper bool) {
	if upper {
		w = strings.ToLower(w)
	}
	d.words[w]++
}

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
	if spacingDone(s) {
		return s
	}
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

// CollapseSpaces collapses runs of white space into one space and trims
// them at both ends, as strings.Join(strings.Fields(t), " "). Most lines
// have nothing to collapse: they are returned as they are, without
// allocating, which the parsers rely on to compare every line with their
// vocabulary.
func CollapseSpaces(t string) string {
	for i := 0; i < len(t); {
		c := t[i]
		if c >= utf8.RuneSelf {
			// the spaces beyond ASCII (U+0085, U+00A0, U+1680, U+2000 to
			// U+205F, U+3000) start with one of these bytes in UTF-8
			if c != 0xc2 && c != 0xe1 && c != 0xe2 && c != 0xe3 {
				i++
				continue
			}
			r, n := utf8.DecodeRuneInString(t[i:])
			if unicode.IsSpace(r) {
				return strings.Join(strings.Fields(t), " ")
			}
			i += n
			continue
		}
		if c == ' ' && (i == 0 || i == len(t)-1 || t[i+1] == ' ') || c != ' ' && asciiSpace[c] {
			return strings.Join(strings.Fields(t), " ")
		}
		i++
	}
	return t
}

// asciiSpace holds the ASCII white space bytes of unicode.IsSpace.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// spacingDone reports whether normalizeSpaces has nothing to do on s: no
// tab or no-break space, no two spaces in a row, no space before , . ) ]
// or an apostrophe. Most texts are so; they are returned without
// allocating.
func spacingDone(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\t':
			return false
		case 0xc2: // a no-break space U+00A0 is "\xc2\xa0"
			if i+1 < len(s) && s[i+1] == 0xa0 {
				return false
			}
		case 0xe2: // U+202F is "\xe2\x80\xaf", U+2019 "\xe2\x80\x99" (checked after a space)
			if strings.HasPrefix(s[i:], "\u202f") {
				return false
			}
		case ' ':
			if i+1 < len(s) {
				switch s[i+1] {
				case ' ', ',', '.', ')', ']', '\'', '\t':
					return false
				}
				if strings.HasPrefix(s[i+1:], "’") {
					return false
				}
			}
		}
	}
	return true
}

// oneLetterWords are single letters that stand alone as words in French
// and English text, or as sub-item labels.
const oneLetterWords = "aàyAIlLdnmcjtbeivx"

func (d *Doc) repairSplits(s string) string {
	var b strings.Builder
	last := 0
	// the previous run of letters, and whether it was joined to the one
	// before it (a joined word is not joined again)
	pStart, pEnd, pJoined := -1, -1, false
	start := -1
	for i, r := range s {
		if unicode.IsLetter(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			pStart, pEnd, pJoined = d.repairPair(&b, s, &last, pStart, pEnd, pJoined, start, i)
			start = -1
		}
	}
	if start >= 0 {
		d.repairPair(&b, s, &last, pStart, pEnd, pJoined, start, len(s))
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// repairPair joins the run of letters s[start:end] to the previous one,
// s[pStart:pEnd], when they are the two parts of a split word, writing to
// b the text up to the end of the first part; it returns the run as the
// previous one of the next call, and whether it was joined.
func (d *Doc) repairPair(b *strings.Builder, s string, last *int, pStart, pEnd int, pJoined bool, start, end int) (int, int, bool) {
	if pStart < 0 || pJoined || start != pEnd+1 || s[pEnd] != ' ' {
		return start, end, false
	}
	if end < len(s) && s[end] == ')' {
		return start, end, false // a sub-item label such as "f)"
	}
	if end < len(s) && (s[end] == '\'' || strings.HasPrefix(s[end:], "’")) {
		return start, end, false // an elided word such as "s’" in "qui s’explique"
	}
	if !d.isSplit(s[pStart:pEnd], s[start:end]) {
		return start, end, false
	}
	b.WriteString(s[*last:pEnd])
	*last = start // drop the space
	return start, end, true
}

func (d *Doc) isSplit(w1, w2 string) bool {
	if r, _ := utf8.DecodeRuneInString(w2); unicode.IsUpper(r) {
		return false
	}
	l1, l2 := strings.ToLower(w1), strings.ToLower(w2)
	lone := func(w string) bool {
		return utf8.RuneCountInString(w) == 1 && !strings.Contains(oneLetterWords, w)
	}
	if lone(l2) && utf8.RuneCountInString(l1) > 2 {
		return true // "remboursée s": a letter alone is no word
	}
	var buf [64]byte
	if d.words[string(append(append(buf[:0], l1...), l2...))] == 0 {
		return false
	}
	return d.words[l1] <= 1 || d.words[l2] <= 1 || lone(l1)
}
