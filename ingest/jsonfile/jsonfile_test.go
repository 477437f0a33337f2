package jsonfile

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

type inner struct {
	Words []string `json:"words"`
	Count int      `json:"count,omitempty"`
}

type Embedded struct {
	Shared string `json:"shared"`
}

type doc struct {
	Embedded
	Name   string            `json:"name"`
	Parts  []inner           `json:"parts"`
	ByKey  map[string]inner  `json:"by_key"`
	Free   map[string]string `json:"free"`
	Any    any               `json:"any"`
	Hidden string            `json:"-"`
	Ratio  float64           `json:"ratio"`
	Max    uint              `json:"max"`
}

// TestDecodeNamesTheLine: every mistake is at the line and column of the
// value or key that is wrong, and says what was expected.
func TestDecodeNamesTheLine(t *testing.T) {
	cases := []struct {
		name, json, want string
	}{
		{"nested type", `{
  "name": "é",
  "parts": [
    {"words": ["un", 2]}
  ]
}`, `line 4 column 22: expected a string for "parts.words", found a number`},
		{"after accents", `{"name": "élan", "ratio": "x"}`, `line 1 column 27: expected a number for "ratio", found a string`},
		{"escaped quote", `{"name": "a \"b\"", "max": "c \"d\""}`, `line 1 column 28: expected a whole number, 0 or more for "max", found a string`},
		{"negative", `{"max": -1}`, `line 1 column 9: expected a whole number, 0 or more for "max", found the number -1`},
		{"object for array", `{"parts": {"words": []}}`, `line 1 column 11: expected an array of objects for "parts", found an object`},
		{"bool", `{"name": true}`, `line 1 column 10: expected a string for "name", found true or false`},
		{"unknown nested", `{
  "free": {"nom": "x"},
  "any": {"nom": 1},
  "by_key": {"a": {"words": []}},
  "parts": [{"WORDS": ["x"]}, {"count": 1, "nom": 2}]
}`, `line 5 column 44: unknown field "nom": expected one of words, count`},
		{"unknown top", `{"Shared": "x", "hidden": 1}`, `line 1 column 17: unknown field "hidden": expected one of shared, name, parts, by_key, free, any, ratio, max`},
		{"syntax", "{\n  \"name\": \"a\"\n  \"ratio\": 1\n}", `line 3 column 3: invalid character '"' after object key:value pair`},
		{"unclosed string", "{\n  \"name\": \"a\n}", `line 2 column 13: invalid character '\n' in string literal`},
		{"end in string", "{\n  \"name\": \"a", `line 2 column 13: unexpected end of the file: expected " to close the string of line 2 column 11`},
		{"end in array", "{\n  \"parts\": [\n    {\"words\": []}", `line 3 column 18: unexpected end of the file: expected ] to close the [ of line 2 column 12`},
		{"empty", " \n", `empty file: expected a JSON value`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "x.json")
			if err := os.WriteFile(path, []byte(c.json), 0o644); err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var d doc
			err = Decode(path, data, &d)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v (%T), want an *Error", err, err)
			}
			want := path + " " + c.want
			if e.Line == 0 {
				want = path + ": " + c.want
			}
			if err.Error() != want {
				t.Errorf("error\n%s\nwant\n%s", err, want)
			}
			if errors.Unwrap(err) == nil {
				t.Error("no encoding/json error under it")
			}
		})
	}
}

// TestDecodeAsEncodingJSON: a good file decodes as json.Decoder decodes it.
func TestDecodeAsEncodingJSON(t *testing.T) {
	in := `{"shared": "s", "name": "n", "parts": [{"words": ["a"], "count": 2}], "by_key": {"k": {}}, "any": [1], "ratio": 0.5, "max": 3}`
	var got, want doc
	if err := Decode("x.json", []byte(in), &got); err != nil {
		t.Fatal(err)
	}
	if err := json.NewDecoder(strings.NewReader(in)).Decode(&want); err != nil {
		t.Fatal(err)
	}
	g, _ := json.Marshal(got)
	w, _ := json.Marshal(want)
	if string(g) != string(w) {
		t.Errorf("got %s, want %s", g, w)
	}
}

// Anything after the file's JSON value is a mistake, not dropped: a
// correction appended after the closing bracket would never apply.
func TestTrailingContent(t *testing.T) {
	var v []map[string]string
	err := Decode("x.corrections.json", []byte("[]\n, {\"find\": \"zzz\"}]\n"), &v)
	var e *Error
	if !errors.As(err, &e) || e.Line != 2 || e.Column != 1 || !strings.Contains(e.Error(), "expected the end of the file") {
		t.Errorf("trailing content: %v", err)
	}
	if err := Decode("x.json", []byte("[]\n \n"), &v); err != nil {
		t.Errorf("spaces after the value: %v", err)
	}
}
