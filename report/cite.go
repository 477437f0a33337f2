package report

import (
	"strconv"
	"strings"
)

// The citations below are how a delegate cites a part of a report, in a UI
// language, with the United Nations' abbreviations in it: "A/76/564,
// par. 26" in French, "A/76/564, para. 26" in English, "A/76/564,
// sect. III.A", "A/76/564, réalisation escomptée 2.1, indicateur 3". The
// pages, the search results and the data files all cite through them.

type citeWords struct {
	para, summary, component, ea, indicator, indicators, output, outputs, resolution, un, in string
}

var citeLang = map[string]citeWords{
	"fr": {"par.", "résumé", "composante", "réalisation escomptée", "indicateur", "indicateurs", "produit", "produits", "résolution", "Nations Unies", "en"},
	"en": {"para.", "summary", "component", "expected accomplishment", "indicator", "indicators", "output", "outputs", "resolution", "United Nations", "in"},
}

func wordsFor(lang string) citeWords {
	if w, ok := citeLang[lang]; ok {
		return w
	}
	return citeLang["en"]
}

// CiteParagraph cites a numbered paragraph in language lang: "A/76/564,
// par. 26", "A/76/564, para. 26".
func (r *Report) CiteParagraph(lang string, n int) string {
	return r.Symbol + ", " + wordsFor(lang).para + " " + strconv.Itoa(n)
}

// CiteSection cites a section: "A/76/564, sect. III.A", or the summary; a
// component of II.F by the number the report gives it, "A/76/564,
// sect. II.F, composante 2" (the report prints no "II.F.2").
func (r *Report) CiteSection(lang string, s *Section) string {
	if s.Number == "" {
		if s.ID == "summary" {
			return r.Symbol + ", " + wordsFor(lang).summary
		}
		return r.Symbol + ", " + s.Title
	}
	if i := strings.LastIndexByte(s.Number, '.'); strings.Count(s.Number, ".") == 2 && strings.Trim(s.Number[i+1:], "0123456789") == "" {
		return r.Symbol + ", sect. " + s.Number[:i] + ", " + wordsFor(lang).component + " " + s.Number[i+1:]
	}
	return r.Symbol + ", sect. " + s.Number
}

// CiteAccomplishment cites an expected accomplishment by its number, "2.1".
func (r *Report) CiteAccomplishment(lang, number string) string {
	return r.Symbol + ", " + wordsFor(lang).ea + " " + number
}

// CiteIndicator cites the n-th indicator of an expected accomplishment.
func (r *Report) CiteIndicator(lang, number string, n int) string {
	return r.CiteAccomplishment(lang, number) + ", " + wordsFor(lang).indicator + " " + strconv.Itoa(n)
}

// CiteOutput cites the n-th output of an expected accomplishment.
func (r *Report) CiteOutput(lang, number string, n int) string {
	return r.CiteAccomplishment(lang, number) + ", " + wordsFor(lang).output + " " + strconv.Itoa(n)
}

// CiteFollowUp cites an item of section VI by the resolution paragraph
// it answers (the report does not number them): "A/76/564, sect. VI
// (résolution 75/302, par. 12)".
func (r *Report) CiteFollowUp(lang string, f *FollowUp) string {
	return r.CiteTable(lang, "vi") + " (" + f.Reference(lang) + ")"
}

// Reference names the resolution paragraph a follow-up item answers, in
// language lang: "résolution 75/302, par. 12", "resolution 75/302,
// para. 12".
func (f *FollowUp) Reference(lang string) string {
	w := wordsFor(lang)
	return w.resolution + " " + f.Resolution + ", " + w.para + " " + f.ResolutionParagraph
}

// CiteTable cites a table or dataset by its id: the summary's tables,
// "sect. III.A" for iii-a (and its factors table), the results frameworks
// by their accomplishment, "sect. IV" and "sect. VI".
func (r *Report) CiteTable(lang, id string) string {
	w := wordsFor(lang)
	switch {
	case strings.HasPrefix(id, "summary"):
		return r.Symbol + ", " + w.summary + r.titleOf(lang, id) // two tables: told apart by title
	case strings.HasPrefix(id, "ea-"):
		parts := strings.Split(id, "-") // ea, N, M, kind
		if len(parts) == 4 {
			kind := w.indicators
			if parts[3] == "outputs" {
				kind = w.outputs
			}
			return r.CiteAccomplishment(lang, parts[1]+"."+parts[2]) + ", " + kind
		}
	case strings.HasPrefix(id, "chart-"): // a portal chart: cite its Source instead
		return r.Symbol
	}
	cite := r.Symbol + ", sect. " + strings.ToUpper(strings.ReplaceAll(strings.TrimSuffix(id, "-factors"), "-", "."))
	if strings.HasSuffix(id, "-factors") { // the section's second table
		cite += r.titleOf(lang, id)
	}
	return cite
}

// titleOf is ", " and the title of table id in quotes of the UI language,
// to tell apart two tables of one section; "" when the table is unknown.
func (r *Report) titleOf(lang, id string) string {
	t := r.Table(id)
	if t == nil || t.Title == "" {
		return ""
	}
	return ", " + quote(lang, t.Title)
}

// quoteMarks are the quotation marks of each UI language, opening and
// closing: “…” in English, «\u00a0…\u00a0» in French.
var quoteMarks = map[string][2]string{"en": {"“", "”"}, "fr": {"«\u00a0", "\u00a0»"}}

// quote puts s in the quotation marks of UI language lang (English ones
// for a language without its own).
func quote(lang, s string) string {
	q, ok := quoteMarks[lang]
	if !ok {
		q = quoteMarks["en"]
	}
	return q[0] + s + q[1]
}

// Quoted splits a citation around the title it quotes (quote's marks):
// "A/76/564, summary, “", "Ressources financières", "”"; ok is false when
// it quotes none. The quoted words are the report's, in its language,
// which a page in another language marks as such.
func Quoted(cite string) (before, title, after string, ok bool) {
	for _, lang := range []string{"en", "fr"} {
		q := quoteMarks[lang]
		i := strings.Index(cite, q[0])
		j := strings.LastIndex(cite, q[1])
		if i < 0 || j < i+len(q[0]) {
			continue
		}
		i += len(q[0])
		return cite[:i], cite[i:j], cite[j:], true
	}
	return cite, "", "", false
}

// CiteReport cites the whole report for a bibliography, in a UI language:
// "United Nations, “Exécution du budget …”, A/76/564" (the title is the
// report's own, in its language, which a citation in another says:
// "United Nations, “Exécution du budget …” (in French), A/76/564").
func (r *Report) CiteReport(lang string) string {
	cite := wordsFor(lang).un + ", " + quote(lang, r.Title)
	if lang != r.Language {
		cite += " (" + wordsFor(lang).in + " " + LanguageName(lang, r.Language) + ")"
	}
	return cite + ", " + r.Symbol
}

// languageNames are the names of the official languages, by the language
// they are written in and their code.
var languageNames = map[string]map[string]string{
	"fr": {"ar": "arabe", "zh": "chinois", "en": "anglais", "fr": "français", "ru": "russe", "es": "espagnol"},
	"en": {"ar": "Arabic", "zh": "Chinese", "en": "English", "fr": "French", "ru": "Russian", "es": "Spanish"},
}

// LanguageName is the name of language code in UI language lang ("French"
// in English, "français" in French), or the code when unknown.
func LanguageName(lang, code string) string {
	if n := languageNames[lang][code]; n != "" {
		return n
	}
	if n := languageNames["en"][code]; n != "" && languageNames[lang] == nil {
		return n
	}
	return code
}
