package site

import (
	"os"
	"path/filepath"
	"testing"
)

// TestI18nErrorsNameTheLine: i18n/<lang>.toml is edited by hand; a
// mistake in it is an error naming the file, the line and column, and
// what was expected there (go-toml's own message leaves the position out).
func TestI18nErrorsNameTheLine(t *testing.T) {
	cases := []struct {
		name, toml, want string
	}{
		{"unquoted", `skip = "Aller au contenu"
portal = "Portail"
reports = Rapports
`, `i18n/xx.toml line 3 column 11: unexpected character U+0052 'R' at start of value`},
		{"repeated key", `skip = "Aller au contenu"
table = "Tableau"
tables = "Tableaux"
table = "Table"
`, `i18n/xx.toml line 4 column 1: key table is already defined`},
		{"unclosed string", `skip = "Aller au contenu"
note = "Note
`, `i18n/xx.toml line 2 column 13: basic strings cannot have new lines`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.MkdirAll(filepath.Join(dir, "i18n"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "i18n", "xx.toml"), []byte(c.toml), 0o644); err != nil {
				t.Fatal(err)
			}
			words, err := i18n(os.DirFS(dir), "xx")
			if err == nil || err.Error() != c.want {
				t.Errorf("error\n%v\nwant\n%s", err, c.want)
			}
			if words != nil {
				t.Error("words returned with the error")
			}
		})
	}
}
