package source

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"pkportal/report"
)

func TestParseNumber(t *testing.T) {
	fr, err := Numbers("fr")
	if err != nil {
		t.Fatal(err)
	}
	en, err := Numbers("en")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		f    *NumberFormat
		raw  string
		want report.Decimal
	}{
		{fr, "1 183 384,7", "1183384.7"},
		{fr, "(9 444,2)", "-9444.2"},
		{fr, "39,0", "39.0"},
		{fr, "0,7", "0.7"},
		{fr, "13 249", "13249"},
		{fr, "(0,9)", "-0.9"},
		{fr, "2 477,4", "2477.4"},
		{fr, "1\u00a0747", "1747"},
		{fr, "1\u202f747", "1747"},
		{fr, "-0,5", "-0.5"},
		{fr, "(0,0)", "0.0"},
		{fr, "007", "7"},
		{en, "1,183,384.7", "1183384.7"},
		{en, "(9,444.2)", "-9444.2"},
		{en, "39.0", "39.0"},
		{en, "13,249", "13249"},
		{en, "(0.9)", "-0.9"},
		{en, "80,025,500", "80025500"},
		{en, "1183384.7", "1183384.7"},
	} {
		got, ok := c.f.Parse(c.raw)
		if !ok || got != c.want {
			t.Errorf("%s: Parse(%q) = %q, %v; want %q", c.f.Decimal, c.raw, got, ok, c.want)
		}
	}
	for _, c := range []struct {
		f   *NumberFormat
		raw string
	}{
		{fr, "–"}, {fr, ""}, {fr, "abc"}, {fr, "(12"}, {fr, "1 18"}, {fr, "0,0-5,0"}, {fr, "12)"}, {fr, "1 1834"}, {fr, "1234 567"},
		{fr, "(-5)"}, {fr, "5,"}, {fr, "1.5"}, {fr, "1,183,384.7"},
		{en, "1 183 384,7"}, {en, "1,5"}, {en, "1,18"}, {en, "12,3456"}, {en, "(9 444,2)"}, {en, "1.2.3"},
	} {
		if got, ok := c.f.Parse(c.raw); ok {
			t.Errorf("%s: Parse(%q) = %q, want no number", c.f.Decimal, c.raw, got)
		}
	}
	if !IsNil("–") || IsNil("0") {
		t.Error("IsNil")
	}
	if _, err := Numbers("xx"); err == nil {
		t.Error("a language without vocabulary has a number format")
	}
	bad := &NumberFormat{Decimal: ",", Group: []string{","}}
	if err := bad.check(); err == nil {
		t.Error("the decimal mark accepted as a thousands separator")
	}
	if fr.Pattern() != `(?:\d{1,3}(?:[\x{20}\x{a0}\x{202f}]\d{3})+|\d+)(?:\x{2c}\d+)?` {
		t.Errorf("pattern %s", fr.Pattern())
	}
}

func TestReadRealReport(t *testing.T) {
	data, err := os.ReadFile("../../sources/A-76-564.fr.txt")
	if err != nil {
		t.Fatal(err)
	}
	d, err := Read("A-76-564.fr.txt", data)
	if err != nil {
		t.Fatal(err)
	}
	if d.Symbol != "A/76/564" || d.JobNumber != "21-17313" {
		t.Errorf("symbol %q job %q", d.Symbol, d.JobNumber)
	}
	for _, l := range d.Lines {
		if strings.Contains(l.Text, "undocs.org") || strings.Contains(l.Text, "/86 21-17313") {
			t.Errorf("line %d: page furniture left: %q", l.N, l.Text)
		}
	}
	for in, want := range map[string]string{
		"la composan te":                   "la composante",
		"les sommes remboursée s ayant":    "les sommes remboursées ayant",
		"des nouv elles":                   "des nouvelles",
		"de l ’exercice":                   "de l’exercice",
		"qui s’explique":                   "qui s’explique",
		"la Mission s’étant":               "la Mission s’étant",
		"a) la réduction":                  "a) la réduction",
		"rations ; b) la sous-utilisation": "rations ; b) la sous-utilisation",
	} {
		if got := d.Clean(in); got != want {
			t.Errorf("Clean(%q) = %q, want %q", in, got, want)
		}
	}
	got := d.Join([]Line{{Text: "au niveau sous-"}, {Text: "régional ;"}})
	if got != "au niveau sous-régional ;" {
		t.Errorf("Join hyphen: %q", got)
	}
}

func TestReadRejectsEmptyAndBinary(t *testing.T) {
	if _, err := Read("empty.txt", []byte("  \n\n")); err == nil || !strings.Contains(err.Error(), "empty.txt") {
		t.Errorf("empty: %v", err)
	}
	if _, err := Read("bin.txt", []byte("a\x00b")); err == nil {
		t.Error("binary accepted")
	}
	d, err := Read("latin1.txt", []byte("S\xe9curit\xe9 1 000,5\n"))
	if err != nil || d.Lines[0].Text != "Sécurité 1 000,5" {
		t.Errorf("latin-1: %v %v", err, d.Lines)
	}
}

func TestCollapseSpaces(t *testing.T) {
	for in, want := range map[string]string{
		"Services de sécurité":        "Services de sécurité",
		"  Services  de\tsécurité ":   "Services de sécurité",
		"1\u00a0472 Cours":            "1 472 Cours",
		"":                            "",
		" ":                           "",
		"a\u2003b":                    "a b",
		"Déontologie et discipline  ": "Déontologie et discipline",
		"x\u0085y\r\n":                "x y",
	} {
		if got := CollapseSpaces(in); got != want {
			t.Errorf("CollapseSpaces(%q) = %q, want %q", in, got, want)
		}
	}
}

// normalizeSpaces returns the texts it has nothing to do on as they are,
// and still collapses and drops the spaces it must.
func TestNormalizeSpaces(t *testing.T) {
	for in, want := range map[string]string{
		"Ce chiffre tient à l’utilisation ; (2019/20 : 5)": "Ce chiffre tient à l’utilisation ; (2019/20 : 5)",
		"de l ’exercice":            "de l’exercice",
		"de l 'exercice":            "de l'exercice",
		"a  b\tc\u00a0d\u202fe":     "a b c d e",
		"fin , suite . (note )":     "fin, suite. (note)",
		"[a ] 5 ’":                  "[a] 5 ’",
		"le rapport\u00a0A/76/564 ": "le rapport A/76/564 ",
		"":                          "",
	} {
		if got := normalizeSpaces(in); got != want {
			t.Errorf("normalizeSpaces(%q) = %q, want %q", in, got, want)
		}
	}
}

// CollapseSpaces finds every white space of unicode.IsSpace, whatever its
// encoding, and leaves the other characters alone.
func TestCollapseSpacesUnicode(t *testing.T) {
	for r := rune(0); r <= 0x3000; r++ {
		s := "a" + string(r) + "b"
		want := strings.Join(strings.Fields(s), " ")
		if got := CollapseSpaces(s); got != want {
			t.Errorf("CollapseSpaces(%q) = %q, want %q", s, got, want)
		}
	}
}

// FuzzNumberParse checks that NumberFormat.Parse never panics and that
// what it reads is a plain decimal, the same in both languages' formats
// when the text has no separator.
func FuzzNumberParse(f *testing.F) {
	for _, s := range []string{"1 183 384,7", "(9 444,2)", "1,183,384.7", "(9,444.2)", "-0,5", "–", "1\u202f747", "(", ")", "-", "0"} {
		f.Add(s)
	}
	fr, err := Numbers("fr")
	if err != nil {
		f.Fatal(err)
	}
	en, err := Numbers("en")
	if err != nil {
		f.Fatal(err)
	}
	plain := regexp.MustCompile(`^-?\d+(\.\d+)?$`)
	f.Fuzz(func(t *testing.T, s string) {
		a, okA := fr.Parse(s)
		b, okB := en.Parse(s)
		for _, d := range []report.Decimal{a, b} {
			if d != "" && !plain.MatchString(string(d)) {
				t.Fatalf("Parse(%q) = %q, not a plain decimal", s, d)
			}
		}
		if okA && okB && !strings.ContainsAny(s, " ,.\u00a0\u202f") && a != b {
			t.Fatalf("Parse(%q): fr %q, en %q", s, a, b)
		}
	})
}
