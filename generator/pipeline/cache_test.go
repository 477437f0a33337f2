package pipeline

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"pkportal"
	"pkportal/functions/reportpack"
	"pkportal/generator/synth"
	"pkportal/ingest"
	"pkportal/report"
)

// corpus writes n synthetic reports into a temporary folder.
func corpus(t *testing.T, n int) string {
	t.Helper()
	src, err := os.ReadFile("../../sources/A-76-564.fr.txt")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := synth.Generate(src, n, dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

// siteFiles copies the embedded site files, so that a test may change one.
func siteFiles(t *testing.T) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(pkportal.SiteFiles, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := pkportal.SiteFiles.ReadFile(p)
		m[p] = &fstest.MapFile{Data: b, Mode: 0o644}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestCache: an unchanged report is reused from the cache; changing its
// source, or a template, renders it again; a failed build leaves the
// previous output and a consistent cache.
func TestCache(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the site several times")
	}
	trustNow(t) // the sources' stat is trusted at once: the cases below must see changes anyway
	src := corpus(t, 2)
	paths, _ := filepath.Glob(filepath.Join(src, "*.txt"))
	if len(paths) != 2 {
		t.Fatalf("corpus: %v", paths)
	}
	tmp := t.TempDir()
	out := filepath.Join(tmp, "public")
	files := siteFiles(t)
	o := Options{Src: src, Out: out, Cache: filepath.Join(tmp, "cache"), Synthetic: true, DropReports: true, SiteFiles: files}
	build := func(wantRendered int) *Result {
		t.Helper()
		res, err := Build(o)
		if err != nil {
			t.Fatal(err)
		}
		if res.Rendered != wantRendered || res.Count != 2 {
			t.Fatalf("rendered %d of %d reports, want %d of 2", res.Rendered, res.Count, wantRendered)
		}
		return res
	}
	first := build(2)
	home := filepath.Join(out, "en", "a-99-1001", "index.html")
	section := filepath.Join(out, "en", "a-99-1002", "i", "index.html")
	wantHome, wantSection := read(t, home), read(t, section)
	sitemap := read(t, filepath.Join(out, "fr", "sitemap.xml"))
	for _, slug := range []string{"a-99-1001", "a-99-1002"} {
		if !strings.Contains(sitemap, "/fr/"+slug+"/tables/") {
			t.Errorf("the sitemap lacks the pages of %s", slug)
		}
	}

	// nothing changed: everything from the cache, the same output
	second := build(0)
	if second.Pages != first.Pages {
		t.Errorf("%d pages from the cache, %d rendered", second.Pages, first.Pages)
	}
	if read(t, home) != wantHome || read(t, section) != wantSection || read(t, filepath.Join(out, "fr", "sitemap.xml")) != sitemap {
		t.Error("the output from the cache differs from the rendered one")
	}

	// another output folder, the same cache: every report linked from
	// the cache, the same files
	other := o
	other.Out = filepath.Join(tmp, "other")
	if res, err := Build(other); err != nil || res.Rendered != 0 {
		t.Fatalf("a build into another folder: %v, %+v", err, res)
	}
	sameTree(t, out, other.Out)

	// one source changed: that report only
	b := read(t, paths[1])
	if err := os.WriteFile(paths[1], []byte(b+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	build(1)
	// the previous output's folders taken over (adopt), the changed
	// report's put in: the output of a build from scratch
	fresh := o
	fresh.Out, fresh.Cache = filepath.Join(tmp, "fresh"), ""
	if _, err := Build(fresh); err != nil {
		t.Fatal(err)
	}
	sameTree(t, out, fresh.Out)

	// a source removed: its folders leave the output, the rest is as
	// built from scratch
	gone := filepath.Join(tmp, filepath.Base(paths[1]))
	if err := os.Rename(paths[1], gone); err != nil {
		t.Fatal(err)
	}
	if res, err := Build(o); err != nil || res.Count != 1 || res.Rendered != 0 {
		t.Fatalf("a build without one source: %v, %+v", err, res)
	}
	if _, err := os.Stat(filepath.Dir(section)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the removed report's pages are still published: %v", err)
	}
	if err := os.RemoveAll(fresh.Out); err != nil {
		t.Fatal(err)
	}
	if _, err := Build(fresh); err != nil {
		t.Fatal(err)
	}
	sameTree(t, out, fresh.Out)
	if err := os.Rename(gone, paths[1]); err != nil {
		t.Fatal(err)
	}
	build(1) // its entry was pruned

	// one source changed, its size and modification time as before
	// (only its change time tells): that report only
	fi, err := os.Stat(paths[0])
	if err != nil {
		t.Fatal(err)
	}
	a := read(t, paths[0])
	same := strings.Replace(a, "pandémie", "Pandémie", 1)
	if same == a {
		t.Fatal("the corpus has no pandémie")
	}
	time.Sleep(20 * time.Millisecond) // past the file system clock's tick
	if err := os.WriteFile(paths[0], []byte(same), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(paths[0], fi.ModTime(), fi.ModTime()); err != nil {
		t.Fatal(err)
	}
	build(1)
	build(0)

	// an entry whose file lost its sitemap pieces: rendered again, and the
	// sitemap is whole
	entries, _ := filepath.Glob(filepath.Join(tmp, "cache", "reports", "*", entryFile))
	if len(entries) != 2 {
		t.Fatalf("cache entries: %v", entries)
	}
	head, _, _ := strings.Cut(read(t, entries[0]), "\x00")
	if err := os.WriteFile(entries[0], []byte(head), 0o644); err != nil {
		t.Fatal(err)
	}
	build(1)
	if read(t, filepath.Join(out, "fr", "sitemap.xml")) != sitemap {
		t.Error("the sitemap differs after an entry was rendered again")
	}

	// an entry whose list of files lost its second half (a cache restored
	// from elsewhere may come back so): a miss, rendered again, not a
	// report published without half its pages; a build into a new folder,
	// which links every kept report from the cache, shows it
	lists, _ := filepath.Glob(filepath.Join(tmp, "cache", "reports", "*", "files.txt"))
	if len(lists) != 2 {
		t.Fatalf("cache lists: %v", lists)
	}
	list := read(t, lists[1])
	if err := os.WriteFile(lists[1], []byte(list[:len(list)/2]), 0o644); err != nil {
		t.Fatal(err)
	}
	third := o
	third.Out = filepath.Join(tmp, "third")
	if res, err := Build(third); err != nil || res.Rendered != 1 {
		t.Fatalf("a build with an entry's list damaged: %v, %+v; want it rendered again", err, res)
	}
	sameTree(t, out, third.Out)

	// a template changed: every report
	const mark = `<p class="layout-v2"></p>`
	f := files["layouts/report/reportsection.html"]
	f.Data = []byte(strings.Replace(string(f.Data), "</article>", "</article>"+mark, 1))
	build(2)
	if !strings.Contains(read(t, section), mark) {
		t.Error("a report section page does not show the changed template")
	}
	good := read(t, section)

	// a failed build (a source that does not parse): the output and the
	// cache stay as they were
	if err := os.WriteFile(paths[1], []byte("not a report\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Build(o); err == nil {
		t.Fatal("a build with a broken source succeeded")
	}
	if read(t, section) != good {
		t.Error("a failed build changed the published output")
	}
	leftovers, _ := filepath.Glob(filepath.Join(tmp, ".public-build-*"))
	tmps, _ := filepath.Glob(filepath.Join(tmp, "cache", "reports", ".tmp-*"))
	if len(leftovers)+len(tmps) > 0 {
		t.Errorf("a failed build left %v %v", leftovers, tmps)
	}
	if err := os.WriteFile(paths[1], []byte(b), 0o644); err != nil {
		t.Fatal(err)
	}
	build(1) // the first report's entry survived the failure
	if read(t, section) != good {
		t.Error("the rebuilt output differs")
	}
}

// TestCacheConcurrentBuilds: two builds with one cache folder (e.g. the
// default one) wait for each other instead of pruning each other's entries.
func TestCacheConcurrentBuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the site")
	}
	cache := filepath.Join(t.TempDir(), "cache")
	srcs := []string{corpus(t, 1), corpus(t, 2)}
	errs := make(chan error, len(srcs))
	for _, src := range srcs {
		go func() {
			_, err := Build(Options{Src: src, Out: filepath.Join(t.TempDir(), "public"), Cache: cache, Synthetic: true, DropReports: true})
			errs <- err
		}()
	}
	for range srcs {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

// TestFailedAssembly: a build that fails while putting the output
// together (a report's cached files gone) leaves the previous output as it
// was, although its folders had been taken over (adopt) and a changed
// report's new folders moved into them.
func TestFailedAssembly(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the site twice")
	}
	src := corpus(t, 2)
	tmp := t.TempDir()
	out := filepath.Join(tmp, "public")
	o := Options{Src: src, Out: out, Cache: filepath.Join(tmp, "cache"), Synthetic: true}
	if _, err := Build(o); err != nil {
		t.Fatal(err)
	}
	// a-99-1002's French pages must come from the cache, whose files
	// are gone; a-99-1001's are taken over with the folder fr/
	if err := os.RemoveAll(filepath.Join(out, "fr", "a-99-1002")); err != nil {
		t.Fatal(err)
	}
	outs, _ := filepath.Glob(filepath.Join(tmp, "cache", "reports", "*", "out"))
	if len(outs) != 2 {
		t.Fatalf("cache entries: %v", outs)
	}
	for _, d := range outs {
		if err := os.RemoveAll(d); err != nil {
			t.Fatal(err)
		}
	}
	// and A/99/1001 changed: rendered again, its new folders moved into
	// the taken-over fr/ and en/ before the failure
	paths, _ := filepath.Glob(filepath.Join(src, "*.txt"))
	a := read(t, paths[0])
	changed := strings.Replace(a, "pandémie", "Pandémie", 1)
	if changed == a {
		t.Fatal("the corpus has no pandémie")
	}
	if err := os.WriteFile(paths[0], []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}
	before := filepath.Join(tmp, "before")
	if err := copyTree(out, before); err != nil {
		t.Fatal(err)
	}
	if _, err := Build(o); err == nil {
		t.Fatal("a build whose cached files are gone succeeded")
	}
	sameTree(t, out, before)
}

// sameTree fails unless the folders a and b hold the same files and
// folders.
func sameTree(t *testing.T, a, b string) {
	t.Helper()
	files := func(root string) map[string]string {
		m := map[string]string{}
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(root, p)
			if d.IsDir() {
				m[rel+"/"] = "(folder)"
				return nil
			}
			m[rel] = read(t, p)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	fa, fb := files(a), files(b)
	if len(fa) != len(fb) {
		t.Errorf("%d files in %s, %d in %s", len(fa), a, len(fb), b)
	}
	for rel, x := range fa {
		if y, ok := fb[rel]; !ok || x != y {
			t.Errorf("%s differs (present: %v)", rel, ok)
		}
	}
}

// TestReportsReadBack: a build that returns the structured reports (the
// tests' builds; serve and the deploy's build drop them) reads those of
// the cache back from their report.json, the same reports as ingested; an entry whose report.json
// cannot be read is ingested again. The search index is kept in the cache
// while the reports do not change.
func TestReportsReadBack(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the site four times")
	}
	src := corpus(t, 2)
	tmp := t.TempDir()
	o := Options{Src: src, Out: filepath.Join(tmp, "public"), Cache: filepath.Join(tmp, "cache"), Synthetic: true}
	build := func(wantRendered int) []*report.Report {
		t.Helper()
		res, err := Build(o)
		if err != nil {
			t.Fatal(err)
		}
		if res.Rendered != wantRendered || len(res.Reports) != 2 {
			t.Fatalf("rendered %d, %d reports returned; want %d rendered, 2 returned", res.Rendered, len(res.Reports), wantRendered)
		}
		return res.Reports
	}
	ingested, err := ingest.ParseDir(src)
	if err != nil {
		t.Fatal(err)
	}
	// the functions' data written by both builds (the second's is the
	// cache's copy, its reports being those of the first): the same
	o.FunctionsData, o.SearchIndex = filepath.Join(tmp, "1.pack"), filepath.Join(tmp, "1.idx")
	if first := build(2); !reflect.DeepEqual(first, ingested) {
		t.Fatal("the reports of a first build differ from ingest's")
	}
	o.FunctionsData, o.SearchIndex = filepath.Join(tmp, "2.pack"), filepath.Join(tmp, "2.idx")
	if back := build(0); !reflect.DeepEqual(back, ingested) {
		t.Fatal("the reports read back from the cache differ from ingest's")
	}
	o.FunctionsData, o.SearchIndex = "", ""
	pack, err := reportpack.Open([]byte(read(t, filepath.Join(tmp, "2.pack"))))
	if err != nil {
		t.Fatal(err)
	}
	if got := pack.Slugs(); len(got) != 2 {
		t.Errorf("the functions' pack holds %v", got)
	}
	for _, f := range []string{"pack", "idx"} {
		if read(t, filepath.Join(tmp, "1."+f)) != read(t, filepath.Join(tmp, "2."+f)) {
			t.Errorf("the functions' %s from read-back reports differs", f)
		}
	}

	// the cached report.json of A/99/1001 (a hard link of the output's)
	var cached string
	outs, _ := filepath.Glob(filepath.Join(tmp, "cache", "reports", "*", "out", "*"))
	for _, p := range outs {
		if b := read(t, p); strings.HasPrefix(b, "{\n \"$schema\"") && strings.Contains(b, `"symbol": "A/99/1001"`) {
			cached = p
		}
	}
	if cached == "" {
		t.Fatal("no report.json of A/99/1001 in the cache")
	}
	good := read(t, cached)
	title := ingested[0].Title
	if err := os.WriteFile(cached, []byte(strings.Replace(good, title, "Read back", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := build(0)[0].Title; got != "Read back" {
		t.Fatalf("title %q: the report was not read from the cache", got)
	}
	if err := os.WriteFile(cached, []byte(good[:len(good)/2]), 0o644); err != nil {
		t.Fatal(err)
	}
	if back := build(0); !reflect.DeepEqual(back, ingested) {
		t.Fatal("a report whose cached report.json is cut was not ingested again")
	}

	// the search index (serve's, the function's) kept in the cache while
	// the reports do not change, made again when one does
	index := func() string {
		t.Helper()
		o.KeepSearchIndex = true
		defer func() { o.KeepSearchIndex = false }()
		res, err := Build(o)
		if err != nil {
			t.Fatal(err)
		}
		return string(res.SearchIndex)
	}
	if got := index(); got != read(t, filepath.Join(tmp, "1.idx")) {
		t.Fatal("the kept search index differs from the written one")
	}
	// the index, and the list of the reports it was made of
	indexes := func() []string {
		m, _ := filepath.Glob(filepath.Join(tmp, "cache", "derived", "search.idx-*"))
		return slices.DeleteFunc(m, func(p string) bool { return strings.HasSuffix(p, ".keys") })
	}
	kept := indexes()
	if len(kept) != 1 {
		t.Fatalf("search indexes in the cache: %v", kept)
	}
	// another file in its place, with its sum: what the build hands on
	// shows whether it was taken from the cache
	if err := os.WriteFile(kept[0], []byte("kept"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, keys, _ := strings.Cut(read(t, kept[0]+".keys"), "\n")
	if err := os.WriteFile(kept[0]+".keys", []byte(sumPrefix+sha256Hex([]byte("kept"))+"\n"+keys), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := index(); got != "kept" {
		t.Fatalf("the search index was made again (%d bytes), not taken from the cache", len(got))
	}
	paths, _ := filepath.Glob(filepath.Join(src, "*.txt"))
	if err := os.WriteFile(paths[1], []byte(read(t, paths[1])+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := index(); got == "kept" || len(got) < 1000 {
		t.Fatalf("a report changed, the search index is still the cached one (%d bytes)", len(got))
	}
	if now := indexes(); len(now) != 1 || now[0] == kept[0] {
		t.Errorf("search indexes in the cache after a change: %v (was %v)", now, kept)
	}
}

// TestEncodingsWithoutReports: a build that drops the structured reports
// (generator build, serve) but writes the functions' pack and search
// index reads no report back while the cache holds both for its reports,
// nor those it renders when it makes both, nor, when one report changed,
// the others: their part of both is taken from the previous pack and
// index. The files are those a build from scratch writes, also when the
// kept ones are damaged, or the previous index is damaged or its list of
// reports lost (the reports are then read back).
func TestEncodingsWithoutReports(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the site nine times")
	}
	src := corpus(t, 3)
	tmp := t.TempDir()
	o := Options{Src: src, Out: filepath.Join(tmp, "public"), Cache: filepath.Join(tmp, "cache"), Synthetic: true,
		DropReports: true, KeepFunctionsData: true, KeepSearchIndex: true,
		FunctionsData: filepath.Join(tmp, "reports.pack"), SearchIndex: filepath.Join(tmp, "search.idx")}
	build := func(o Options) (*Result, bool) {
		t.Helper()
		res, err := Build(o)
		if err != nil {
			t.Fatal(err)
		}
		if res.Reports != nil {
			t.Errorf("%d structured reports returned, with DropReports", len(res.Reports))
		}
		if string(res.FunctionsData) != read(t, o.FunctionsData) || string(res.SearchIndex) != read(t, o.SearchIndex) {
			t.Error("the pack or index kept differs from the one written")
		}
		for _, st := range res.Steps {
			if st.Name == "reports read back" {
				return res, true
			}
		}
		return res, false
	}
	// the encodings a build without a cache makes, from the reports it ingests
	fresh := func() (pack, index string) {
		t.Helper()
		f := o
		f.Cache, f.Out = "", filepath.Join(tmp, "fresh")
		f.FunctionsData, f.SearchIndex = filepath.Join(tmp, "fresh.pack"), filepath.Join(tmp, "fresh.idx")
		build(f)
		return read(t, f.FunctionsData), read(t, f.SearchIndex)
	}
	// the cache filled: the reports rendered make both, none read back
	if _, readBack := build(o); readBack {
		t.Error("a first build read back the reports it had just rendered")
	}
	if _, readBack := build(o); readBack {
		t.Error("nothing changed and both encodings are in the cache, yet the reports were read back")
	}
	if p, _ := reportpack.Open([]byte(read(t, o.FunctionsData))); p == nil || len(p.Slugs()) != 3 {
		t.Fatalf("the functions' pack does not hold the 3 reports")
	}

	paths, _ := filepath.Glob(filepath.Join(src, "*.txt"))
	// the last report: the first two fill the pack's dictionary, and a
	// change there would make every report's part again
	if err := os.WriteFile(paths[2], []byte(strings.Replace(read(t, paths[2]), "les rations", "les vivres", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	res, readBack := build(o)
	if readBack || res.Rendered != 1 {
		t.Fatalf("one report changed: %d rendered, reports read back: %v; want 1 and false", res.Rendered, readBack)
	}
	pack, index := fresh()
	if read(t, o.FunctionsData) != pack || read(t, o.SearchIndex) != index {
		t.Error("after a change, the pack or index differs from a build's from scratch")
	}

	// the previous index damaged, then its list of reports lost: the
	// other reports are read back
	derived := func(pattern string) string {
		t.Helper()
		m, _ := filepath.Glob(filepath.Join(tmp, "cache", "derived", pattern))
		if len(m) != 1 {
			t.Fatalf("%s in the cache: %v", pattern, m)
		}
		return m[0]
	}
	// both kept files damaged (a byte changed: what a cache restored from
	// elsewhere may bring back), nothing changed: made again, not handed on
	for _, pattern := range []string{"search.idx-*.keys", "reports.pack-*.keys"} {
		p := strings.TrimSuffix(derived(pattern), ".keys")
		b := []byte(read(t, p))
		b[len(b)/2] ^= 0x20
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	build(o)
	if read(t, o.FunctionsData) != pack || read(t, o.SearchIndex) != index {
		t.Error("the kept pack and index damaged: the files written differ from a build's from scratch")
	}

	for _, damage := range []func(){
		func() {
			p := strings.TrimSuffix(derived("search.idx-*.keys"), ".keys")
			if err := os.WriteFile(p, []byte(read(t, p)[:1000]), 0o644); err != nil {
				t.Fatal(err)
			}
		},
		func() { os.Remove(derived("search.idx-*.keys")) },
	} {
		damage()
		if err := os.WriteFile(paths[0], []byte(read(t, paths[0])+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, readBack := build(o); !readBack {
			t.Error("the previous index unusable: the other reports were not read back")
		}
		pack, index := fresh()
		if read(t, o.FunctionsData) != pack || read(t, o.SearchIndex) != index {
			t.Error("the previous index unusable: the pack or index differs from a build's from scratch")
		}
	}
}
