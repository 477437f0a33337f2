package source

import (
	"os"
	"strings"
	"testing"

	"pkportal/report"
)

func TestParseNumber(t *testing.T) {
	cases := map[string]report.Decimal{
		"1 183 384,7": "1183384.7",
		"(9 444,2)":   "-9444.2",
		"39,0":        "39.0",
		"0,7":         "0.7",
		"13 249":      "13249",
		"(0,9)":       "-0.9",
		"2 477,4":     "2477.4",
	}
	for raw, want := range cases {
		got, ok := ParseNumber(raw)
		if !ok || got != want {
			t.Errorf("ParseNumber(%q) = %q, %v; want %q", raw, got, ok, want)
		}
	}
	for _, raw := range []string{"–", "", "abc", "(12", "1 18", "0,0-5,0", "12)"} {
		if got, ok := ParseNumber(raw); ok {
			t.Errorf("ParseNumber(%q) = %q, want no number", raw, got)
		}
	}
	if !IsNil("–") || IsNil("0") {
		t.Error("IsNil")
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
