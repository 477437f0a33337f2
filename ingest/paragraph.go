package ingest

import (
	"regexp"
	"sort"
	"strings"
	"sync"
	"unicode"

	"pkportal/report"
)

// itemLabel finds sub-item labels "a) " or "iv) " after a space, a colon, a
// semicolon or at the start of the text. Group 1 is the label with its
// parenthesis and space, group 2 the label. The vocabulary builds the same
// pattern for its language (vocabulary.items); this one is French.
var itemLabel = regexp.MustCompile(`(?:^|[\s:;,])(([a-z]|[ivx]{1,4})\)(?:\s|$))`)

// sentenceEnd is a full stop followed by a new sentence.
var sentenceEnd = regexp.MustCompile(`\.\s+[\p{Lu}«“]`)

type label struct {
	start, end int // of "a) " in the text
	name       string
}

// splitItems splits a paragraph's text into a lead, its lettered sub-items
// (with nested roman ones) and a tail.
//
// Labels count as items only in sequence: a), b), c)… for the items and
// i), ii), iii)… inside an item, at least two of each; any other "a)" stays
// text. A paragraph has one run of items. The last item ends at the end of
// its first sentence: what follows is the tail. When the text starts a
// second run (a), b)… again, as paragraph 56 of A/76/564 does after "Elle a
// été contrebalancée en partie par…"), the second run stays in the tail as
// text, so that the item labels of a paragraph are unique and citable.
//
// Items printed as a list, each lettered item starting an indented line of
// its own (ownLines holds those labels, as paragraphs 18 and 74 of
// A/76/564 print them), have several sentences each: there the last item
// runs to the end of the paragraph and there is no tail.
func splitItems(text string, ownLines map[string]bool) (lead string, items []report.Item, tail string) {
	return splitItemsWith(itemLabel, text, ownLines)
}

// splitItemsWith is splitItems with the label pattern of a vocabulary.
func splitItemsWith(labels *regexp.Regexp, text string, ownLines map[string]bool) (lead string, items []report.Item, tail string) {
	if !closesAfterLetter(text) {
		return text, nil, "" // no "a)" or "iv)": no label, as the pattern would find
	}
	var ls []label
	for _, m := range labels.FindAllStringSubmatchIndex(text, -1) {
		ls = append(ls, label{start: m[2], end: m[3], name: text[m[4]:m[5]]})
	}
	var letters []int         // indices in ls of the lettered items
	romans := map[int][]int{} // letter position → indices in ls
	restart := -1
	for li, l := range ls {
		want := letterName(len(letters))
		if l.name == want {
			letters = append(letters, li)
			continue
		}
		if l.name == "a" {
			if len(letters) < 2 {
				letters = []int{li}
				romans = map[int][]int{}
				continue
			}
			restart = li
			break
		}
		if len(letters) > 0 {
			k := len(letters) - 1
			if l.name == romanName(len(romans[k])) {
				romans[k] = append(romans[k], li)
			}
		}
	}
	if len(letters) < 2 {
		return text, nil, ""
	}
	// where the last item ends
	last := ls[letters[len(letters)-1]]
	if r := romans[len(letters)-1]; len(r) >= 2 {
		last = ls[r[len(r)-1]]
	}
	end := len(text)
	if restart >= 0 {
		end = ls[restart].start
	}
	listed := true
	for _, li := range letters {
		listed = listed && ownLines[ls[li].name]
	}
	if loc := sentenceEnd.FindStringIndex(text[last.end:]); !listed && loc != nil && last.end+loc[0]+1 < end {
		end = last.end + loc[0] + 1
	}
	lead, _ = trimItem(text[:ls[letters[0]].start])
	for k, li := range letters {
		stop := end
		if k+1 < len(letters) {
			stop = ls[letters[k+1]].start
		}
		l := ls[li]
		it := report.Item{Label: l.name}
		if r := romans[k]; len(r) >= 2 {
			it.Text, it.Sep = trimItem(text[l.end:ls[r[0]].start])
			for j, ri := range r {
				rstop := stop
				if j+1 < len(r) {
					rstop = ls[r[j+1]].start
				}
				sub := report.Item{Label: ls[ri].name}
				sub.Text, sub.Sep = trimItem(text[ls[ri].end:rstop])
				it.Items = append(it.Items, sub)
			}
		} else {
			it.Text, it.Sep = trimItem(text[l.end:stop])
		}
		items = append(items, it)
	}
	return lead, items, strings.TrimSpace(text[end:])
}

// trimItem trims the spaces and the list separator around an item's text.
// sep is the separator it removed as the text has it, with the space
// before it if any ("distribution ;" gives " ;"), or "".
func trimItem(s string) (text, sep string) {
	s = strings.TrimSpace(s)
	text = strings.TrimSuffix(s, ";")
	text = strings.TrimSuffix(text, ",")
	text = strings.TrimRightFunc(text, unicode.IsSpace)
	if len(text) == len(s) {
		return s, "" // nothing removed: trailing spaces are not a separator
	}
	return text, s[len(text):]
}

// letterName is the label of the k-th lettered item, from 0: "a", "b"….
func letterName(k int) string {
	if k < 0 || k >= 26 {
		return ""
	}
	return string(rune('a' + k))
}

var romanNames = []string{"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv"}

// romanName is the label of the k-th roman item, from 0: "i", "ii"….
func romanName(k int) string {
	if k < 0 || k >= len(romanNames) {
		return ""
	}
	return romanNames[k]
}

// symbolRe finds UN document symbols: A/74/745, A/74/737/Add.11,
// A/RES/74/290, A/C.5/75/10, S/2021/519.
var symbolRe = regexp.MustCompile(`\b[ASE]/(?:[A-Z]+(?:\.\d+)?/)*\d+(?:/(?:[A-Z][a-z]*\.\d+|\d+))*`)

// resolutionRef is a General Assembly ("74/290") or Security Council
// ("2531 (2020)") resolution number.
const resolutionRef = `(?:\d{1,3}/\d{1,4}|\d{1,4}\s?\(\d{4}\))`

var (
	refRe     = regexp.MustCompile(resolutionRef)
	scRef     = regexp.MustCompile(`^(\d{1,4})\s?\((\d{4})\)$`)
	resRegexp sync.Map // language → *regexp.Regexp
)

// resolutionRegexp builds the pattern "résolution(s) REF (, REF | et REF)*"
// from the vocabulary.
func resolutionRegexp(language string, voc *vocabulary) *regexp.Regexp {
	if re, ok := resRegexp.Load(language); ok {
		return re.(*regexp.Regexp)
	}
	words := append([]string(nil), voc.ResolutionWords...)
	sort.Slice(words, func(i, j int) bool { return len(words[i]) > len(words[j]) })
	var ws, ands []string
	for _, w := range words {
		ws = append(ws, regexp.QuoteMeta(w))
	}
	for _, a := range voc.AndWords {
		ands = append(ands, regexp.QuoteMeta(a))
	}
	sep := `(?:,\s*`
	if len(ands) > 0 {
		sep += `|\s+(?:` + strings.Join(ands, "|") + `)\s+`
	}
	sep += `)`
	pat := `(?i:` + strings.Join(ws, "|") + `)\s+(` + resolutionRef + `(?:` + sep + resolutionRef + `)*)`
	if len(ws) == 0 {
		pat = `$^`
	}
	re := regexp.MustCompile(pat)
	resRegexp.Store(language, re)
	return re
}

// closesAfterLetter reports whether a text holds a ")" right after a
// lower-case ASCII letter, which every item label ends with: the texts
// without one, most of them, skip the labels' pattern.
func closesAfterLetter(text string) bool {
	for i := 1; i < len(text); i++ {
		if text[i] == ')' && text[i-1] >= 'a' && text[i-1] <= 'z' {
			return true
		}
	}
	return false
}

// mentionsResolution reports whether a text holds one of the vocabulary's
// resolution words, in any case: the texts without one, most of them, skip
// the resolutions' pattern.
func mentionsResolution(voc *vocabulary, text string) bool {
	lower := strings.ToLower(text)
	for _, w := range voc.ResolutionWords {
		if strings.Contains(lower, strings.ToLower(w)) {
			return true
		}
	}
	return false
}

// citations finds the documents a text cites, in order of first
// appearance, each once.
func citations(voc *vocabulary, language, text string) []report.Citation {
	type hit struct {
		at int
		c  report.Citation
	}
	var hits []hit
	var symbols [][]int
	if strings.Contains(text, "A/") || strings.Contains(text, "S/") || strings.Contains(text, "E/") {
		symbols = symbolRe.FindAllStringIndex(text, -1) // every symbol starts so
	}
	for _, m := range symbols {
		s := text[m[0]:m[1]]
		hits = append(hits, hit{m[0], report.Citation{Text: s, Symbol: s}})
	}
	var resolutions [][]int
	if mentionsResolution(voc, text) {
		resolutions = resolutionRegexp(language, voc).FindAllStringSubmatchIndex(text, -1)
	}
	for _, m := range resolutions {
		list := text[m[2]:m[3]]
		for _, r := range refRe.FindAllStringIndex(list, -1) {
			ref := list[r[0]:r[1]]
			var sym string
			if sm := scRef.FindStringSubmatch(ref); sm != nil {
				sym = "S/RES/" + sm[1] + "(" + sm[2] + ")"
			} else {
				sym = "A/RES/" + ref
			}
			hits = append(hits, hit{m[2] + r[0], report.Citation{Text: ref, Symbol: sym}})
		}
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].at < hits[j].at })
	var out []report.Citation
	seen := map[string]bool{}
	for _, h := range hits {
		if seen[h.c.Symbol] {
			continue
		}
		seen[h.c.Symbol] = true
		h.c.URL = report.DocumentURL(language, h.c.Symbol)
		out = append(out, h.c)
	}
	return out
}
