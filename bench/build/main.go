// Command build is the build benchmark harness of issue 7 (see
// bench/build/RESULTS.md and bench/build/run.sh).
//
//	go run ./bench/build run     -gen BIN -self BIN [-ns 1,10,100] [-runs 3] [-work DIR] [-from FILE]
//	go run ./bench/build stages  -src DIR [-renders K] [-cpuprofile F] [-memprofile F]
//	go run ./bench/build weights -public DIR
//
// run generates a synthetic corpus of N reports for each N (with the
// generator binary's synth command), builds it -runs times with the
// generator binary under /usr/bin/time -v (build time, phases, pages, peak
// memory), runs the stages command on it -runs times (Hugo alone on the
// same generated site source), measures the page weights of the last
// output, and prints medians as a Markdown table and as JSON lines.
//
// stages times each stage of the build separately in one process: ingest
// (ingest.ParseDir), generate (site.Write), then render (hugobuild.Build)
// -renders times on that same site folder, and prints one JSON line. With
// -cpuprofile it profiles the whole process.
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
	"strconv"
	"strings"
	"time"

	"pkportal/generator/hugobuild"
	"pkportal/generator/site"
	"pkportal/ingest"
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
	keep := fs.String("site", "", "write the site source here and keep it (default: a temporary folder)")
	renderOnly := fs.String("render-site", "", "only render this existing site source with Hugo (no -src)")
	upto := fs.String("upto", "render", "last stage to run: ingest, generate or render")
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
	siteDir := *keep
	if siteDir == "" {
		siteDir = filepath.Join(work, "site")
	}
	t = time.Now()
	if err := site.Write(siteDir, reports); err != nil {
		return err
	}
	st.Generate = time.Since(t).Seconds()
	st.SiteFiles, st.SiteBytes = treeSize(siteDir)
	reports = nil
	runtime.GC()
	for i := 0; i < *renders && *upto == "render"; i++ {
		pub := filepath.Join(work, fmt.Sprintf("public-%d", i))
		t = time.Now()
		s, err := hugobuild.Build(hugobuild.Options{SiteDir: siteDir, PublishDir: pub})
		if err != nil {
			return err
		}
		st.Renders = append(st.Renders, time.Since(t).Seconds())
		st.Pages = s.Pages
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

// pageTypes classify the HTML pages by URL (DESIGN.md's URL contract).
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
	Wall     float64 `json:"wall_s"`
	User     float64 `json:"user_s"`
	Sys      float64 `json:"sys_s"`
	MaxRSSKB int64   `json:"max_rss_kb"`
	Pages    int     `json:"pages"`
	Ingest   float64 `json:"ingest_s"`
	Generate float64 `json:"generate_s"`
	Render   float64 `json:"render_s"`
}

var builtRe = regexp.MustCompile(`built (\d+) report\(s\), (\d+) pages into .* \(ingest (\S+), generate (\S+), render (\S+)\)`)

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
	work := fs.String("work", "", "work folder (default: a temporary folder, removed)")
	from := fs.String("from", "sources/A-76-564.fr.txt", "real report the corpus derives from")
	jsonOut := fs.String("json", "", "append every measurement as a JSON line to this file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *gen == "" || *self == "" {
		return errors.New("run: -gen and -self are required")
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
		n                                    int
		wall, pages, ingest, gen, render     float64
		hugo, hugoIngest, hugoGen, rss, hrss float64
		user                                 float64
	}
	var rows []row
	var lastPublic string
	for _, f := range strings.Split(*nsFlag, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil {
			return err
		}
		corpus := filepath.Join(*work, fmt.Sprintf("corpus-%d", n))
		os.RemoveAll(corpus)
		t := time.Now()
		if out, err := exec.Command(*gen, "synth", "-n", fmt.Sprint(n), "-o", corpus, "-from", *from).CombinedOutput(); err != nil {
			return fmt.Errorf("synth %d: %w\n%s", n, err, out)
		}
		fmt.Fprintf(os.Stderr, "N=%d: corpus in %.1fs\n", n, time.Since(t).Seconds())
		var walls, ingests, gens, renders, rsss, users []float64
		var pages int
		public := filepath.Join(*work, fmt.Sprintf("public-%d", n))
		for i := 0; i < *runs; i++ {
			out, r, err := timed(*gen, "build", "-synthetic", "-src", corpus, "-o", public)
			if err != nil {
				return err
			}
			m := builtRe.FindStringSubmatch(out)
			if m == nil {
				return fmt.Errorf("build %d: unexpected output %q", n, out)
			}
			r.N = n
			r.Pages, _ = strconv.Atoi(m[2])
			r.Ingest, r.Generate, r.Render = dur(m[3]), dur(m[4]), dur(m[5])
			pages = r.Pages
			json.NewEncoder(jl).Encode(map[string]any{"kind": "build", "run": r, "at": time.Now().UTC()})
			fmt.Fprintf(os.Stderr, "N=%d build %d: %.2fs wall, %d pages, ingest %.2fs generate %.2fs render %.2fs, %d MB\n",
				n, i+1, r.Wall, r.Pages, r.Ingest, r.Generate, r.Render, r.MaxRSSKB/1024)
			walls, ingests, gens, renders = append(walls, r.Wall), append(ingests, r.Ingest), append(gens, r.Generate), append(renders, r.Render)
			rsss, users = append(rsss, float64(r.MaxRSSKB)/1024), append(users, r.User+r.Sys)
		}
		var hugos, hIngests, hGens, hrss []float64
		for i := 0; i < *runs; i++ {
			out, r, err := timed(*self, "stages", "-src", corpus)
			if err != nil {
				return err
			}
			var st Stages
			if err := json.Unmarshal([]byte(out), &st); err != nil {
				return fmt.Errorf("stages %d: %w: %q", n, err, out)
			}
			json.NewEncoder(jl).Encode(map[string]any{"kind": "stages", "n": n, "stages": st, "max_rss_kb": r.MaxRSSKB, "at": time.Now().UTC()})
			fmt.Fprintf(os.Stderr, "N=%d stages %d: ingest %.2fs generate %.2fs hugo %.2fs (%d site files, %.1f MB)\n",
				n, i+1, st.Ingest, st.Generate, st.Renders[0], st.SiteFiles, float64(st.SiteBytes)/1e6)
			hugos, hIngests, hGens, hrss = append(hugos, st.Renders[0]), append(hIngests, st.Ingest), append(hGens, st.Generate), append(hrss, float64(r.MaxRSSKB)/1024)
		}
		rows = append(rows, row{n: n, wall: median(walls), pages: float64(pages), ingest: median(ingests), gen: median(gens),
			render: median(renders), hugo: median(hugos), hugoIngest: median(hIngests), hugoGen: median(hGens),
			rss: median(rsss), hrss: median(hrss), user: median(users)})
		lastPublic = public
	}
	// The build's printed "ingest" is its total time less generate and
	// render: it includes the publish (the swap, removing the previous
	// output) and the removal of the temporary site source. The stages
	// process times ingest, generate and Hugo alone separately.
	fmt.Println("| N | pages | build wall | pages/s | build CPU | peak RSS | build: ingest+publish / generate / render | stages: ingest / generate / Hugo alone | generator share (stages) | ingest per report |")
	fmt.Println("|---:|---:|---:|---:|---:|---:|---|---|---:|---:|")
	for _, r := range rows {
		share := (r.hugoIngest + r.hugoGen) / (r.hugoIngest + r.hugoGen + r.hugo) * 100
		fmt.Printf("| %d | %.0f | %.2f s | %.0f | %.1f s | %.0f MB | %.2f / %.2f / %.2f s | %.2f / %.2f / %.2f s | %.0f %% | %.0f ms |\n",
			r.n, r.pages, r.wall, r.pages/r.wall, r.user, r.rss, r.ingest, r.gen, r.render, r.hugoIngest, r.hugoGen, r.hugo, share, r.hugoIngest/float64(r.n)*1000)
	}
	for i := 1; i < len(rows); i++ {
		a, b := rows[i-1], rows[i]
		fmt.Printf("\nN %d → %d (×%.0f reports): wall ×%.2f, render ×%.2f, Hugo alone ×%.2f, ingest ×%.2f, generate ×%.2f",
			a.n, b.n, float64(b.n)/float64(a.n), b.wall/a.wall, b.render/a.render, b.hugo/a.hugo, b.ingest/a.ingest, b.gen/a.gen)
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
