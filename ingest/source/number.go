package source

import (
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"pkportal/ingest/lang"
	"pkportal/report"
)

// The dashes the reports print for a nil amount.
const nilDashes = "–—-"

// NumberFormat is how the reports of a language print numbers, part of the
// language's vocabulary (ingest/lang/<language>/numbers.json): French
// "1 183 384,7" and "(9 444,2)", English "1,183,384.7" and "(9,444.2)".
// A negative amount is in parentheses or after a minus sign.
type NumberFormat struct {
	// Decimal is the decimal mark: "," or ".".
	Decimal string `json:"decimal"`
	// Group are the thousands separators, each one character: " ", the
	// no-break spaces U+00A0 and U+202F, or ",".
	Group []string `json:"group"`
}

var numberFormats sync.Map // language → *NumberFormat

// Numbers returns the number format of a language, read from its
// vocabulary once.
func Numbers(language string) (*NumberFormat, error) {
	if f, ok := numberFormats.Load(language); ok {
		return f.(*NumberFormat), nil
	}
	f := &NumberFormat{}
	if err := lang.Load(language, "numbers", f); err != nil {
		return nil, err
	}
	if err := f.check(); err != nil {
		return nil, fmt.Errorf("vocabulary %s/numbers.json: %w", language, err)
	}
	numberFormats.Store(language, f)
	return f, nil
}

func (f *NumberFormat) check() error {
	if utf8.RuneCountInString(f.Decimal) != 1 || isDigitString(f.Decimal) {
		return fmt.Errorf("decimal must be one character, e.g. \",\", found %q", f.Decimal)
	}
	if len(f.Group) == 0 {
		return fmt.Errorf("group must list the thousands separators, e.g. [\" \"]")
	}
	for _, g := range f.Group {
		if utf8.RuneCountInString(g) != 1 || g == f.Decimal || isDigitString(g) {
			return fmt.Errorf("each group separator must be one character other than the decimal mark and the digits, found %q", g)
		}
	}
	return nil
}

// isDigitString reports whether s starts with an ASCII digit.
func isDigitString(s string) bool { return s != "" && s[0] >= '0' && s[0] <= '9' }

// Parse reads a number printed in the format: "1 183 384,7" (French) or
// "1,183,384.7" (English); "(9 444,2)" and "-0,5" are negative. Thousands
// are grouped by three, or not at all. It returns ok false for anything
// else, including the nil dash "–" (see IsNil).
func (f *NumberFormat) Parse(raw string) (report.Decimal, bool) {
	s := strings.TrimSpace(raw)
	neg := false
	if strings.HasPrefix(s, "(") || strings.HasSuffix(s, ")") {
		if len(s) < 2 || s[0] != '(' || s[len(s)-1] != ')' {
			return "", false
		}
		s, neg = s[1:len(s)-1], true
	}
	if strings.HasPrefix(s, "-") {
		if neg {
			return "", false
		}
		s, neg = s[1:], true
	}
	var b strings.Builder
	b.Grow(len(s) + 1)
	// the integer part: digits, grouped by three after the first group
	run, groups, grouped := 0, 0, false
	i := 0
	for i < len(s) {
		c := s[i]
		if c >= '0' && c <= '9' {
			b.WriteByte(c)
			run++
			i++
			continue
		}
		n := f.groupAt(s[i:])
		if n == 0 {
			break
		}
		// a separator: the run before it is the first group (1 to 3
		// digits) or a full group of 3, and 3 digits follow
		if run == 0 || (groups == 0 && run > 3) || (groups > 0 && run != 3) || !threeDigits(s[i+n:]) {
			return "", false
		}
		groups++
		grouped = true
		run = 0
		i += n
	}
	if run == 0 || grouped && run != 3 {
		return "", false
	}
	digits := strings.TrimLeft(b.String(), "0")
	if digits == "" {
		digits = "0"
	}
	v := digits
	if i < len(s) {
		if !strings.HasPrefix(s[i:], f.Decimal) {
			return "", false
		}
		frac := s[i+len(f.Decimal):]
		if frac == "" || strings.TrimLeft(frac, "0123456789") != "" {
			return "", false
		}
		v += "." + frac
	}
	if neg && strings.Trim(v, "0.") != "" {
		v = "-" + v
	}
	return report.Decimal(v), true
}

// groupAt returns the length of the thousands separator s starts with, or 0.
func (f *NumberFormat) groupAt(s string) int {
	for _, g := range f.Group {
		if strings.HasPrefix(s, g) {
			return len(g)
		}
	}
	return 0
}

// threeDigits reports whether s starts with exactly three digits (a group
// of thousands), not followed by a fourth.
func threeDigits(s string) bool {
	if len(s) < 3 {
		return false
	}
	for i := 0; i < 3; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return len(s) == 3 || s[3] < '0' || s[3] > '9'
}

// GroupClass is the thousands separators as a regular expression character
// class, e.g. "[ \x{a0}\x{202f}]".
func (f *NumberFormat) GroupClass() string {
	var b strings.Builder
	b.WriteByte('[')
	for _, g := range f.Group {
		fmt.Fprintf(&b, `\x{%x}`, []rune(g)[0])
	}
	b.WriteByte(']')
	return b.String()
}

// DecimalRe is the decimal mark as a regular expression.
func (f *NumberFormat) DecimalRe() string { return fmt.Sprintf(`\x{%x}`, []rune(f.Decimal)[0]) }

// Pattern is a regular expression of an unsigned number in the format,
// without groups that capture: "1 183 384,7", "39", "0,7".
func (f *NumberFormat) Pattern() string {
	return `(?:\d{1,3}(?:` + f.GroupClass() + `\d{3})+|\d+)(?:` + f.DecimalRe() + `\d+)?`
}

// IsNil reports whether raw is the dash the reports print for nil.
func IsNil(raw string) bool {
	s := strings.TrimSpace(raw)
	return len([]rune(s)) == 1 && strings.ContainsRune(nilDashes, []rune(s)[0])
}
