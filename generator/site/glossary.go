package site

import (
	"unicode"
	"unicode/utf8"
)

// glossaryTerms maps the forms a glossary term takes in the report's text
// (French) to its anchor on the glossary page (content/*/glossary.md).
var glossaryTerms = []struct{ form, id string }{
	{"montant alloué", "apportionment"},
	{"solde inutilisé", "unencumbered-balance"},
	{"taux d’utilisation", "utilization-rate"},
	{"taux de vacance", "vacancy-rate"},
	{"contributions du personnel", "staff-assessment"},
	{"matériel appartenant aux contingents", "contingent-owned-equipment"},
	{"soutien logistique autonome", "self-sustainment"},
	{"budgétisation axée sur les résultats", "results-based-budgeting"},
	{"réaffectation", "redeployment"},
	{"unités de police constituées", "formed-police-units"},
}

// findTerm finds the leftmost glossary term in s, as the regular
// expression (?i)\b(form|form|…) would, the first form in glossaryTerms
// winning at one place: it returns the term's bounds in s and its index
// in glossaryTerms, or ok false. Hand-written: the regular expression was
// a tenth of the generator's time.
func findTerm(s string) (start, end, term int, ok bool) {
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20 // ASCII lower case; every form starts with a-z
		if c < 'a' || c > 'z' || i > 0 && isWordByte(s[i-1]) {
			continue
		}
		for k, t := range glossaryTerms {
			if t.form[0] == c {
				if n := foldPrefix(s[i:], t.form); n > 0 {
					return i, i + n, k, true
				}
			}
		}
	}
	return 0, 0, 0, false
}

// isWordByte is \w of regular expressions: an ASCII letter, digit or _.
func isWordByte(c byte) bool {
	return 'a' <= c|0x20 && c|0x20 <= 'z' || '0' <= c && c <= '9' || c == '_'
}

// foldPrefix returns the length of the prefix of s equal to form under
// Unicode simple case folding (strings.EqualFold, rune by rune), or 0.
func foldPrefix(s, form string) int {
	i := 0
	for _, f := range form {
		if i >= len(s) {
			return 0
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r != f && !equalFoldRune(r, f) {
			return 0
		}
		i += n
	}
	return i
}

// equalFoldRune reports whether r and f are equal under simple folding.
func equalFoldRune(r, f rune) bool {
	if r < utf8.RuneSelf && f < utf8.RuneSelf {
		return r|0x20 == f|0x20 && 'a' <= f|0x20 && f|0x20 <= 'z'
	}
	for g := unicode.SimpleFold(f); g != f; g = unicode.SimpleFold(g) {
		if g == r {
			return true
		}
	}
	return false
}

// glossaryURL is the glossary page of a UI language.
func glossaryURL(lang string) string {
	if lang == "fr" {
		return "/fr/glossaire/"
	}
	return "/" + lang + "/glossary/"
}

// linkGlossary links the first occurrence of each glossary term in the
// unlinked segments of a text; seen carries the terms already linked on
// the page, so a term is linked once per paragraph at most.
func linkGlossary(segs []Segment, lang string, seen map[string]bool) []Segment {
	var out []Segment
	for _, s := range segs {
		if s.Href != "" {
			out = append(out, s)
			continue
		}
		rest := s.T
		for rest != "" {
			i, j, k, ok := findTerm(rest)
			for ok && seen[glossaryTerms[k].id] {
				var i2, j2 int
				i2, j2, k, ok = findTerm(rest[j:])
				i, j = j+i2, j+j2
			}
			if !ok {
				out = append(out, Segment{T: rest})
				break
			}
			id := glossaryTerms[k].id
			seen[id] = true
			if i > 0 {
				out = append(out, Segment{T: rest[:i]})
			}
			out = append(out, Segment{T: rest[i:j], Href: glossaryURL(lang) + "#" + id, Term: true})
			rest = rest[j:]
		}
	}
	return out
}
