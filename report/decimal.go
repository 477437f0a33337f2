package report

import (
	"fmt"
	"strconv"
	"strings"
)

// Decimal is an exact decimal number written with a point and no thousands
// separator, e.g. "-9444.2". It keeps the source's digits: no float ever
// rounds a figure of the portal. The zero value "" means no number. In JSON
// it is a number.
type Decimal string

// ParseDecimal checks s and returns it as a Decimal.
func ParseDecimal(s string) (Decimal, error) {
	if _, _, err := Decimal(s).units(); err != nil {
		return "", err
	}
	return Decimal(s), nil
}

// Float returns the number as a float64, for charts and sorting only.
func (d Decimal) Float() float64 {
	f, _ := strconv.ParseFloat(string(d), 64)
	return f
}

// Places returns the number of digits after the point.
func (d Decimal) Places() int {
	if i := strings.IndexByte(string(d), '.'); i >= 0 {
		return len(d) - i - 1
	}
	return 0
}

// Units returns the number as an integer count of 10^-places, e.g.
// "-9444.2" with places 1 is -94442. It fails if d has more places.
func (d Decimal) Units(places int) (int64, error) {
	n, p, err := d.units()
	if err != nil {
		return 0, err
	}
	if p > places {
		return 0, fmt.Errorf("decimal %q has more than %d places", string(d), places)
	}
	for ; p < places; p++ {
		n *= 10
	}
	return n, nil
}

func (d Decimal) units() (int64, int, error) {
	s := string(d)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, _ := strings.Cut(s, ".")
	if intPart == "" || strings.Trim(intPart+frac, "0123456789") != "" {
		return 0, 0, fmt.Errorf("not a decimal: %q", string(d))
	}
	n, err := strconv.ParseInt(intPart+frac, 10, 64)
	if err != nil {
		return 0, 0, fmt.Errorf("not a decimal: %q", string(d))
	}
	if neg {
		n = -n
	}
	return n, len(frac), nil
}

// FromUnits writes n × 10^-places as a Decimal: FromUnits(-94442, 1) is "-9444.2".
func FromUnits(n int64, places int) Decimal {
	neg := n < 0
	if neg {
		n = -n
	}
	s := strconv.FormatInt(n, 10)
	if places > 0 {
		for len(s) <= places {
			s = "0" + s
		}
		s = s[:len(s)-places] + "." + s[len(s)-places:]
	}
	if neg {
		s = "-" + s
	}
	return Decimal(s)
}

// MarshalJSON writes the decimal as a JSON number, or null when empty.
func (d Decimal) MarshalJSON() ([]byte, error) {
	if d == "" {
		return []byte("null"), nil
	}
	return []byte(d), nil
}

// UnmarshalJSON reads a JSON number or null.
func (d *Decimal) UnmarshalJSON(b []byte) error {
	s := string(b)
	if s == "null" {
		*d = ""
		return nil
	}
	v, err := ParseDecimal(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// Format writes the decimal for readers of lang: "1 183 384,7" in French
// (narrow no-break space between thousands), "1,183,384.7" in English.
// Negative numbers keep a minus sign; the caller may prefer parentheses.
func (d Decimal) Format(lang string) string {
	s := string(d)
	if s == "" {
		return ""
	}
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, hasFrac := strings.Cut(s, ".")
	sep, point := ",", "."
	if lang == "fr" {
		sep, point = "\u202f", ","
	}
	var b strings.Builder
	if neg {
		b.WriteString("−")
	}
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	if hasFrac {
		b.WriteString(point)
		b.WriteString(frac)
	}
	return b.String()
}

// DivRound divides n by d (d > 0) rounding half away from zero, the
// rounding of the reports' printed figures.
func DivRound(n, d int64) int64 {
	neg := n < 0
	if neg {
		n = -n
	}
	q := n / d
	if n%d*2 >= d {
		q++
	}
	if neg {
		return -q
	}
	return q
}

// Pow10 returns 10^n for n ≥ 0.
func Pow10(n int) int64 {
	p := int64(1)
	for ; n > 0; n-- {
		p *= 10
	}
	return p
}

// Percent returns num / den × 100 rounded half away from zero to places
// decimals, in units of 10^-places: Percent(-94442, 1966547, 1) is -48
// (−4.8 %).
func Percent(num, den int64, places int) int64 {
	if den < 0 {
		num, den = -num, -den
	}
	return DivRound(num*100*Pow10(places), den)
}
