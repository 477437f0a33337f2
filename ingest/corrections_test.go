package ingest

import (
	"os"
	"path/filepath"
	"testing"
)

// TestCorrectionsFileErrorsNameTheLine: a corrections file is edited by
// hand; a mistake in its JSON is an error naming the file, the line and
// column, and what was expected there, and nothing is applied.
func TestCorrectionsFileErrorsNameTheLine(t *testing.T) {
	cases := []struct {
		name, json, want string
	}{
		{"type", `[
  {
    "line": 1,
    "find": "un",
    "reason": 5
  }
]`, `line 5 column 15: expected a string for "reason", found a number`},
		{"type of a number", `[
  {"line": 1, "find": "un", "replace": "1", "reason": "a"},
  {"line": "2", "find": "deux", "replace": "2", "reason": "b"}
]`, `line 3 column 12: expected a whole number for "line", found a string`},
		{"syntax", `[
  {
    "line": 1,
    "find": "un",
    "reason": "r",
  }
]`, `line 6 column 3: invalid character '}' looking for beginning of object key string`},
		{"unknown field", `[
  {
    "line": 1,
    "find": "un",
    "reasn": "r"
  }
]`, `line 5 column 5: unknown field "reasn": expected one of kind, line, find, replace, from, to, first, last, reason`},
		{"not an array", `{
  "line": 1
}`, `line 1 column 1: expected an array of objects, found an object`},
		{"truncated", `[
  {
    "line": 1,
    "find": "un"`, `line 4 column 17: unexpected end of the file: expected } to close the { of line 2 column 3`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			src := filepath.Join(dir, "x.fr.txt")
			cpath := filepath.Join(dir, "x.fr.corrections.json")
			if err := os.WriteFile(cpath, []byte(c.json), 0o644); err != nil {
				t.Fatal(err)
			}
			out, err := ApplyCorrections(src, []byte("un\ndeux\n"))
			if err == nil {
				t.Fatalf("no error, applied: %q", out)
			}
			if out != nil {
				t.Errorf("half-applied text returned with the error: %q", out)
			}
			if want := "ingest " + cpath + " " + c.want; err.Error() != want {
				t.Errorf("error\n%s\nwant\n%s", err, want)
			}
		})
	}
}
