package synth

import (
	"math/rand/v2"
	"strings"
	"unicode"
)

// shuffle permutes the sentences of about half of the narrative
// paragraphs found by paraRange and re-wraps each on its own lines.
func (b *base) shuffle(rng *rand.Rand, lines []string) {
	for _, p := range b.paras {
		if rng.IntN(2) == 0 {
			continue
		}
		shuffleParagraph(rng, lines, p)
	}
}

func shuffleParagraph(rng *rand.Rand, lines []string, p paraLines) {
	// the paragraph's words, a compound word cut at a line end rejoined
	var text strings.Builder
	for n, i := range p.idx {
		t := strings.TrimSpace(lines[i])
		if n > 0 {
			prev := text.String()
			if !(strings.HasSuffix(prev, "-") && len(prev) > 1) {
				text.WriteByte(' ')
			}
		}
		text.WriteString(t)
	}
	words := strings.Fields(text.String())
	if len(words) < 2 {
		return
	}
	number, words := words[0], words[1:]
	sents := sentences(words)
	if len(sents) < 2 {
		return
	}
	perm := rng.Perm(len(sents))
	identity := true
	for i, j := range perm {
		if i != j {
			identity = false
		}
	}
	if identity {
		perm = append(perm[1:], perm[0])
	}
	out := []string{number}
	for _, j := range perm {
		out = append(out, sents[j]...)
	}
	wrapped, ok := wrap(out, len(p.idx))
	if !ok {
		return
	}
	for n, i := range p.idx {
		l := lines[i]
		ind := l[:len(l)-len(strings.TrimLeft(l, " "))]
		trail := l[len(strings.TrimRight(l, " ")):]
		lines[i] = ind + wrapped[n] + trail
	}
}

// sentences cuts words into sentences: a sentence ends with a word of at
// least four letters ending with "." and the next word starts with a
// capital letter.
func sentences(words []string) [][]string {
	var out [][]string
	start := 0
	for i, w := range words {
		if i+1 >= len(words) {
			break
		}
		if !strings.HasSuffix(w, ".") || !unicode.IsUpper(firstRune(words[i+1])) {
			continue
		}
		letters := 0
		for _, r := range strings.TrimSuffix(w, ".") {
			if unicode.IsLetter(r) {
				letters++
			} else {
				letters = -100
			}
		}
		if letters < 4 {
			continue
		}
		out = append(out, words[start:i+1])
		start = i + 1
	}
	return append(out, words[start:])
}

// wrap spreads words over exactly n lines of about equal length, no line
// but the first starting with what the ingest could read as a number, an
// item label or a heading.
func wrap(words []string, n int) ([]string, bool) {
	if len(words) < n {
		return nil, false
	}
	total := 0
	for _, w := range words {
		total += len(w) + 1
	}
	width := total / n
	var out []string
	var cur []string
	curLen := 0
	for i, w := range words {
		left := len(words) - i // words not yet placed, w included
		linesLeft := n - len(out)
		mustBreak := len(cur) > 0 && left < linesLeft // one word per line from here
		if len(cur) > 0 && linesLeft > 1 && (mustBreak || curLen+len(w) > width) && !riskyStart.MatchString(w) {
			out = append(out, strings.Join(cur, " "))
			cur, curLen = nil, 0
		}
		cur = append(cur, w)
		curLen += len(w) + 1
	}
	out = append(out, strings.Join(cur, " "))
	if len(out) != n {
		return nil, false
	}
	for _, l := range out {
		if l == "" {
			return nil, false
		}
	}
	return out, true
}
