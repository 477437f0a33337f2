package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"pkportal"
	"pkportal/generator/pipeline"
	"pkportal/generator/synth"
	"pkportal/report"

	"github.com/pelletier/go-toml/v2"
)

var (
	buildOnce sync.Once
	built     *pipeline.Result
	builtDir  string
	buildErr  error
)

// buildReal builds the real report once for the tests of this package.
func buildReal(t *testing.T) (*pipeline.Result, string) {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "pkportal-test-")
		if err != nil {
			buildErr = err
			return
		}
		builtDir = filepath.Join(dir, "public")
		// what serve asks for, and the structured reports
		built, buildErr = pipeline.Build(pipeline.Options{Src: "../sources", Out: builtDir, KeepSearchIndex: true, KeepFunctionsData: true})
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return built, builtDir
}

func TestMain(m *testing.M) {
	code := m.Run()
	if builtDir != "" {
		os.RemoveAll(filepath.Dir(builtDir))
	}
	os.Exit(code)
}

// TestWholeReportAtItsAnchors checks that every paragraph, table,
// expected accomplishment, indicator and output of the report is on the
// portal, in both UI languages, at the anchors of DESIGN.md.
func TestWholeReportAtItsAnchors(t *testing.T) {
	res, out := buildReal(t)
	r := res.Reports[0]
	pageOf := r.PageOf()
	for _, lang := range []string{"fr", "en"} {
		cache := map[string]string{}
		page := func(p string) string {
			if _, ok := cache[p]; !ok {
				b, err := os.ReadFile(filepath.Join(out, lang, r.Slug, p, "index.html"))
				if err != nil {
					t.Fatalf("%s: %v", lang, err)
				}
				cache[p] = string(b)
			}
			return cache[p]
		}
		has := func(p, id string) {
			t.Helper()
			if !strings.Contains(page(p), `id="`+id+`"`) {
				t.Errorf("/%s/%s/%s/ lacks #%s", lang, r.Slug, p, id)
			}
		}
		paragraphs := 0
		r.Walk(func(s *report.Section) {
			for _, b := range s.Blocks {
				switch {
				case b.Paragraph != nil:
					has(pageOf[s.ID], b.Paragraph.ID)
					if b.Paragraph.Number > 0 {
						paragraphs++
					}
				case b.Table != "":
					has(pageOf[s.ID], "table-"+b.Table)
					has("tables/"+b.Table, "table-"+b.Table)
				}
			}
		})
		if paragraphs != 74 {
			t.Errorf("%d numbered paragraphs, want 74", paragraphs)
		}
		for _, c := range r.Components {
			for _, ea := range c.Accomplishments {
				has(pageOf[c.ID], ea.ID)
				for _, in := range ea.Indicators {
					has(pageOf[c.ID], in.ID)
				}
				for _, o := range ea.Outputs {
					has(pageOf[c.ID], o.ID)
				}
			}
		}
	}
}

// TestServeEndToEnd builds the real report and checks what the README
// promises: the report home, search and CSV answer; a bad table is a 4xx.
func TestServeEndToEnd(t *testing.T) {
	res, out := buildReal(t)
	h, err := server(res, out)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	get := func(path string) (*http.Response, string) {
		t.Helper()
		r, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(r.Body)
		r.Body.Close()
		return r, string(b)
	}

	for _, p := range []string{"/fr/a-76-564/", "/en/a-76-564/"} {
		r, body := get(p)
		if r.StatusCode != 200 || !strings.Contains(body, "MINUSMA") || !strings.Contains(body, `lang="fr"`) {
			t.Errorf("%s: status %d, MINUSMA or lang=fr missing", p, r.StatusCode)
		}
		if r.Header.Get("Content-Security-Policy") == "" {
			t.Errorf("%s: no CSP header", p)
		}
	}

	r, body := get("/api/search?q=rations")
	var ans struct {
		Total   int `json:"total"`
		Results []struct {
			URL string `json:"url"`
		} `json:"results"`
	}
	if r.StatusCode != 200 || json.Unmarshal([]byte(body), &ans) != nil || ans.Total == 0 {
		t.Fatalf("search: status %d body %.200s", r.StatusCode, body)
	}
	// every result URL leads to a page that has the anchor
	for _, res := range ans.Results {
		page, anchor, _ := strings.Cut(res.URL, "#")
		pr, pbody := get(page)
		if pr.StatusCode != 200 || !strings.Contains(pbody, `id="`+anchor+`"`) {
			t.Errorf("search result %s does not resolve", res.URL)
		}
	}

	r, body = get("/api/csv?report=a-76-564&table=iii-a")
	if r.StatusCode != 200 || r.Header.Get("Content-Type") != "text/csv; charset=utf-8" {
		t.Fatalf("csv: status %d type %q", r.StatusCode, r.Header.Get("Content-Type"))
	}
	recs, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil || len(recs) < 10 {
		t.Fatalf("csv: %v, %d records", err, len(recs))
	}

	r, body = get("/api/csv?report=a-76-564&table=nope")
	if r.StatusCode != 400 || !strings.Contains(body, "table") {
		t.Errorf("unknown table: status %d %q", r.StatusCode, body)
	}

	// a paragraph permalink lands on the paragraph's page with its anchor:
	// a 301 where the host applies _redirects (Netlify, generator serve)…
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	r, err = c.Get(srv.URL + "/fr/a-76-564/par/26/")
	if err != nil {
		t.Fatal(err)
	}
	r.Body.Close()
	if r.StatusCode != 301 || r.Header.Get("Location") != "/fr/a-76-564/ii-f-1/#par-26" {
		t.Errorf("permalink of par. 26: %d → %q", r.StatusCode, r.Header.Get("Location"))
	}
	// …and an HTML redirect on any other static host
	b, err := os.ReadFile(filepath.Join(out, "fr/a-76-564/par/26/index.html"))
	if err != nil || !strings.Contains(string(b), "url=/fr/a-76-564/ii-f-1/#par-26") {
		t.Errorf("static permalink page of par. 26: %v %.300s", err, b)
	}
}

// TestFailedBuildKeepsPreviousOutput checks the build is atomic.
func TestFailedBuildKeepsPreviousOutput(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	marker := filepath.Join(out, "index.html")
	_ = os.WriteFile(marker, []byte("previous"), 0o644)
	src := filepath.Join(dir, "src")
	_ = os.MkdirAll(src, 0o755)
	real, err := os.ReadFile("../sources/A-76-564.fr.txt")
	if err != nil {
		t.Fatal(err)
	}
	// the report cut in the middle of section III
	cut := real[:bytes.Index(real, []byte("D. Autres produits et ajustements"))]
	_ = os.WriteFile(filepath.Join(src, "A-76-564.fr.txt"), cut, 0o644)

	var stderr bytes.Buffer
	err = run([]string{"build", "-src", src, "-o", out}, io.Discard, &stderr)
	if err == nil {
		t.Fatal("build of a truncated report succeeded")
	}
	if !strings.Contains(err.Error(), "A-76-564.fr.txt") {
		t.Errorf("error does not name the file: %v", err)
	}
	if b, _ := os.ReadFile(marker); string(b) != "previous" {
		t.Error("previous output was changed by a failed build")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), "-build-") {
			t.Errorf("temporary folder left behind: %s", e.Name())
		}
	}
}

func TestIngestCommand(t *testing.T) {
	var out bytes.Buffer
	if err := run([]string{"ingest", "../sources/A-76-564.fr.txt"}, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	var r struct {
		Symbol string `json:"symbol"`
	}
	if err := json.Unmarshal(out.Bytes(), &r); err != nil || r.Symbol != "A/76/564" {
		t.Errorf("ingest output: %v, symbol %q", err, r.Symbol)
	}
	bad := filepath.Join(t.TempDir(), "A-1-1.fr.txt")
	_ = os.WriteFile(bad, []byte("\n\n"), 0o644)
	err := run([]string{"ingest", bad}, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "A-1-1.fr.txt") {
		t.Errorf("ingest of an empty file: %v", err)
	}
	if err := run([]string{"frobnicate"}, io.Discard, io.Discard); err == nil {
		t.Error("unknown command accepted")
	}
}

// TestDamagedSourcesFailCleanly feeds the build damaged sources: each
// fails with an error naming the file (and the line where there is one),
// and the previous output stays as it was.
func TestDamagedSourcesFailCleanly(t *testing.T) {
	real, err := os.ReadFile("../sources/A-76-564.fr.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := string(real)
	cases := []struct {
		name, data, want string
	}{
		{"empty", "", "no text"},
		{"random bytes", "\x00\x01\xfe\xff garbage \x00", "A-76-564.fr.txt"},
		{"truncated", text[:len(text)/3], "A-76-564.fr.txt"},
		{"duplicate paragraph", strings.Replace(text, "\n27. Marquée par", "\n26. Marquée par", 1), "A-76-564.fr.txt:"},
		{"figures that do not add up", strings.Replace(text, "2 165,6  1 321,2  844,4", "2 165,6  1 321,2  845,4", 1), "A-76-564.fr.txt:"},
		{"missing section", strings.Replace(text, "V. Décisions que l’Assemblée générale est appelée à prendre", "Décisions", 1), "A-76-564.fr.txt"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.data == text {
				t.Fatal("the damage did not apply: the test no longer matches the source")
			}
			dir := t.TempDir()
			src, out := filepath.Join(dir, "src"), filepath.Join(dir, "public")
			_ = os.MkdirAll(src, 0o755)
			_ = os.MkdirAll(out, 0o755)
			_ = os.WriteFile(filepath.Join(out, "index.html"), []byte("previous"), 0o644)
			_ = os.WriteFile(filepath.Join(src, "A-76-564.fr.txt"), []byte(c.data), 0o644)
			err := run([]string{"build", "-src", src, "-o", out}, io.Discard, io.Discard)
			if err == nil {
				t.Fatal("build succeeded")
			}
			t.Log(err)
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q does not contain %q", err, c.want)
			}
			if b, _ := os.ReadFile(filepath.Join(out, "index.html")); string(b) != "previous" {
				t.Error("previous output changed")
			}
		})
	}
}

// A synthetic report is never published by mistake.
func TestSyntheticReportsNeedTheFlag(t *testing.T) {
	real, err := os.ReadFile("../sources/A-76-564.fr.txt")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	src, out := filepath.Join(dir, "src"), filepath.Join(dir, "public")
	if err := synth.Generate(real, 2, src); err != nil {
		t.Fatal(err)
	}
	err = run([]string{"build", "-src", src, "-o", out}, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "synthetic") {
		t.Fatalf("build of a synthetic report without -synthetic: %v", err)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Error("output written")
	}
	var stderr bytes.Buffer
	if err := run([]string{"build", "-synthetic", "-src", src, "-o", out, "-cache", ""}, io.Discard, &stderr); err != nil {
		t.Fatalf("with -synthetic: %v", err)
	}
	// without -base the pages name a local root: the build says so
	if !strings.Contains(stderr.String(), "no -base") {
		t.Errorf("a build without -base says nothing of it: %q", stderr.String())
	}
	stderr.Reset()
	if err := run([]string{"build", "-synthetic", "-base", "https://pk.example.org/", "-src", src, "-o", out, "-cache", ""}, io.Discard, &stderr); err != nil || strings.Contains(stderr.String(), "no -base") {
		t.Errorf("with -base: %v, %q", err, stderr.String())
	}
}

// TestDeployBuildNamesTheSite: the deploy's build command (netlify.toml)
// gives the build Netlify's URL of the site as -base, so that canonical
// links, sitemaps and the feed do not name localhost; without URL (a
// local run of the same command) hugo.toml's localhost stays.
func TestDeployBuildNamesTheSite(t *testing.T) {
	for _, c := range []struct{ url, want string }{{"https://pk.example.org", "https://pk.example.org/"}, {"", "http://localhost:1313/"}} {
		o := deployBuild(t, readNetlifyConfig(t), "URL="+c.url)
		if o.BaseURL != c.want {
			t.Errorf("URL=%q: the deploy builds with -base %q, want %q", c.url, o.BaseURL, c.want)
		}
	}
}

// netlifyConfig is the part of netlify.toml the deploy tests read.
type netlifyConfig struct {
	Build   struct{ Command, Publish string }
	Plugins []struct {
		Package string
		Inputs  struct {
			Paths        []string
			GoBuildCache bool `toml:"go-build-cache"`
		}
	}
}

// readNetlifyConfig reads the netlify.toml the generator embeds.
func readNetlifyConfig(t *testing.T) netlifyConfig {
	t.Helper()
	b, err := pkportal.SiteFiles.ReadFile("netlify.toml")
	if err != nil {
		t.Fatal(err)
	}
	var conf netlifyConfig
	if err := toml.Unmarshal(b, &conf); err != nil {
		t.Fatalf("netlify.toml: %v", err)
	}
	return conf
}

// deployBuild is the pipeline options of netlify.toml's build command, its
// words expanded by a shell with env added, as the deploy's shell does.
func deployBuild(t *testing.T, conf netlifyConfig, env ...string) *pipeline.Options {
	t.Helper()
	rest, ok := strings.CutPrefix(conf.Build.Command, "go run ./generator build ")
	if !ok {
		t.Fatalf("netlify.toml's command is not a build: %q", conf.Build.Command)
	}
	sh := exec.Command("sh", "-c", `set -- `+rest+`; printf '%s\0' "$@"`)
	sh.Env = append(os.Environ(), env...)
	out, err := sh.Output()
	if err != nil {
		t.Fatal(err)
	}
	args := strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00")
	fs, o := buildFlags("build", io.Discard)
	fs.String("functions-data", "", "")
	fs.String("search-index", "", "")
	if err := fs.Parse(args); err != nil {
		t.Fatalf("%q: %v", args, err)
	}
	return o
}

// TestDeployKeepsTheBuildCache: Netlify starts every build from a clean
// clone, so the deploy's build cache survives only through the local
// plugin netlify/build-cache. The folder the build command's -cache names
// must be the one the plugin restores before the build and saves at its
// end (failed or not), inside the repository and never committed; Go's
// build cache is kept too. The plugin itself runs under Node, its events
// called as two deploys call them, on folders of the test (checkPlugin).
func TestDeployKeepsTheBuildCache(t *testing.T) {
	conf := readNetlifyConfig(t)
	cache := deployBuild(t, conf, "URL=https://pk.example.org").Cache
	if cache == "" || filepath.IsAbs(cache) || strings.HasPrefix(filepath.Clean(cache), "..") {
		t.Fatalf("the deploy builds with -cache %q, want a folder inside the repository, which the plugin can keep", cache)
	}
	var paths []string
	goCache := false
	for _, p := range conf.Plugins {
		if p.Package == "/netlify/build-cache" {
			paths, goCache = p.Inputs.Paths, p.Inputs.GoBuildCache
		}
	}
	// the build cache, and the previous output, whose folders of unchanged
	// reports the build takes over instead of linking their files again
	want := []string{filepath.Clean(cache), filepath.Clean(conf.Build.Publish)}
	if len(paths) != 2 || filepath.Clean(paths[0]) != want[0] || filepath.Clean(paths[1]) != want[1] {
		t.Fatalf("netlify.toml's plugin /netlify/build-cache keeps %q, want %q (the build command's -cache, the publish folder)", paths, want)
	}
	// a deploy's `go run ./generator` compiles Hugo: 163 s from a cold Go
	// cache, 1 s from a warm one (bench/build/RESULTS.md)
	if !goCache {
		t.Error("netlify.toml's plugin /netlify/build-cache does not keep Go's build cache (go-build-cache = true)")
	}
	ignore, err := os.ReadFile("../.gitignore")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains("\n"+string(ignore), "\n/"+filepath.Clean(cache)+"/\n") {
		t.Errorf(".gitignore does not name /%s/: the deploy's cache could be committed", filepath.Clean(cache))
	}
	for _, f := range []string{"manifest.yml", "index.js"} {
		if _, err := os.Stat(filepath.Join("..", "netlify", "build-cache", f)); err != nil {
			t.Errorf("the plugin netlify.toml names: %v", err)
		}
	}

	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("node is missing (CI installs npm, which brings it)")
		}
		t.Skip("node is missing: the plugin's run is not checked")
	}
	plugin, err := filepath.Abs(filepath.Join("..", "netlify", "build-cache", "index.js"))
	if err != nil {
		t.Fatal(err)
	}
	inputs, _ := json.Marshal(map[string]any{"paths": paths, "go-build-cache": goCache})
	p := pluginUnderTest{node: node, plugin: plugin, inputs: string(inputs), paths: paths}
	for _, c := range []struct {
		name string
		pluginRun
	}{
		{"on Netlify", pluginRun{env: []string{"GOCACHE"}, goKept: true, moved: true}},
		{"local", pluginRun{local: true, env: []string{"GOCACHE"}}},
		{"local as on Netlify", pluginRun{local: true, env: []string{"GOCACHE", "PKPORTAL_KEEP_CACHES=1"}, goKept: true, moved: true}},
		// the developer's own Go cache (here 16 GB) is not moved
		{"local as on Netlify, the developer's Go cache", pluginRun{local: true, env: []string{"PKPORTAL_KEEP_CACHES=1"}, moved: true}},
	} {
		t.Run(c.name, func(t *testing.T) {
			c.cacheDir = t.TempDir()
			p.check(t, c.pluginRun)
		})
	}
	// Netlify's cache folder unusable (a file): said, the build goes on
	t.Run("cache folder unusable", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "cache")
		if err := os.WriteFile(file, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		p.check(t, pluginRun{env: []string{"GOCACHE"}, goKept: true, moved: true, cacheDir: file, unusable: true})
	})
	// Netlify's cache folder on another disk than the repository: the
	// folders are copied there and back (their hard links become copies)
	t.Run("cache on another disk", func(t *testing.T) {
		other, err := os.MkdirTemp("/dev/shm", "pkportal-test-")
		if err != nil {
			t.Skipf("no /dev/shm: %v", err)
		}
		t.Cleanup(func() { os.RemoveAll(other) })
		if sameDisk(t, t.TempDir(), other) {
			t.Skip("/dev/shm is on the disk of the temporary folders")
		}
		p.check(t, pluginRun{env: []string{"GOCACHE"}, goKept: true, moved: true, cacheDir: other})
	})
}

// pluginUnderTest is the build-cache plugin with the inputs netlify.toml
// gives it.
type pluginUnderTest struct {
	node, plugin, inputs string
	paths                []string // the inputs' paths
}

// A pluginRun is how the plugin runs: on Netlify or locally, in which
// environment, and what it should do there.
type pluginRun struct {
	local bool
	// env names the variables added to the environment, which has no
	// GOCACHE: "GOCACHE" alone sets it to a folder of the test
	env []string
	// goKept: Go's build cache kept; moved: the paths moved to the cache
	// and back (else left in place)
	goKept, moved bool
	// cacheDir is Netlify's cache folder (constants.CACHE_DIR)
	cacheDir string
	// unusable: cacheDir cannot hold folders; the plugin says so and
	// leaves them in place, without failing the build
	unusable bool
}

// check runs the plugin's events under node as two deploys do
// (onPreBuild, the build, onEnd; a clean clone, onPreBuild) in a folder
// of its own standing for the repository, and checks what it kept: the
// folders of the paths (a file and a hard link to it in each) and, if
// goKept, a Go build cache, whole and, when cacheDir is on the disk of the
// repository, with their links; unless goKept, not the developer's Go
// cache; unless moved, nothing moved at all.
func (p pluginUnderTest) check(t *testing.T, r pluginRun) {
	t.Helper()
	repo := t.TempDir()
	linked := sameDisk(t, repo, r.cacheDir)
	gocache := filepath.Join(t.TempDir(), "go-build")
	folders := append([]string(nil), p.paths...)
	// the default Go cache is a folder of the test too: a plugin that moved
	// it by mistake must not move the developer's
	var cmdEnv []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "GOCACHE=") && !strings.HasPrefix(kv, "XDG_CACHE_HOME=") {
			cmdEnv = append(cmdEnv, kv)
		}
	}
	cmdEnv = append(cmdEnv, "XDG_CACHE_HOME="+t.TempDir())
	for _, kv := range r.env {
		if kv == "GOCACHE" {
			kv = "GOCACHE=" + gocache
			folders = append(folders, gocache)
		}
		cmdEnv = append(cmdEnv, kv)
	}
	at := func(f string) string {
		if filepath.IsAbs(f) {
			return f
		}
		return filepath.Join(repo, f)
	}
	const harness = `
const plugin = require(process.argv[1]);
const inputs = JSON.parse(process.argv[2]);
const constants = { IS_LOCAL: process.argv[3] === "true", CACHE_DIR: process.argv[4] };
plugin[process.argv[5]]({ inputs, constants }).catch((e) => { console.error(e); process.exit(1); });
`
	run := func(event string) string {
		cmd := exec.Command(p.node, "-e", harness, p.plugin, p.inputs, strconv.FormatBool(r.local), r.cacheDir, event)
		cmd.Dir, cmd.Env = repo, cmdEnv
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("the plugin's %s under node: %v\n%s", event, err, stderr.String())
		}
		return string(out)
	}
	log := run("onPreBuild")
	for _, f := range folders {
		if err := os.MkdirAll(filepath.Join(at(f), "d"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(at(f), "d", "a"), []byte(f), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Link(filepath.Join(at(f), "d", "a"), filepath.Join(at(f), "b")); err != nil {
			t.Fatal(err)
		}
	}
	log += run("onEnd")
	if r.unusable {
		for _, f := range folders {
			if _, err := os.Stat(filepath.Join(at(f), "b")); err != nil {
				t.Errorf("%s after onEnd with an unusable cache folder: %v, want it left in place", f, err)
			}
			if !strings.Contains(log, f+" not saved (") {
				t.Errorf("the plugin's log does not say %s was not saved:\n%s", f, log)
			}
		}
		return
	}
	for _, f := range folders {
		if _, err := os.Stat(at(f)); r.moved && !os.IsNotExist(err) {
			t.Errorf("%s after onEnd: %v, want it moved to the cache", f, err)
		} else if !r.moved && err != nil {
			t.Errorf("%s after onEnd of a local build: %v, want it left in place", f, err)
		}
	}
	if !r.moved {
		if !strings.Contains(log, "a local build: its folders stay where they are") {
			t.Errorf("the plugin's log does not say the local build keeps its folders:\n%s", log)
		}
		return
	}
	// a clean clone: only what the plugin moved is gone
	log += run("onPreBuild")
	for _, f := range folders {
		a, err := os.Stat(filepath.Join(at(f), "d", "a"))
		if err != nil {
			t.Errorf("%s after the next onPreBuild: %v", f, err)
			continue
		}
		b, err := os.ReadFile(filepath.Join(at(f), "b"))
		if string(b) != f || err != nil {
			t.Errorf("%s/b after the next onPreBuild: %q, %v", f, b, err)
		}
		if lb, err := os.Stat(filepath.Join(at(f), "b")); err != nil || linked && !os.SameFile(a, lb) {
			t.Errorf("%s: the hard link did not survive the cache (%v)", f, err)
		}
		for _, w := range []string{"no " + f + " cached", f + " saved", f + " restored"} {
			if !strings.Contains(log, w) {
				t.Errorf("the plugin's log does not say %q:\n%s", w, log)
			}
		}
	}
	if r.goKept {
		return
	}
	if !strings.Contains(log, "your Go build cache stays where it is") {
		t.Errorf("the plugin's log does not say it left the Go build cache alone:\n%s", log)
	}
	if _, err := os.Stat(filepath.Join(r.cacheDir, "pkportal-build-cache", "abs")); err == nil {
		t.Errorf("the plugin moved a folder outside the repository (the developer's Go cache?):\n%s", log)
	}
}

// sameDisk tells whether a file of folder a can be hard-linked into folder
// b: whether a rename from one to the other is a rename, not a copy.
func sameDisk(t *testing.T, a, b string) bool {
	t.Helper()
	f := filepath.Join(a, "probe")
	if err := os.WriteFile(f, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	defer os.Remove(f)
	defer os.Remove(filepath.Join(b, "probe"))
	return os.Link(f, filepath.Join(b, "probe")) == nil
}

// TestGeneratorDoesNotLinkTheFunctionsData: the build cache's keys hold a
// hash of the generator's executable, and a build writes the functions'
// data (functions/reportdata/reports.pack, search.idx), which package
// reportdata embeds. Were the generator to link that package, a build
// that changed those files would make the next `go run ./generator` a new
// binary: a deploy after one report changed (its new pack committed)
// would find no report in its cache and render them all.
func TestGeneratorDoesNotLinkTheFunctionsData(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "pkportal/generator").CombinedOutput()
	if err != nil {
		t.Fatalf("go list -deps: %v\n%s", err, out)
	}
	deps := strings.Fields(string(out))
	if slices.Contains(deps, "pkportal/functions/reportdata") {
		t.Error("the generator links pkportal/functions/reportdata: each new pack or search index is a new generator, and a cold build")
	}
	if !slices.Contains(deps, "pkportal/functions/reportpack") {
		t.Error("the generator does not link pkportal/functions/reportpack, which writes the pack: is this list still the right one?")
	}
}
