// Command generator builds the pkportal site from the source reports and
// serves it locally.
//
//	go run ./generator build [-src DIR] [-o DIR] [-base URL] [-cache DIR] [-functions-data FILE] [-search-index FILE]
//	go run ./generator serve [-src DIR] [-o DIR] [-cache DIR] [-addr host:port]
//	go run ./generator ingest FILE
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"runtime/debug"
	"runtime/pprof"
	"syscall"
	"time"

	"pkportal/generator/devserver"
	"pkportal/generator/pipeline"
	"pkportal/generator/synth"
	"pkportal/ingest"
)

const usage = `usage:
  generator build  [-src DIR] [-o DIR] [-base URL] [-cache DIR] [-functions-data FILE] [-search-index FILE]
      ingest every source report, validate, generate and render the site
      (reports unchanged since the last build are reused from the cache;
      -cache "" renders everything)
  generator serve  [-src DIR] [-o DIR] [-cache DIR] [-addr host:port]
      build, then serve the site and the functions /api/search and /api/csv
  generator ingest FILE
      parse one report and write its structured JSON to standard output
  generator synth -n N -o DIR [-from FILE]
      write N synthetic source reports (benchmarks and tests only)
`

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "generator:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errors.New("no command")
	}
	switch args[0] {
	case "build":
		return build(args[1:], stdout, stderr)
	case "serve":
		return serve(args[1:], stdout, stderr)
	case "ingest":
		return ingestCmd(args[1:], stdout)
	case "synth":
		return synthCmd(args[1:], stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("unknown command %q", args[0])
}

func buildFlags(name string, stderr io.Writer) (*flag.FlagSet, *pipeline.Options) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	o := &pipeline.Options{Log: stderr}
	fs.StringVar(&o.Src, "src", "sources", "folder of source reports")
	fs.StringVar(&o.Out, "o", "public", "output folder, replaced as a whole")
	fs.StringVar(&o.BaseURL, "base", "", "site root URL (default: hugo.toml's)")
	fs.BoolVar(&o.Synthetic, "synthetic", false, "allow synthetic reports (benchmarks only)")
	fs.StringVar(&o.Scratch, "scratch", defaultScratch(), "folder of the temporary site sources (a memory file system if possible)")
	fs.StringVar(&o.Cache, "cache", defaultCache(), `build cache: the rendered reports, reused while they do not change ("" for none)`)
	return fs, o
}

// defaultScratch is /dev/shm when it is a writable folder (Linux), or
// none (the build's work folder beside the output).
func defaultScratch() string {
	if st, err := os.Stat("/dev/shm"); err == nil && st.IsDir() && syscall.Access("/dev/shm", 2) == nil {
		return "/dev/shm"
	}
	return ""
}

// defaultCache is the build cache in the user's cache folder, or none.
func defaultCache() string {
	d, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(d, "pkportal", "build")
}

func build(args []string, stdout, stderr io.Writer) error {
	fs, o := buildFlags("build", stderr)
	fs.StringVar(&o.FunctionsData, "functions-data", "", "also write the reports the functions embed to this file")
	fs.StringVar(&o.SearchIndex, "search-index", "", "also write the search index the search function embeds to this file")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the build to this file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	o.DropReports = true // the build prints; it does not need them
	t := time.Now()
	res, err := buildSite(*o)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "built %d report(s), %d pages into %s (ingest %v, generate %v, render %v) in %v; %d report(s) rendered, %d from the cache\n",
		res.Count, res.Pages, o.Out, res.Ingest.Round(1e6), res.Generate.Round(1e6), res.Render.Round(1e6),
		time.Since(t).Round(1e6), res.Rendered, res.Count-res.Rendered)
	fmt.Fprint(stdout, "steps:")
	for i, st := range res.Steps {
		sep := ","
		if i == 0 {
			sep = ""
		}
		fmt.Fprintf(stdout, "%s %s %v", sep, st.Name, st.Time.Round(1e6))
	}
	fmt.Fprintln(stdout)
	if o.BaseURL == "" {
		// canonical links, sitemaps and feeds hold the site's root URL
		fmt.Fprintln(stderr, "note: no -base: the pages' absolute URLs are hugo.toml's local root; pass -base https://… for an output to deploy")
	}
	return nil
}

func serve(args []string, stdout, stderr io.Writer) error {
	fs, o := buildFlags("serve", stderr)
	addr := fs.String("addr", "localhost:1313", "address to listen on")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if o.BaseURL == "" {
		o.BaseURL = "http://" + *addr + "/"
	}
	// the functions serve what Lambda embeds, kept in the cache: the
	// structured reports are needed only when a report changed
	o.KeepSearchIndex, o.KeepFunctionsData, o.DropReports = true, true, true
	res, err := buildSite(*o)
	if err != nil {
		return err
	}
	debug.FreeOSMemory() // what the build used goes back before serving
	srv, err := server(res, o.Out)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "built %d report(s), %d pages\nserving on http://%s/ (Ctrl-C to stop)\n", res.Count, res.Pages, *addr)
	return http.ListenAndServe(*addr, srv)
}

// buildSite runs the build of the build and serve commands. The build's
// live heap is small (a shard or two in flight: about 1 GB at 1,000
// reports) and the collector ran at every doubling of it; during the build
// it collects at every quadrupling instead, with a ceiling (2.5 GiB) under
// the 4 GiB budget, unless GOGC or GOMEMLIMIT say otherwise.
func buildSite(o pipeline.Options) (*pipeline.Result, error) {
	if os.Getenv("GOGC") == "" && os.Getenv("GOMEMLIMIT") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(300))
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(5 << 29))
	}
	return pipeline.Build(o)
}

// server serves a built site with the functions over the reports just
// built (devserver.ForBuild).
func server(res *pipeline.Result, public string) (http.Handler, error) {
	return devserver.ForBuild(public, res.FunctionsData, res.SearchIndex)
}

func ingestCmd(args []string, stdout io.Writer) error {
	if len(args) != 1 {
		return errors.New("ingest: expected one FILE argument")
	}
	r, err := ingest.ParseFile(args[0])
	if err != nil {
		return err
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

func synthCmd(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("synth", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("n", 10, "number of synthetic reports")
	out := fs.String("o", "", "folder to write them into (required)")
	from := fs.String("from", "sources/A-76-564.fr.txt", "real report to derive them from")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" || *n < 1 {
		return errors.New("synth: expected -n N (≥ 1) and -o DIR")
	}
	src, err := os.ReadFile(*from)
	if err != nil {
		return err
	}
	if err := synth.Generate(src, *n, *out); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %d synthetic reports into %s\n", *n, *out)
	return nil
}
