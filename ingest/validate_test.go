package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMissingSectionNamesWhereItWasExpected: a source whose heading does
// not read as the vocabulary's is an error naming the file, the section
// and its heading, and the lines of the sections found around it, where
// the heading was expected; no line 0.
func TestMissingSectionNamesWhereItWasExpected(t *testing.T) {
	corrections, err := os.ReadFile(CorrectionsPath(realSource))
	if err != nil {
		t.Fatal(err)
	}
	text := string(readSource(t))
	cases := []struct {
		name, old, new, want string
	}{
		{"V", "V. Décisions que l’Assemblée générale est appelée à prendre", "Décisions",
			`A-76-564.fr.txt: missing section V: expected the heading "V. Décisions que l’Assemblée générale est appelée à prendre" between section IV (line 9989) and section VI (line 10446)`},
		{"VI", "VI. Récapitulatif des mesures prises", "VI. Récapitulatif des suites données",
			`A-76-564.fr.txt: missing section VI: expected the heading "VI. Récapitulatif des mesures prises pour donner suite aux décisions et demandes formulées par l’Assemblée générale" after section V (line 10424)`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			data := strings.Replace(text, c.old, c.new, 1)
			if data == text {
				t.Fatal("the damage did not apply: the test no longer matches the source")
			}
			dir := t.TempDir()
			path := filepath.Join(dir, "A-76-564.fr.txt")
			if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(CorrectionsPath(path), corrections, 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := ParseFile(path)
			if err == nil || err.Error() != c.want {
				t.Errorf("error\n%v\nwant\n%s", err, c.want)
			}
		})
	}
}
