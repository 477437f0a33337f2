package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pkportal/generator/hugobuild"
	"pkportal/report"
)

// reportOf is the fixture report under another symbol, mission and period.
func reportOf(symbol, acronym, period string) *report.Report {
	r := fixture()
	r.Symbol, r.Slug = symbol, strings.ToLower(strings.ReplaceAll(symbol, "/", "-"))
	r.Mission = report.Mission{Acronym: acronym, Name: "Mission " + acronym}
	r.Period = report.Period{Start: period[:4] + "-07-01", End: "20" + period[5:] + "-06-30", Label: period}
	return r
}

func TestHomeGroupsByMissionAndPeriod(t *testing.T) {
	reports := []*report.Report{
		reportOf("A/98/3", "UNMISS", "2018/19"),
		reportOf("A/99/1", "MINUSMA", "2018/19"),
		reportOf("A/99/2", "MINUSMA", "2020/21"),
		reportOf("A/97/5", "UNMISS", "2020/21"),
		reportOf("A/99/4", "MINUSMA", "2019/20"),
	}
	entries := make([]Entry, len(reports))
	for i, r := range reports {
		entries[i] = EntryOf(r)
	}
	h := homeOf(entries, "fr")
	if h.Count != "5 rapports, 2 missions, 3 exercices." {
		t.Errorf("count %q", h.Count)
	}
	var got []string
	for _, g := range h.Missions {
		line := g.ID + ":"
		for _, r := range g.Reports {
			line += " " + r.Period + "=" + r.Symbol
		}
		got = append(got, line)
	}
	want := []string{
		"mission-minusma: 2020/21=A/99/2 2019/20=A/99/4 2018/19=A/99/1",
		"mission-unmiss: 2020/21=A/97/5 2018/19=A/98/3",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("home lists\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// headline figures formatted for the UI language
	r := h.Missions[0].Reports[0]
	if r.Apportionment != "1\u202f183\u202f384,7" || r.Expenditure != "1\u202f103\u202f359,2" || r.Rate != "93,2\u202f%" || r.URL != "/fr/a-99-2/" {
		t.Errorf("fr line %q %q %q %q", r.Apportionment, r.Expenditure, r.Rate, r.URL)
	}
	if r := homeOf(entries, "en").Missions[0].Reports[0]; r.Apportionment != "1,183,384.7" || r.Rate != "93.2%" || r.URL != "/en/a-99-2/" {
		t.Errorf("en line %+v", r)
	}
	if c := homeOf(entries[:1], "en").Count; c != "1 report, 1 mission, 1 period." {
		t.Errorf("en count %q", c)
	}
}

// The rendered home has a table per mission and a jump list.
func TestHomeRendersMissionTables(t *testing.T) {
	dir := t.TempDir()
	src, pub := filepath.Join(dir, "site"), filepath.Join(dir, "public")
	reports := []*report.Report{reportOf("A/99/1", "MINUSMA", "2019/20"), reportOf("A/99/2", "UNMISS", "2020/21")}
	if err := Write(src, reports); err != nil {
		t.Fatal(err)
	}
	if _, err := hugobuild.Build(hugobuild.Options{SiteDir: src, PublishDir: pub}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(pub, "fr", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	home := string(b)
	for _, want := range []string{
		`<li><a href="#mission-unmiss">UNMISS</a></li>`,
		`<h3 id="mission-minusma">MINUSMA <span class="mission-name" lang="fr">Mission MINUSMA</span></h3>`,
		"<tr><th scope=\"row\">2019/20</th><td><a href=\"/fr/a-99-1/\">A/99/1</a></td><td class=\"num\">1\u202f183\u202f384,7</td><td class=\"num\">1\u202f103\u202f359,2</td><td class=\"num\">93,2\u202f%</td></tr>",
	} {
		if !strings.Contains(home, want) {
			t.Errorf("fr home lacks %s", want)
		}
	}
}
