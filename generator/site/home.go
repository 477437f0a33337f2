package site

import (
	"cmp"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"pkportal/report"
)

// Home is what the portal's home page lists in one UI language: every
// report, grouped by mission (by acronym), the most recent period first, so
// that hundreds of reports stay easy to scan.
type Home struct {
	// Count says how many reports, missions and periods the portal holds.
	Count    string         `json:"count"`
	Missions []MissionGroup `json:"missions"`
}

// MissionGroup is one mission with its reports.
type MissionGroup struct {
	// ID is the heading's anchor, e.g. "mission-minusma".
	ID      string `json:"id"`
	Acronym string `json:"acronym"`
	// Name is the mission's full name, in Lang (the language of its
	// latest report).
	Name    string       `json:"name"`
	Lang    string       `json:"lang"`
	Reports []ReportLine `json:"reports"`
}

// ReportLine is one report in its mission's table: its period, symbol,
// link and headline figures formatted for the UI language.
type ReportLine struct {
	Period        string `json:"period"`
	Symbol        string `json:"symbol"`
	URL           string `json:"url"`
	Title         string `json:"title"`
	Lang          string `json:"lang"`
	Apportionment string `json:"apportionment"`
	Expenditure   string `json:"expenditure"`
	Rate          string `json:"rate"`
}

// lineOf is the line of a report in the portal home's lists in lang.
func lineOf(r *report.Report, lang string) ReportLine {
	h := newViewer(r, lang).headline()
	return ReportLine{
		Period: r.Period.Label, Symbol: r.Symbol, URL: r.URL(lang, "", ""), Title: r.Title, Lang: r.Language,
		Apportionment: h.apportionment, Expenditure: h.expenditure, Rate: h.rate,
	}
}

// homeOf groups the reports' entries by mission for the home page in lang.
func homeOf(entries []Entry, lang string) Home {
	byAcronym := map[string]*MissionGroup{}
	periods := map[string]bool{}
	latest := map[string]string{} // acronym → start of the period its name comes from
	for _, e := range entries {
		g := byAcronym[e.Mission.Acronym]
		if g == nil {
			g = &MissionGroup{ID: "mission-" + anchor(e.Mission.Acronym), Acronym: e.Mission.Acronym}
			byAcronym[e.Mission.Acronym] = g
		}
		if e.Period.Start >= latest[e.Mission.Acronym] {
			latest[e.Mission.Acronym] = e.Period.Start
			g.Name, g.Lang = e.Mission.Name, e.Language
		}
		g.Reports = append(g.Reports, e.Lines[lang])
		periods[e.Period.Label] = true
	}
	var home Home
	for _, g := range byAcronym {
		// the most recent period first; a period's reports by symbol
		slices.SortFunc(g.Reports, func(a, b ReportLine) int {
			return cmp.Or(-cmp.Compare(a.Period, b.Period), cmp.Compare(a.Symbol, b.Symbol))
		})
		home.Missions = append(home.Missions, *g)
	}
	slices.SortFunc(home.Missions, func(a, b MissionGroup) int { return cmp.Compare(a.Acronym, b.Acronym) })
	w := uiWords[lang]
	home.Count = count(len(entries), w.nReports) + ", " + count(len(home.Missions), w.nMissions) + ", " + count(len(periods), w.nPeriods) + "."
	return home
}

// anchor turns a name into the letters, digits and hyphens of an HTML id.
func anchor(s string) string {
	var b strings.Builder
	for _, c := range strings.ToLower(s) {
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			b.WriteRune(c)
		default:
			b.WriteByte('-')
		}
	}
	return b.String()
}

// writeHome writes data/home.json, the home page's lists in every UI
// language, read by layouts/home.html.
func writeHome(dir string, entries []Entry) error {
	all := map[string]Home{}
	for _, lang := range Languages {
		all[lang] = homeOf(entries, lang)
	}
	b, err := json.Marshal(all)
	if err != nil {
		return err
	}
	d := filepath.Join(dir, "data")
	if err := os.MkdirAll(d, 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(d, "home.json"), b, 0o644)
}
