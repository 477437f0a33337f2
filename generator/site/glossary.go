package site

import (
	"regexp"
	"strings"
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
}

var glossaryRe = func() *regexp.Regexp {
	var alts []string
	for _, t := range glossaryTerms {
		alts = append(alts, regexp.QuoteMeta(t.form))
	}
	return regexp.MustCompile(`(?i)\b(` + strings.Join(alts, "|") + `)`)
}()

// glossaryHints are the longest runs of ASCII letters and spaces of each
// term's form: a text that glossaryRe matches holds one of them once its
// ASCII letters are lower-cased, since (?i) folds an ASCII letter only to
// its other case, or to ſ (s) and K (Kelvin sign, k), which mayHaveTerm
// lets through.
var glossaryHints = func() []string {
	var hints []string
	for _, t := range glossaryTerms {
		best, run := "", []byte{}
		for i := 0; i <= len(t.form); i++ {
			if i < len(t.form) && (t.form[i] == ' ' || 'a' <= t.form[i] && t.form[i] <= 'z') {
				run = append(run, t.form[i])
				continue
			}
			if len(run) > len(best) {
				best = string(run)
			}
			run = run[:0]
		}
		hints = append(hints, best)
	}
	return hints
}()

// mayHaveTerm reports whether glossaryRe may match s (never false when
// it does).
func mayHaveTerm(s string) bool {
	if strings.ContainsAny(s, "\u017f\u212a") {
		return true
	}
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	l := string(b)
	for _, h := range glossaryHints {
		if strings.Contains(l, h) {
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
		if !mayHaveTerm(s.T) { // most texts: no need for the regexp
			if s.T != "" {
				out = append(out, Segment{T: s.T})
			}
			continue
		}
		rest := s.T
		for rest != "" {
			loc := glossaryRe.FindStringIndex(rest)
			for loc != nil && seen[termID(rest[loc[0]:loc[1]])] {
				next := glossaryRe.FindStringIndex(rest[loc[1]:])
				if next == nil {
					loc = nil
					break
				}
				loc = []int{loc[1] + next[0], loc[1] + next[1]}
			}
			if loc == nil {
				out = append(out, Segment{T: rest})
				break
			}
			id := termID(rest[loc[0]:loc[1]])
			seen[id] = true
			if loc[0] > 0 {
				out = append(out, Segment{T: rest[:loc[0]]})
			}
			out = append(out, Segment{T: rest[loc[0]:loc[1]], Href: glossaryURL(lang) + "#" + id, Term: true})
			rest = rest[loc[1]:]
		}
	}
	return out
}

func termID(form string) string {
	f := strings.ToLower(form)
	for _, t := range glossaryTerms {
		if t.form == f {
			return t.id
		}
	}
	return ""
}
