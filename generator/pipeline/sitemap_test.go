package pipeline

import (
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// sitemapLocs parses a sitemap (or sitemap index) file and returns its
// <loc> values.
func sitemapLocs(t *testing.T, path string) []string {
	t.Helper()
	var doc struct {
		URLs     []string `xml:"url>loc"`
		Sitemaps []string `xml:"sitemap>loc"`
	}
	if err := xml.Unmarshal([]byte(read(t, path)), &doc); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return append(doc.URLs, doc.Sitemaps...)
}

// TestSitemapParts: past the protocol's 50,000 URLs (here lowered to 40)
// a language's sitemap continues in sitemap-2.xml…, each part a valid
// sitemap within the limit, together the same URLs in the same order as
// one sitemap, each part listed by the index; robots.txt names the index.
func TestSitemapParts(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the site twice")
	}
	src := corpus(t, 2)
	tmp := t.TempDir()
	build := func(name string) string {
		t.Helper()
		out := filepath.Join(tmp, name)
		if _, err := Build(Options{Src: src, Out: out, Cache: "", Synthetic: true}); err != nil {
			t.Fatal(err)
		}
		return out
	}
	whole := build("whole")
	saved := sitemapLimits
	sitemapLimits.urls = 40
	defer func() { sitemapLimits = saved }()
	split := build("split")

	index := sitemapLocs(t, filepath.Join(split, "sitemap.xml"))
	var wantIndex []string // the parts of each language, after its own entry
	for _, loc := range sitemapLocs(t, filepath.Join(whole, "sitemap.xml")) {
		wantIndex = append(wantIndex, loc)
		lang := filepath.Base(filepath.Dir(loc))
		want := sitemapLocs(t, filepath.Join(whole, lang, "sitemap.xml"))
		if len(want) <= 80 {
			t.Fatalf("%s: %d URLs, too few to need three parts of 40", lang, len(want))
		}
		var got []string
		parts := (len(want) + 39) / 40
		for k := 1; k <= parts; k++ {
			name := "sitemap.xml"
			if k > 1 {
				name = fmt.Sprintf("sitemap-%d.xml", k)
				wantIndex = append(wantIndex, strings.TrimSuffix(loc, "sitemap.xml")+name)
			}
			locs := sitemapLocs(t, filepath.Join(split, lang, name))
			if len(locs) == 0 || len(locs) > 40 {
				t.Errorf("%s/%s: %d URLs, want 1 to 40", lang, name, len(locs))
			}
			got = append(got, locs...)
		}
		if _, err := os.Stat(filepath.Join(split, lang, fmt.Sprintf("sitemap-%d.xml", parts+1))); err == nil {
			t.Errorf("%s: a part more than %d", lang, parts)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: the parts hold %d URLs, the whole sitemap %d (or in another order)", lang, len(got), len(want))
		}
	}
	if len(wantIndex) < 6 || !slices.Equal(index, wantIndex) {
		t.Errorf("sitemap index:\n%v\nwant\n%v", index, wantIndex)
	}
	if robots := read(t, filepath.Join(split, "robots.txt")); !strings.Contains(robots, "Sitemap: http") || !strings.Contains(robots, "/sitemap.xml") {
		t.Errorf("robots.txt does not name the sitemap index:\n%s", robots)
	}
}

// TestFeedListsTheMostRecent: the feed holds hugo.toml's feedlimit
// entries (here 1 of 2 reports; the layout sorts them by period, latest
// first), in valid Atom.
func TestFeedListsTheMostRecent(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the site")
	}
	files := siteFiles(t)
	conf := string(files["hugo.toml"].Data)
	if !strings.Contains(conf, "feedlimit = 50") {
		t.Fatal("hugo.toml has no feedlimit = 50")
	}
	files["hugo.toml"].Data = []byte(strings.Replace(conf, "feedlimit = 50", "feedlimit = 1", 1))
	src := corpus(t, 2)
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Options{Src: src, Out: out, Cache: "", Synthetic: true, SiteFiles: files}); err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"fr", "en"} {
		var feed struct {
			Entries []struct {
				Title   string `xml:"title"`
				Updated string `xml:"updated"`
			} `xml:"entry"`
		}
		if err := xml.Unmarshal([]byte(read(t, filepath.Join(out, lang, "reports.xml"))), &feed); err != nil {
			t.Fatalf("%s feed: %v", lang, err)
		}
		if len(feed.Entries) != 1 {
			t.Errorf("%s feed: %d entries, want 1", lang, len(feed.Entries))
		}
	}
}
