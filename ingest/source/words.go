package source

import "strings"

// WordCount returns how many times a word occurs in the document, compared
// without case. Parsers use it to tell a footnote letter glued to a word
// ("temporairec") from a word that ends with that letter.
func (d *Doc) WordCount(w string) int {
	return d.words[strings.ToLower(w)]
}
