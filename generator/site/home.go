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

// homeOf groups the reports by mission for the home page in lang.
func homeOf(reports []*report.Report, lang string) Home {
	byAcronym := map[string]*MissionGroup{}
	periods := map[string]bool{}
	latest := map[string]string{} // acronym → start of the period its name comes from
	for _, r := range reports {
		g := byAcronym[r.Mission.Acronym]
		if g == nil {
			g = &MissionGroup{ID: "mission-" + anchor(r.Mission.Acronym), Acronym: r.Mission.Acronym}
			byAcronym[r.Mission.Acronym] = g
		}
		if r.Period.Start >= latest[r.Mission.Acronym] {
			latest[r.Mission.Acronym] = r.Period.Start
			g.Name, g.Lang = r.Mission.Name, r.Language
		}
		h := newViewer(r, lang).headline()
		g.Reports = append(g.Reports, ReportLine{
			Period: r.Period.Label, Symbol: r.Symbol, URL: r.URL(lang, "", ""), Title: r.Title, Lang: r.Language,
			Apportionment: h.apportionment, Expenditure: h.expenditure, Rate: h.rate,
		})
		periods[r.Period.Label] = true
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
	home.Count = count(len(reports), w.nReports) + ", " + count(len(home.Missions), w.nMissions) + ", " + count(len(periods), w.nPeriods) + "."
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
func writeHome(dir string, reports []*report.Report) error {
	all := map[string]Home{}
	for _, lang := range Languages {
		all[lang] = homeOf(reports, lang)
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
