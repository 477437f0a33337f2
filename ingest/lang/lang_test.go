package lang

import (
	"os"
	"path/filepath"
	"testing"
)

// TestLoadErrorsNameTheLine: a vocabulary file is edited by hand (a new
// language is a new folder of them); a mistake in its JSON is an error
// naming the file, the line and column, and what was expected there.
func TestLoadErrorsNameTheLine(t *testing.T) {
	type column struct {
		Key   string `json:"key"`
		Label string `json:"label"`
	}
	type vocab struct {
		Total   string   `json:"total"`
		Months  []string `json:"months"`
		Columns []column `json:"columns"`
	}
	cases := []struct {
		name, json, want string
	}{
		{"unknown field", `{
  "total": "Total",
  "columns": [
    {"key": "a", "label": "A"},
    {"key": "b", "lable": "B"}
  ]
}`, `line 5 column 18: unknown field "lable": expected one of key, label`},
		{"type", `{
  "total": "Total",
  "months": ["janvier", "février",
    3]
}`, `line 4 column 5: expected a string for "months", found a number`},
		{"syntax", `{
  "total": "Total"
  "months": []
}`, `line 3 column 3: invalid character '"' after object key:value pair`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.MkdirAll(filepath.Join(dir, "xx"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "xx", "finance.json"), []byte(c.json), 0o644); err != nil {
				t.Fatal(err)
			}
			var v vocab
			err := load(os.DirFS(dir), "xx", "finance", &v)
			if want := "vocabulary xx/finance.json " + c.want; err == nil || err.Error() != want {
				t.Errorf("error\n%v\nwant\n%s", err, want)
			}
		})
	}
}
