package search

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// A token is a term of a text with where it stands in the text, in runes.
type token struct {
	term       string
	start, end int // rune offsets in the original text
}

// analyze cuts a text into the terms the index keeps: folded (lower case,
// no accents), numbers printed with thousands spaces joined ("1 010" →
// "1010"), elided articles and stop words dropped (they are separate
// tokens: "l’engin" gives "l", a stop word, and "engin"), plurals folded.
func analyze(text string) []token {
	rs := []rune(text)
	var raw []token
	start := -1
	for i := 0; i <= len(rs); i++ {
		inWord := i < len(rs) && (unicode.IsLetter(rs[i]) || unicode.IsDigit(rs[i]))
		if inWord && start < 0 {
			start = i
		}
		if !inWord && start >= 0 {
			raw = append(raw, token{term: foldString(string(rs[start:i])), start: start, end: i})
			start = -1
		}
	}
	// join "1 183 384" into one number: groups of three digits after a
	// single (no-break) space
	var joined []token
	for _, t := range raw {
		if n := len(joined); n > 0 && isDigits(t.term) && len(t.term) == 3 && isDigits(joined[n-1].term) &&
			t.start == joined[n-1].end+1 && isNumberSpace(rs[joined[n-1].end]) {
			joined[n-1].term += t.term
			joined[n-1].end = t.end
			continue
		}
		joined = append(joined, t)
	}
	out := joined[:0]
	for _, t := range joined {
		if stopWords[t.term] {
			continue
		}
		t.term = stem(t.term)
		out = append(out, t)
	}
	return out
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
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r < 0x80:
			b.WriteRune(unicode.ToLower(r))
		case r < rune(len(latinFold)):
			b.WriteString(latinFold[r])
		default:
			for _, x := range norm.NFD.String(string(r)) {
				if !unicode.Is(unicode.Mn, x) {
					b.WriteRune(unicode.ToLower(x))
				}
			}
		}
	}
	return b.String()
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

// stem folds French and English plurals: "rations" → "ration",
// "nouveaux" → "nouveau". It is light on purpose: a reader's word and the
// report's word meet, and no two different words do.
func stem(t string) string {
	if len(t) <= 3 || isDigits(t) {
		return t
	}
	switch {
	case strings.HasSuffix(t, "eaux"):
		return t[:len(t)-1] // "nouveaux" → "nouveau"
	case strings.HasSuffix(t, "aux") && len(t) > 5:
		return t[:len(t)-3] + "al" // "régionaux" → "regional"
	case strings.HasSuffix(t, "ies") && len(t) > 5:
		return t[:len(t)-3] + "y"
	case strings.HasSuffix(t, "ss"), strings.HasSuffix(t, "us"), strings.HasSuffix(t, "is"):
		return t
	case strings.HasSuffix(t, "s"), strings.HasSuffix(t, "x"):
		return t[:len(t)-1]
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
