package search

import (
	"errors"
	"sort"
	"strings"
)

// maxRelaxedWords is the most words SearchSomeWords looks for one by one,
// maxRelaxedResults the most results it takes of each.
const (
	maxRelaxedWords   = 8
	maxRelaxedResults = 200
)

// SearchSomeWords answers a query whose words are not all found in any
// one document ("drones non déployés", "combien la mission a dépensé"):
// the documents that hold some of its words (a "phrase" or prefix* is one
// word), those with the most of them first, then by their scores. The
// filters typed in the query, and a report's symbol among its words,
// apply to every word. It is Search's fallback, for a caller to say that
// the results match part of the query: a query of fewer than two words,
// or a citation of paragraphs, finds nothing more than Search found (nil). Its total
// counts the documents among each word's first maxRelaxedResults: at
// scale, a floor, not every document holding a word.
func (ix *Index) SearchSomeWords(q string, o Options) ([]Result, int, error) {
	if ix.citesParagraphs(q, o) {
		return nil, 0, nil // a citation of paragraphs none of which exists is answered: nothing (Missing says why)
	}
	q, o = ix.reportWord(q, o)
	var filters, words []string
	for _, w := range quotedOrField.FindAllString(readNumbers(q), -1) {
		if filterWord.MatchString(w) || excluded(w) { // filters and -words hold for every word
			filters = append(filters, w)
		} else {
			words = append(words, w)
		}
	}
	words = joinAlternatives(words)
	if len(words) < 2 {
		return nil, 0, nil
	}
	words = words[:min(len(words), maxRelaxedWords)]
	type hit struct {
		r     Result
		words []string // the query's words it holds
		score float64  // their scores' sum
		first int      // order of first finding, for ties
	}
	hits := map[string]*hit{}
	var lastErr error
	searched := 0
	for _, w := range words {
		res, _, err := ix.Search(strings.Join(append([]string{w}, filters...), " "), Options{Kind: o.Kind, Report: o.Report, Lang: o.Lang, Limit: maxRelaxedResults})
		if errors.Is(err, ErrEmpty) {
			continue // a stop word
		}
		if err != nil {
			lastErr = err
			continue
		}
		searched++
		for _, r := range res {
			h := hits[r.URL]
			if h == nil {
				h = &hit{r: r, first: len(hits)}
				hits[r.URL] = h
			}
			h.words = append(h.words, w)
			h.score += r.Score
		}
	}
	if searched == 0 {
		if lastErr == nil {
			lastErr = ErrEmpty
		}
		return nil, 0, lastErr
	}
	all := make([]*hit, 0, len(hits))
	for _, h := range hits {
		all = append(all, h)
	}
	sort.Slice(all, func(i, j int) bool {
		a, b := all[i], all[j]
		if len(a.words) != len(b.words) {
			return len(a.words) > len(b.words)
		}
		if a.score != b.score {
			return a.score > b.score
		}
		return a.first < b.first
	})
	end := len(all)
	if o.Limit > 0 {
		end = min(end, o.Offset+o.Limit)
	}
	var page []Result
	for _, h := range all[min(o.Offset, len(all)):end] {
		if len(h.words) > 1 && h.r.Text != "" { // the snippet marks all the words it holds
			marks := map[string]bool{}
			for _, w := range h.words {
				for _, t := range terms(strings.Trim(w, `"*`)) {
					marks[t] = true
				}
			}
			h.r.Snippet = snippet(h.r.Text, 0, marks)
		}
		page = append(page, h.r)
	}
	return page, len(all), nil
}

// joinAlternatives makes "a OR b" one word of a query's words: a text
// holding either holds that word (OR is no word of its own).
func joinAlternatives(words []string) []string {
	var out []string
	for i := 0; i < len(words); i++ {
		if orWords[words[i]] && len(out) > 0 && i+1 < len(words) && !orWords[words[i+1]] {
			out[len(out)-1] += " " + words[i] + " " + words[i+1]
			i++
			continue
		}
		out = append(out, words[i])
	}
	return out
}
