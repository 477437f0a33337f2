package ingest

import (
	"fmt"
	"regexp"
	"sync"

	"pkportal/ingest/lang"
)

// heading is a section heading of the vocabulary.
type heading struct {
	// ID is the language-neutral section ID, e.g. "ii-f".
	ID string `json:"id"`
	// Number is the section number as the portal writes it, e.g. "II.F".
	Number string `json:"number"`
	// Label is the number as printed before the title, e.g. "F.".
	Label string `json:"label"`
	// Title is the title as printed, wrapped lines joined.
	Title string `json:"title"`
	Level int    `json:"level"`
	// Open marks a title whose printed form goes on after the vocabulary's
	// words (e.g. "… dans sa résolution 75/302").
	Open bool `json:"open,omitempty"`
	// Components marks II.F: its children are the components.
	Components bool `json:"components,omitempty"`
	// Chart marks III.C, whose chart is not in the text.
	Chart bool `json:"chart,omitempty"`
	// Variances, Decisions and FollowUp mark sections IV, V and VI.
	Variances bool `json:"variances,omitempty"`
	Decisions bool `json:"decisions,omitempty"`
	FollowUp  bool `json:"follow_up,omitempty"`
}

// vocabulary is the content of sections.json.
type vocabulary struct {
	// Sections are the headings in document order.
	Sections []heading `json:"sections"`
	// Component is the word that starts a component heading.
	Component string `json:"component"`
	// SummaryClosing starts the last paragraph of the summary.
	SummaryClosing string `json:"summary_closing"`
	// Previous is how the summary compares with the previous period, with
	// the placeholders {expenditure} (millions of dollars), {rate} and
	// {period}.
	Previous string `json:"previous"`
	// Months are the month names, January first.
	Months []string `json:"months"`
	// Period is how the first summary sentence writes the period.
	Period string `json:"period"`
	// FirstDay is how the first day of a month is printed ("1er").
	FirstDay string `json:"first_day"`
	// MissionArticles are the articles that may precede a mission's name.
	MissionArticles []string `json:"mission_articles"`
	// Title is the report's title pattern with {mission}, {start}, {end}.
	Title string `json:"title"`
	// ResolutionWords introduce resolution numbers ("résolution 74/290").
	ResolutionWords []string `json:"resolution_words"`
	// AndWords join lists of resolutions.
	AndWords []string `json:"and_words"`
	// ItemOpen is what opens a sub-item label: "" for "a)" (French), "("
	// for "(a)" (English).
	ItemOpen string `json:"item_open"`
	// Amount is a regular expression whose first group is an amount in
	// dollars as section V prints it: "80 025 500 dollars", "$80,025,500".
	Amount string `json:"amount"`

	// compiled from the fields above
	items, ownItem, amount *regexp.Regexp
	// FollowUpColumns are the column headings of section VI.
	FollowUpColumns []string `json:"follow_up_columns"`
	// FollowUpRequestVerbs start a request of section VI.
	FollowUpRequestVerbs []string `json:"follow_up_request_verbs"`
	// ParagraphRef is the abbreviation of "paragraph" ("par.").
	ParagraphRef string `json:"paragraph_ref"`
	// FallbackMarkers start text that belongs to the finance or rbb parser;
	// used only when those parsers are not available.
	FallbackMarkers []string `json:"fallback_markers"`
}

var vocabCache sync.Map // language → *vocabulary

// loadVocabulary reads and checks the vocabulary of a language.
func loadVocabulary(language string) (*vocabulary, error) {
	if v, ok := vocabCache.Load(language); ok {
		return v.(*vocabulary), nil
	}
	v := &vocabulary{}
	if err := lang.Load(language, "sections", v); err != nil {
		return nil, err
	}
	if len(v.Sections) == 0 || len(v.Months) != 12 || v.Component == "" || v.Title == "" || v.Period == "" {
		return nil, fmt.Errorf("vocabulary %s/sections.json: sections, months (12), component, period and title are required", language)
	}
	seen := map[string]bool{}
	for _, h := range v.Sections {
		if h.ID == "" || h.Title == "" || h.Level < 1 || h.Level > 2 || seen[h.ID] {
			return nil, fmt.Errorf("vocabulary %s/sections.json: bad or repeated section %q", language, h.ID)
		}
		seen[h.ID] = true
	}
	if v.ItemOpen != "" && v.ItemOpen != "(" {
		return nil, fmt.Errorf("vocabulary %s/sections.json: item_open is \"\" or \"(\"", language)
	}
	open := regexp.QuoteMeta(v.ItemOpen)
	v.items = regexp.MustCompile(`(?:^|[\s:;,])(` + open + `([a-z]|[ivx]{1,4})\)(?:\s|$))`)
	v.ownItem = regexp.MustCompile(`^` + open + `([a-z])\)\s`)
	amount, err := regexp.Compile(v.Amount)
	if err != nil || amount.NumSubexp() < 1 {
		return nil, fmt.Errorf("vocabulary %s/sections.json: amount must be a regular expression with a group: %v", language, err)
	}
	v.amount = amount
	vocabCache.Store(language, v)
	return v, nil
}
