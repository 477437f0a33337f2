package ingest

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"pkportal/ingest/source"
	"pkportal/report"
)

// acronymRe is a mission's acronym in parentheses: "(MINUSMA)".
var acronymRe = regexp.MustCompile(`\(([A-Z][A-Z0-9-]{2,})\)`)

// findMission finds the mission's name and acronym in a text: the first
// acronym in parentheses and the longest run of words before it that
// starts with a capital after one of the vocabulary's articles and holds
// no digit or punctuation. It returns the mission and the name with its
// article as the title uses it ("de la Mission …").
func findMission(voc *vocabulary, text string) (report.Mission, string, bool) {
	for _, m := range acronymRe.FindAllStringSubmatchIndex(text, -1) {
		before := strings.TrimRight(text[:m[0]], " ")
		best := -1
		var art string
		for _, a := range voc.MissionArticles {
			for from := 0; ; {
				k := strings.Index(before[from:], a)
				if k < 0 {
					break
				}
				k += from
				from = k + 1
				if k > 0 && !unicode.IsSpace(lastRuneOf(before[:k])) {
					continue
				}
				name := before[k+len(a):]
				first, _ := utf8.DecodeRuneInString(name)
				if !unicode.IsUpper(first) || strings.ContainsAny(name, "0123456789,;:.()") {
					continue
				}
				if best < 0 || k < best {
					best, art = k, a
				}
			}
		}
		if best >= 0 {
			name := before[best+len(art):]
			return report.Mission{Acronym: text[m[2]:m[3]], Name: name}, art + name, true
		}
	}
	return report.Mission{}, "", false
}

func lastRuneOf(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// periodRegexp builds the pattern of the vocabulary's period, "du {start}
// au {end}", each date being "1er juillet 2020".
func periodRegexp(voc *vocabulary) *regexp.Regexp {
	var months []string
	for _, m := range voc.Months {
		months = append(months, regexp.QuoteMeta(m))
	}
	day := `\d{1,2}`
	if voc.FirstDay != "" {
		day = `(?:` + regexp.QuoteMeta(voc.FirstDay) + `|\d{1,2})`
	}
	date := `(` + day + ` (?:` + strings.Join(months, "|") + `) \d{4})`
	pat := regexp.QuoteMeta(voc.Period)
	pat = strings.Replace(pat, regexp.QuoteMeta("{start}"), date, 1)
	pat = strings.Replace(pat, regexp.QuoteMeta("{end}"), date, 1)
	return regexp.MustCompile(pat)
}

// isoDate reads "1er juillet 2020" into "2020-07-01".
func isoDate(voc *vocabulary, s string) (string, int, bool) {
	f := strings.Fields(s)
	if len(f) != 3 {
		return "", 0, false
	}
	day := 1
	if f[0] != voc.FirstDay {
		d, err := strconv.Atoi(f[0])
		if err != nil || d < 1 || d > 31 {
			return "", 0, false
		}
		day = d
	}
	month := 0
	for i, m := range voc.Months {
		if m == f[1] {
			month = i + 1
		}
	}
	year, err := strconv.Atoi(f[2])
	if month == 0 || err != nil {
		return "", 0, false
	}
	return fmt.Sprintf("%04d-%02d-%02d", year, month, day), year, true
}

// findPeriod finds the financial period in a text. It returns the period
// and the two dates as printed.
func findPeriod(voc *vocabulary, text string) (report.Period, string, string, bool) {
	m := periodRegexp(voc).FindStringSubmatch(text)
	if m == nil {
		return report.Period{}, "", "", false
	}
	start, y1, ok1 := isoDate(voc, m[1])
	end, y2, ok2 := isoDate(voc, m[2])
	if !ok1 || !ok2 {
		return report.Period{}, "", "", false
	}
	return report.Period{Start: start, End: end, Label: fmt.Sprintf("%d/%02d", y1, y2%100)}, m[1], m[2], true
}

// metadata fills the mission, the period and the title from the summary's
// first paragraph.
func metadata(doc *source.Doc, voc *vocabulary, r *report.Report) error {
	var text string
	line := 0
	if len(r.Sections) > 0 {
		for _, b := range r.Sections[0].Blocks {
			if b.Paragraph != nil {
				text, line = b.Paragraph.Text, b.Paragraph.Line
				break
			}
		}
	}
	if text == "" {
		n := min(len(doc.Lines), 40)
		text = doc.Join(doc.Lines[:n])
		if n > 0 {
			line = doc.Lines[0].N
		}
	}
	mission, ofMission, ok := findMission(voc, text)
	if !ok {
		return doc.Errorf(line, "expected the mission's name followed by its acronym in parentheses in the summary's first paragraph")
	}
	period, start, end, ok := findPeriod(voc, text)
	if !ok {
		return doc.Errorf(line, "expected the financial period (%q) in the summary's first paragraph", voc.Period)
	}
	r.Mission, r.Period = mission, period
	r.Title = strings.NewReplacer("{mission}", ofMission, "{start}", start, "{end}", end).Replace(voc.Title)
	r.Previous = previousPeriod(voc, r)
	return nil
}

// previousPeriod reads the summary's comparison with the previous period
// ("contre des dépenses d’un montant de 1 136,9 millions de dollars et un
// taux d’utilisation de 99,9 % pendant l’exercice 2019/20"), when the
// vocabulary has the sentence and the summary says it.
func previousPeriod(voc *vocabulary, r *report.Report) *report.Previous {
	if voc.Previous == "" || len(r.Sections) == 0 {
		return nil
	}
	nf, err := source.Numbers(r.Language)
	if err != nil {
		return nil
	}
	num := `(` + nf.Pattern() + `)`
	pat := regexp.QuoteMeta(voc.Previous)
	pat = strings.NewReplacer(`\{expenditure\}`, num, `\{rate\}`, num, `\{period\}`, `(\d{4}/\d{2})`).Replace(pat)
	pat = strings.ReplaceAll(pat, " ", `\s+`)
	re, err := regexp.Compile(pat)
	if err != nil {
		return nil
	}
	for _, b := range r.Sections[0].Blocks {
		if b.Paragraph == nil {
			continue
		}
		m := re.FindStringSubmatch(b.Paragraph.FullText())
		if m == nil {
			continue
		}
		exp, ok1 := nf.Parse(m[1])
		rate, ok2 := nf.Parse(m[2])
		if !ok1 || !ok2 {
			return nil
		}
		return &report.Previous{Period: m[3], Expenditure: exp, UtilizationRate: rate, Line: b.Paragraph.Line}
	}
	return nil
}
