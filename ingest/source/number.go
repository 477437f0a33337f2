package source

import (
	"regexp"
	"strings"

	"pkportal/report"
)

// The dashes the reports print for a nil amount.
const nilDashes = "–—-"

var frNumber = regexp.MustCompile(`^(\(?)(-?\d{1,3}(?:[ \x{00a0}\x{202f}]\d{3})*|-?\d+)(?:,(\d+))?(\)?)$`)

// ParseNumber reads a number printed the French way: "1 183 384,7",
// "(9 444,2)" (negative), "39,0", "-0,5". It returns ok false for anything
// else, including the nil dash "–" (see IsNil).
func ParseNumber(raw string) (report.Decimal, bool) {
	s := strings.TrimSpace(raw)
	m := frNumber.FindStringSubmatch(s)
	if m == nil || (m[1] == "(") != (m[4] == ")") {
		return "", false
	}
	digits := strings.Map(func(r rune) rune {
		if r == ' ' || r == '\u00a0' || r == '\u202f' {
			return -1
		}
		return r
	}, m[2])
	neg := m[1] == "("
	if strings.HasPrefix(digits, "-") {
		if neg {
			return "", false
		}
		neg = true
		digits = digits[1:]
	}
	// no leading zeros except "0"
	digits = strings.TrimLeft(digits, "0")
	if digits == "" {
		digits = "0"
	}
	v := digits
	if m[3] != "" {
		v += "." + m[3]
	}
	if neg && strings.Trim(v, "0.") != "" {
		v = "-" + v
	}
	return report.Decimal(v), true
}

// IsNil reports whether raw is the dash the reports print for nil.
func IsNil(raw string) bool {
	s := strings.TrimSpace(raw)
	return len([]rune(s)) == 1 && strings.ContainsRune(nilDashes, []rune(s)[0])
}
