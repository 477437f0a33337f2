package search

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// A token is a term of a text with where it stands in the text, in bytes.
type token struct {
	term       string
	start, end int // byte offsets in the original text
}

// analyze cuts a text into the terms the index keeps: folded (lower case,
// no accents), numbers printed with thousands spaces joined ("1 010" →
// "1010"), elided articles and stop words dropped (they are separate
// tokens: "l’engin" gives "l", a stop word, and "engin"), plurals and French feminine endings folded (stemBytes).
func analyze(text string) []token {
	var out []token
	var sc scanner
	sc.scan(text, func(term []byte, start, end int) bool {
		out = append(out, token{term: string(term), start: start, end: end})
		return true
	})
	return out
}

// scanner cuts texts into terms without allocating for the common case;
// its buffers are reused from one call to the next.
type scanner struct {
	pend []byte // the pending word, folded (numbers may grow)
	out  []byte
	// only, when set, holds the first bytes of the terms looked for: a
	// word of ASCII letters that starts otherwise is passed over without
	// folding, and stop words are not dropped (snippets: a stop word is
	// never looked for)
	only *[256]bool
}

// scan calls f with each term of text, as analyze gives them, and its
// byte offsets, until f returns false. The term is only valid during the
// call.
func (sc *scanner) scan(text string, f func(term []byte, start, end int) bool) {
	ps, pe := -1, -1 // the pending word
	emit := func() bool {
		if ps < 0 {
			return true
		}
		t := sc.pend
		if sc.only == nil && stopWords[string(t)] {
			return true
		}
		sc.out = append(sc.out[:0], t...)
		return f(stemBytes(sc.out), ps, pe)
	}
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		if !isWordRune(r) {
			i += size
			continue
		}
		// a word: text[i:j]
		j := i + size
		for j < len(text) {
			r, size := rune(text[j]), 1
			if r >= utf8.RuneSelf {
				r, size = utf8.DecodeRuneInString(text[j:])
			}
			if !isWordRune(r) {
				break
			}
			j += size
		}
		word := text[i:j]
		// join "1 183 384" into one number: groups of three digits after
		// a single (no-break) space
		if ps >= 0 && len(word) == 3 && isDigits(word) && isDigitsBytes(sc.pend) {
			if r, size := utf8.DecodeRuneInString(text[pe:]); isNumberSpace(r) && pe+size == i {
				sc.pend = append(sc.pend, word...)
				pe = j
				i = j
				continue
			}
		}
		if !emit() {
			return
		}
		if c := word[0]; sc.only != nil && c < utf8.RuneSelf && (c < '0' || c > '9') && !sc.only[c|0x20] {
			ps = -1 // a word nobody looks for
			i = j
			continue
		}
		sc.pend = appendFold(sc.pend[:0], word)
		ps, pe = i, j
		i = j
	}
	emit()
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func isDigitsBytes(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return len(b) > 0
}

func isNumberSpace(r rune) bool { return r == ' ' || r == '\u00a0' || r == '\u202f' }

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// foldString lower-cases s and strips its accents; "œ" becomes "oe".
func foldString(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x80 || ('A' <= c && c <= 'Z') {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	return string(appendFold(nil, s))
}

// appendFold appends s lower-cased, without its accents, to b.
func appendFold(b []byte, s string) []byte {
	for _, r := range s {
		switch {
		case r < 0x80:
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b = append(b, byte(r))
		case r < rune(len(latinFold)):
			b = append(b, latinFold[r]...)
		default:
			for _, x := range norm.NFD.String(string(r)) {
				if !unicode.Is(unicode.Mn, x) {
					b = utf8.AppendRune(b, unicode.ToLower(x))
				}
			}
		}
	}
	return b
}

// latinFold holds the folded form of the Latin letters up to U+024F,
// computed once: the accented letters of French, English and their
// neighbours fold by table lookup.
var latinFold = func() []string {
	t := make([]string, 0x250)
	for r := rune(0); r < 0x250; r++ {
		var b strings.Builder
		switch r {
		case 'œ', 'Œ':
			b.WriteString("oe")
		case 'æ', 'Æ':
			b.WriteString("ae")
		default:
			for _, x := range norm.NFD.String(string(r)) {
				if !unicode.Is(unicode.Mn, x) {
					b.WriteRune(unicode.ToLower(x))
				}
			}
		}
		t[r] = b.String()
	}
	return t
}()

// stemBytes folds French and English plurals, then French feminine
// forms, in place: "rations" → "ration", "nouveaux" → "nouveau",
// "électorales" → "electoral", "prévues" → "prevu". It is light on
// purpose: a reader's word and the report's word meet, and no two
// different words do: the feminine endings folded are those whose
// masculine is the same word (sociale/social, aérienne/aérien,
// financière/financier, prévue/prévu, suivante/suivant, nombreuse/
// nombreux); not "-ive" ("effective" is not "effectif", the head-count),
// "-ie" ("partie", "parti") nor "-ée": accents folded, "entrée" would
// meet "entre", "armées" "armes", "équipées" "équipes".
func stemBytes(t []byte) []byte {
	if len(t) <= 3 || isDigitsBytes(t) {
		return t
	}
	return feminine(plural(t))
}

// plural folds a French or English plural, in place.
func plural(t []byte) []byte {
	has := func(suffix string) bool { return bytes.HasSuffix(t, []byte(suffix)) }
	switch {
	case has("eaux"):
		return t[:len(t)-1] // "nouveaux" → "nouveau"
	case has("aux") && len(t) > 5:
		return append(t[:len(t)-3], "al"...) // "régionaux" → "regional"
	case has("ies") && len(t) > 5:
		return append(t[:len(t)-3], 'y')
	case has("us") && len(t) > 4:
		// "prévus", "reçus" meet "prévu", "reçu"; a word ending in -us
		// in the singular ("processus") is the same term in both
		return t[:len(t)-1]
	case has("ss"), has("us"), has("is"):
		return t
	case has("s"), has("x"):
		return t[:len(t)-1]
	}
	return t
}

// feminineEndings are the French feminine endings feminine folds, each
// with what it becomes and the least length of a word it folds (short
// words are left: "vente" is not "vent").
var feminineEndings = []struct {
	end, masc string
	min       int
}{
	{"ale", "al", 6},   // électorale → electoral
	{"elle", "el", 6},  // opérationnelle → operationnel
	{"enne", "en", 6},  // aérienne → aerien
	{"aine", "ain", 6}, // humaine → humain
	{"ere", "er", 6},   // financière → financier
	{"euse", "eu", 6},  // nombreuse → nombreu, as plural makes "nombreux"
	{"ante", "ant", 7}, // suivante → suivant
	{"ente", "ent", 7}, // permanente → permanent
	{"ue", "u", 5},     // prévue → prevu
}

// feminine folds a French feminine ending to its masculine, in place.
func feminine(t []byte) []byte {
	for _, e := range feminineEndings {
		if len(t) >= e.min && bytes.HasSuffix(t, []byte(e.end)) {
			return append(t[:len(t)-len(e.end)], e.masc...)
		}
	}
	return t
}

// stopWords are French and English words too common to search for, and
// the elided forms that the tokenizer separates (l’, d’, qu’…).
var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`
		a à au aux avec ce ces cet cette d de des du elle elles en et est été
		il ils l la le les leur leurs lui m n ne ni nous on ont ou où par pas
		pour qu que qui s sa se ses son sont sur t un une vous y c j dans
		the an and are as at be been by for from in is it its of on or that
		this to was were which with`) {
		m[w] = true
	}
	return m
}()
