// Command build is the build benchmark harness of issue 7 (see
// bench/build/RESULTS.md and bench/build/run.sh).
//
//	go run ./bench/build run     -gen BIN -self BIN [-ns 1,10,100] [-runs 3] [-stages-runs K] [-corpora DIR] [-work DIR] [-from FILE]
//	go run ./bench/build stages  -src DIR [-shard 12] [-renders K] [-cpuprofile F] [-memprofile F]
//	go run ./bench/build weights -public DIR
//
// run generates a synthetic corpus of N reports for each N (with the
// generator binary's synth command; -corpora reuses DIR/corpus-N), then
// -runs times: a cold build (empty cache), a rebuild with nothing changed
// and a rebuild after one report changed, each with the generator binary
// under /usr/bin/time -v (wall, CPU, peak memory, pages, the stage split
// the build prints); then the stages command -stages-runs times (Hugo
// alone on the same site sources), the page weights of the last output,
// and prints medians as a Markdown table and every measurement as JSON
// lines.
//
// stages times each stage of the build separately in one process: ingest
// (ingest.ParseDir), generate (site.WriteReports per shard of -shard
// reports, as the build renders them; site.Write of one folder with
// -shard 0), then render (hugobuild.Build of each shard, one at a time)
// -renders times, and prints one JSON line. With -cpuprofile it profiles
// the whole process.
//
// weights gzips every HTML page of a built site and prints, per page type,
// the count and the median raw and gzip sizes.
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/pprof"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"pkportal"
	"pkportal/generator/hugobuild"
	"pkportal/generator/site"
	"pkportal/ingest"
	"pkportal/report"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: build run|stages|weights [flags]")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "run":
		err = runCmd(os.Args[2:])
	case "stages":
		err = stagesCmd(os.Args[2:])
	case "weights":
		err = weightsCmd(os.Args[2:])
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench/build:", err)
		os.Exit(1)
	}
}

// Stages is what the stages command measures.
type Stages struct {
	Reports  int       `json:"reports"`
	Pages    int       `json:"pages"`
	Ingest   float64   `json:"ingest_s"`
	Generate float64   `json:"generate_s"`
	Renders  []float64 `json:"render_s"`
	// Shards is the number of site sources (Hugo builds).
	Shards int `json:"shards"`
	// SiteFiles and SiteBytes describe the generated site source.
	SiteFiles int   `json:"site_files"`
	SiteBytes int64 `json:"site_bytes"`
}

func stagesCmd(args []string) error {
	fs := flag.NewFlagSet("stages", flag.ContinueOnError)
	src := fs.String("src", "", "folder of source reports")
	renders := fs.Int("renders", 1, "Hugo renders of the same site source")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the whole process")
	memprofile := fs.String("memprofile", "", "write an allocation profile at the end")
	keep := fs.String("site", "", "write the site sources here (site-K per shard) and keep them (default: a temporary folder)")
	renderOnly := fs.String("render-site", "", "only render this existing site source with Hugo (no -src)")
	upto := fs.String("upto", "render", "last stage to run: ingest, generate or render")
	shard := fs.Int("shard", 12, "reports per Hugo build, as the pipeline renders them (0: one site with every report)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *src == "" && *renderOnly == "" {
		return errors.New("stages: -src or -render-site is required")
	}
	work, err := os.MkdirTemp("", "bench-stages-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work) // after the profile stops: not profiled
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			return err
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	var st Stages
	if *renderOnly != "" {
		for i := 0; i < *renders; i++ {
			pub := filepath.Join(work, fmt.Sprintf("public-%d", i))
			t := time.Now()
			s, err := hugobuild.Build(hugobuild.Options{SiteDir: *renderOnly, PublishDir: pub})
			if err != nil {
				return err
			}
			st.Renders = append(st.Renders, time.Since(t).Seconds())
			st.Pages = s.Pages
		}
		return json.NewEncoder(os.Stdout).Encode(st)
	}
	t := time.Now()
	reports, err := ingest.ParseDir(*src)
	if err != nil {
		return err
	}
	st.Ingest = time.Since(t).Seconds()
	st.Reports = len(reports)
	if *upto == "ingest" {
		return json.NewEncoder(os.Stdout).Encode(st)
	}
	// The site source as the build writes it: shards of -shard reports
	// (site.WriteReports), each rendered by Hugo alone; -shard 0 writes
	// one folder with every report (site.Write).
	var shards [][]*report.Report
	if *shard <= 0 {
		shards = [][]*report.Report{reports}
	} else {
		for i := 0; i < len(reports); i += *shard {
			shards = append(shards, reports[i:min(i+*shard, len(reports))])
		}
	}
	var sites []string
	t = time.Now()
	for i, sh := range shards {
		siteDir := filepath.Join(work, fmt.Sprintf("site-%d", i))
		if *keep != "" {
			siteDir = filepath.Join(*keep, fmt.Sprintf("site-%d", i))
		}
		var err error
		if *shard <= 0 {
			err = site.Write(siteDir, sh)
		} else {
			err = site.WriteReports(siteDir, "", pkportal.SiteFiles, sh)
		}
		if err != nil {
			return err
		}
		sites = append(sites, siteDir)
	}
	st.Generate = time.Since(t).Seconds()
	for _, d := range sites {
		f, b := treeSize(d)
		st.SiteFiles, st.SiteBytes = st.SiteFiles+f, st.SiteBytes+b
	}
	st.Shards = len(sites)
	reports, shards = nil, nil
	runtime.GC()
	for i := 0; i < *renders && *upto == "render"; i++ {
		var total float64
		st.Pages = 0
		for j, siteDir := range sites {
			pub := filepath.Join(work, fmt.Sprintf("public-%d-%d", i, j))
			t = time.Now()
			s, err := hugobuild.Build(hugobuild.Options{SiteDir: siteDir, PublishDir: pub})
			if err != nil {
				return err
			}
			total += time.Since(t).Seconds()
			st.Pages += s.Pages
			os.RemoveAll(pub) // not timed
		}
		st.Renders = append(st.Renders, total)
	}
	if *memprofile != "" {
		f, err := os.Create(*memprofile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
			return err
		}
	}
	return json.NewEncoder(os.Stdout).Encode(st)
}

func treeSize(dir string) (files int, size int64) {
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				files++
				size += info.Size()
			}
		}
		return nil
	})
	return
}

// Weight is the weight of one page type.
type Weight struct {
	Type       string `json:"type"`
	Example    string `json:"example"`
	Count      int    `json:"count"`
	MedianRaw  int    `json:"median_bytes"`
	MedianGzip int    `json:"median_gzip_bytes"`
	MaxGzip    int    `json:"max_gzip_bytes"`
}

// pageTypes classify the HTML pages by URL (the design notes' URL contract).
var pageTypes = []struct {
	name string
	re   *regexp.Regexp
}{
	{"paragraph redirect", regexp.MustCompile(`^[a-z]{2}/[a-z0-9-]+/par/\d+/index\.html$`)},
	{"table page", regexp.MustCompile(`^[a-z]{2}/[a-z0-9-]+/tables/[a-z0-9-]+/index\.html$`)},
	{"table index", regexp.MustCompile(`^[a-z]{2}/[a-z0-9-]+/tables/index\.html$`)},
	{"paragraph index", regexp.MustCompile(`^[a-z]{2}/[a-z0-9-]+/par/index\.html$`)},
	{"component page (II.F.n)", regexp.MustCompile(`^[a-z]{2}/a-[0-9-]+/ii-f-\d+/index\.html$`)},
	{"section page", regexp.MustCompile(`^[a-z]{2}/a-[0-9-]+/[ivx]+(-[a-z])?/index\.html$`)},
	{"report home", regexp.MustCompile(`^[a-z]{2}/a-[0-9-]+/index\.html$`)},
	{"language home", regexp.MustCompile(`^[a-z]{2}/index\.html$`)},
	{"other", regexp.MustCompile(`.`)},
}

func weights(public string) ([]Weight, error) {
	raw := map[string][]int{}
	gz := map[string][]int{}
	example := map[string]string{}
	err := filepath.WalkDir(public, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, _ := filepath.Rel(public, p)
		rel = filepath.ToSlash(rel)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		var buf bytes.Buffer
		w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		w.Write(b)
		w.Close()
		for _, t := range pageTypes {
			if t.re.MatchString(rel) {
				raw[t.name] = append(raw[t.name], len(b))
				gz[t.name] = append(gz[t.name], buf.Len())
				if example[t.name] == "" || rel < example[t.name] {
					example[t.name] = rel
				}
				break
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	var out []Weight
	for _, t := range pageTypes {
		if len(raw[t.name]) == 0 {
			continue
		}
		out = append(out, Weight{Type: t.name, Example: example[t.name], Count: len(raw[t.name]),
			MedianRaw: medianInt(raw[t.name]), MedianGzip: medianInt(gz[t.name]), MaxGzip: slices.Max(gz[t.name])})
	}
	return out, nil
}

func weightsCmd(args []string) error {
	fs := flag.NewFlagSet("weights", flag.ContinueOnError)
	public := fs.String("public", "public", "a built site")
	if err := fs.Parse(args); err != nil {
		return err
	}
	ws, err := weights(*public)
	if err != nil {
		return err
	}
	printWeights(os.Stdout, ws)
	return nil
}

func printWeights(w io.Writer, ws []Weight) {
	fmt.Fprintln(w, "| page type | pages | median HTML | median gzip | max gzip | example |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---|")
	for _, x := range ws {
		fmt.Fprintf(w, "| %s | %d | %.1f KB | %.1f KB | %.1f KB | `%s` |\n", x.Type, x.Count,
			float64(x.MedianRaw)/1000, float64(x.MedianGzip)/1000, float64(x.MaxGzip)/1000, x.Example)
	}
}

func medianInt(xs []int) int {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// Run is one build of the generator binary.
type Run struct {
	N        int     `json:"n"`
	Kind     string  `json:"kind"` // cold, unchanged, one-changed
	Wall     float64 `json:"wall_s"`
	User     float64 `json:"user_s"`
	Sys      float64 `json:"sys_s"`
	MaxRSSKB int64   `json:"max_rss_kb"`
	Pages    int     `json:"pages"`
	Rendered int     `json:"rendered"`
	Ingest   float64 `json:"ingest_s"`
	Generate float64 `json:"generate_s"`
	Render   float64 `json:"render_s"`
}

var builtRe = regexp.MustCompile(`built (\d+) report\(s\), (\d+) pages into .* \(ingest (\S+), generate (\S+), render (\S+)\) in \S+; (\d+) report\(s\) rendered`)

// timed runs a command under /usr/bin/time -v and returns its standard
// output, the wall, user and system times and the peak RSS.
func timed(name string, args ...string) (string, Run, error) {
	var r Run
	cmd := exec.Command("/usr/bin/time", append([]string{"-v", name}, args...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return "", r, fmt.Errorf("%s %s: %w\n%s", name, strings.Join(args, " "), err, tail(stderr.String(), 3000))
	}
	sc := bufio.NewScanner(&stderr)
	for sc.Scan() {
		k, v, ok := strings.Cut(strings.TrimSpace(sc.Text()), ": ")
		if !ok {
			continue
		}
		switch k {
		case "User time (seconds)":
			r.User, _ = strconv.ParseFloat(v, 64)
		case "System time (seconds)":
			r.Sys, _ = strconv.ParseFloat(v, 64)
		case "Maximum resident set size (kbytes)":
			r.MaxRSSKB, _ = strconv.ParseInt(v, 10, 64)
		case "Elapsed (wall clock) time (h:mm:ss or m:ss)":
			r.Wall = clock(v)
		}
	}
	return stdout.String(), r, nil
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}

// clock reads "1:02:03.45" or "2:03.45" into seconds.
func clock(s string) float64 {
	var t float64
	for _, part := range strings.Split(s, ":") {
		f, _ := strconv.ParseFloat(part, 64)
		t = t*60 + f
	}
	return t
}

func dur(s string) float64 {
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0
	}
	return d.Seconds()
}

func runCmd(args []string) error {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	gen := fs.String("gen", "", "generator binary (go build -o BIN ./generator)")
	self := fs.String("self", "", "this harness compiled (go build -o BIN ./bench/build)")
	nsFlag := fs.String("ns", "1,10,100", "corpus sizes")
	runs := fs.Int("runs", 3, "builds per size (medians are reported)")
	stagesRuns := fs.Int("stages-runs", -1, "stages runs per size (default: -runs)")
	work := fs.String("work", "", "work folder (default: a temporary folder, removed)")
	corpora := fs.String("corpora", "", "folder of existing corpora corpus-N (reused when complete)")
	from := fs.String("from", "sources/A-76-564.fr.txt", "real report the corpus derives from")
	jsonOut := fs.String("json", "", "append every measurement as a JSON line to this file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *gen == "" || *self == "" {
		return errors.New("run: -gen and -self are required")
	}
	if *stagesRuns < 0 {
		*stagesRuns = *runs
	}
	if *work == "" {
		d, err := os.MkdirTemp("", "bench-build-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(d)
		*work = d
	}
	var jl io.Writer = io.Discard
	if *jsonOut != "" {
		f, err := os.OpenFile(*jsonOut, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
		if err != nil {
			return err
		}
		defer f.Close()
		jl = f
	}
	type row struct {
		n                                          int
		wall, cpu, rss, pages                      float64
		ingest, gen, render                        float64
		unchanged, unchangedCPU, one, oneCPU       float64
		hugo, hugoIngest, hugoGen, hrss, hugoPages float64
	}
	var rows []row
	var lastPublic string
	for _, f := range strings.Split(*nsFlag, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil {
			return err
		}
		corpus := filepath.Join(*work, fmt.Sprintf("corpus-%d", n))
		if *corpora != "" {
			corpus = filepath.Join(*corpora, fmt.Sprintf("corpus-%d", n))
		}
		if txt, _ := filepath.Glob(filepath.Join(corpus, "*.txt")); len(txt) != n {
			os.RemoveAll(corpus)
			t := time.Now()
			if out, err := exec.Command(*gen, "synth", "-n", fmt.Sprint(n), "-o", corpus, "-from", *from).CombinedOutput(); err != nil {
				return fmt.Errorf("synth %d: %w\n%s", n, err, out)
			}
			fmt.Fprintf(os.Stderr, "N=%d: corpus in %.1fs\n", n, time.Since(t).Seconds())
		}
		txt, _ := filepath.Glob(filepath.Join(corpus, "*.txt"))
		sort.Strings(txt)
		public := filepath.Join(*work, fmt.Sprintf("public-%d", n))
		cache := filepath.Join(*work, fmt.Sprintf("cache-%d", n))
		build := func(kind string) (Run, error) {
			out, r, err := timed(*gen, "build", "-synthetic", "-cache", cache, "-src", corpus, "-o", public)
			if err != nil {
				return r, err
			}
			m := builtRe.FindStringSubmatch(out)
			if m == nil {
				return r, fmt.Errorf("build %d: unexpected output %q", n, out)
			}
			r.N, r.Kind = n, kind
			r.Pages, _ = strconv.Atoi(m[2])
			r.Ingest, r.Generate, r.Render = dur(m[3]), dur(m[4]), dur(m[5])
			r.Rendered, _ = strconv.Atoi(m[6])
			json.NewEncoder(jl).Encode(map[string]any{"kind": "build", "run": r, "at": time.Now().UTC(), "load": loadavg()})
			fmt.Fprintf(os.Stderr, "N=%d %s build: %.2fs wall, %.1fs CPU, %d pages (%d reports rendered), ingest %.2fs generate %.2fs render %.2fs (summed over shards), %d MB, load %s\n",
				n, kind, r.Wall, r.User+r.Sys, r.Pages, r.Rendered, r.Ingest, r.Generate, r.Render, r.MaxRSSKB/1024, loadavg())
			return r, nil
		}
		var walls, cpus, rsss, ingests, gens, renders, unch, unchCPU, ones, onesCPU []float64
		var pages int
		for i := 0; i < *runs; i++ {
			os.RemoveAll(cache) // a cold build: nothing in the cache
			r, err := build("cold")
			if err != nil {
				return err
			}
			pages = r.Pages
			walls, cpus, rsss = append(walls, r.Wall), append(cpus, r.User+r.Sys), append(rsss, float64(r.MaxRSSKB)/1024)
			ingests, gens, renders = append(ingests, r.Ingest), append(gens, r.Generate), append(renders, r.Render)
			if r, err = build("unchanged"); err != nil {
				return err
			}
			unch, unchCPU = append(unch, r.Wall), append(unchCPU, r.User+r.Sys)
			// one report changes (a line added at its end), then comes back
			b, err := os.ReadFile(txt[0])
			if err != nil {
				return err
			}
			if err := os.WriteFile(txt[0], append(b, fmt.Sprintf("\n%d\n", i)...), 0o644); err != nil {
				return err
			}
			r, err = build("one-changed")
			os.WriteFile(txt[0], b, 0o644)
			if err != nil {
				return err
			}
			ones, onesCPU = append(ones, r.Wall), append(onesCPU, r.User+r.Sys)
		}
		os.RemoveAll(cache)
		var hugos, hIngests, hGens, hrss []float64
		var hpages int
		for i := 0; i < *stagesRuns; i++ {
			out, r, err := timed(*self, "stages", "-src", corpus)
			if err != nil {
				return err
			}
			var st Stages
			if err := json.Unmarshal([]byte(out), &st); err != nil {
				return fmt.Errorf("stages %d: %w: %q", n, err, out)
			}
			json.NewEncoder(jl).Encode(map[string]any{"kind": "stages", "n": n, "stages": st, "max_rss_kb": r.MaxRSSKB, "at": time.Now().UTC(), "load": loadavg()})
			fmt.Fprintf(os.Stderr, "N=%d stages %d: ingest %.2fs generate %.2fs Hugo alone %.2fs (%d shards, %d Hugo pages, %d site files, %.1f MB), load %s\n",
				n, i+1, st.Ingest, st.Generate, st.Renders[0], st.Shards, st.Pages, st.SiteFiles, float64(st.SiteBytes)/1e6, loadavg())
			hugos, hIngests, hGens, hrss = append(hugos, st.Renders[0]), append(hIngests, st.Ingest), append(hGens, st.Generate), append(hrss, float64(r.MaxRSSKB)/1024)
			hpages = st.Pages
		}
		rows = append(rows, row{n: n, wall: median(walls), cpu: median(cpus), rss: median(rsss), pages: float64(pages),
			ingest: median(ingests), gen: median(gens), render: median(renders),
			unchanged: median(unch), unchangedCPU: median(unchCPU), one: median(ones), oneCPU: median(onesCPU),
			hugo: median(hugos), hugoIngest: median(hIngests), hugoGen: median(hGens), hrss: median(hrss), hugoPages: float64(hpages)})
		lastPublic = public
	}
	fmt.Println("| N | pages | cold build wall | pages/s | CPU | peak RSS | build split ingest / generate / render (summed over shards) | generate share | rebuild, nothing changed | rebuild, one report changed | stages: ingest / generate / Hugo alone | Hugo alone pages/s |")
	fmt.Println("|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---|---:|")
	for _, r := range rows {
		share := r.gen / (r.ingest + r.gen + r.render) * 100
		hugoRate := "—"
		if r.hugo > 0 {
			hugoRate = fmt.Sprintf("%.0f", r.hugoPages/r.hugo)
		}
		fmt.Printf("| %d | %.0f | %.2f s | %.0f | %.1f s | %.0f MB | %.2f / %.2f / %.2f s | %.0f %% | %.2f s (%.1f s CPU) | %.2f s (%.1f s CPU) | %.2f / %.2f / %.2f s | %s |\n",
			r.n, r.pages, r.wall, r.pages/r.wall, r.cpu, r.rss, r.ingest, r.gen, r.render, share,
			r.unchanged, r.unchangedCPU, r.one, r.oneCPU, r.hugoIngest, r.hugoGen, r.hugo, hugoRate)
	}
	for i := 1; i < len(rows); i++ {
		a, b := rows[i-1], rows[i]
		fmt.Printf("\nN %d → %d (×%.0f reports): wall ×%.2f, CPU ×%.2f, peak RSS ×%.2f, render ×%.2f, generate ×%.2f",
			a.n, b.n, float64(b.n)/float64(a.n), b.wall/a.wall, b.cpu/a.cpu, b.rss/a.rss, b.render/a.render, b.gen/a.gen)
	}
	fmt.Println()
	if lastPublic != "" {
		ws, err := weights(lastPublic)
		if err != nil {
			return err
		}
		fmt.Printf("\nPage weights (%s):\n\n", filepath.Base(lastPublic))
		printWeights(os.Stdout, ws)
	}
	return nil
}

// loadavg is the machine's load average over 1, 5 and 15 minutes.
func loadavg() string {
	b, _ := os.ReadFile("/proc/loadavg")
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}
