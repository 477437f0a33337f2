// Package lang holds the vocabulary of the reports in each language: the
// headings, labels and words the ingest parsers look for. A new language is
// a new folder of JSON files here, not new code in the parsers (other
// packages hold Go code per report language: see ARCHITECTURE.md, "Where
// to add…"). It must hold no code per language.
//
// Each parser owns one file per language, named for it: sections.json for
// the section tree and paragraphs, finance.json for the financial tables,
// results.json for the results-based budgeting frameworks, status.json for
// the statuses of indicators; numbers.json is how the language prints
// numbers (decimal mark, thousands separators), read by ingest/source.
package lang

import (
	"embed"
	"fmt"
	"io/fs"

	"pkportal/ingest/jsonfile"
)

//go:embed */*.json
var files embed.FS

// Load reads the vocabulary part of a language into v, a pointer to the
// parser's own vocabulary struct. Unknown fields are an error, so that a
// typo in a vocabulary file does not pass silently; a mistake names the
// file, its line and column and what was expected there.
func Load(language, part string, v any) error {
	return load(files, language, part, v)
}

// load reads the vocabulary part of a language from fsys.
func load(fsys fs.FS, language, part string, v any) error {
	name := language + "/" + part + ".json"
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return fmt.Errorf("vocabulary %s: no such file (languages: %v)", name, Languages())
	}
	if err := jsonfile.Decode(name, b, v); err != nil {
		return fmt.Errorf("vocabulary %w", err)
	}
	return nil
}

// Languages lists the languages that have a vocabulary.
func Languages() []string {
	var out []string
	entries, _ := fs.ReadDir(files, ".")
	for _, e := range entries {
		if e.IsDir() {
			out = append(out, e.Name())
		}
	}
	return out
}
