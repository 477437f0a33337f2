// Package pipeline runs the build of the portal from end to end: ingest
// every source report, write the Hugo site source, render it with Hugo,
// and publish the result atomically, so that a failed build leaves the
// previous output untouched.
//
// The site is rendered in shards, to bound memory and to build
// incrementally: the reports are rendered a few at a time, each batch by a
// Hugo build of its own (site.WriteReports), and the output of each report
// (/fr/<slug>/, /en/<slug>/, /data/<slug>/) is kept in a cache keyed by
// what it is made of (cache.go); then one small "global" Hugo build
// renders the portal home pages, feeds (the feed: the 50 latest reports,
// hugo.toml's feedlimit), glossary, about, 404 and sitemap index
// (site.WriteGlobal), the report sitemaps are merged into it (sitemap.go:
// past 50,000 URLs a language's continues in sitemap-2.xml…, listed by
// /sitemap.xml), and the reports' output is put in: moved from where this
// build rendered it, or from the previous output when unchanged, or
// hard-linked from the cache.
// A report whose source, corrections, site files, base URL and generator
// are unchanged is not rendered again, and not even ingested when the
// caller does not need the structured reports (Options.DropReports; tests
// need them: the cached ones are read back from their report.json).
//
// In order: sources → cache keys (content hashes reused while a file's
// stat is unchanged: sums.go) → ingest, site and Hugo per shard of changed
// reports → cache (a report's files kept flat, hard links, with their
// list; its entry, the list's SHA-256 and its sitemap pieces in one file:
// a damaged list is a miss) → global build → sitemaps merged → the
// functions' pack and search index → output assembled → atomic swap.
// Result.Steps times what lies outside the stages.
//
// The pack and the index are kept in the cache under the set of report
// keys, with the list of those keys and the file's SHA-256, a damaged file
// made again (derived). When a report changed they are made again from
// the previous ones: the unchanged reports' zstd frames copied from the
// previous pack when its dictionary is the same, their search documents
// read from the previous index, only the changed reports' own parts made
// from them (reportpack.WriteWith, search.EncodeWith); a report is read
// back from its report.json only when the previous file cannot serve.
//
// The output is assembled from the previous output's folders fr/, en/ and
// data/, taken over whole when they hold unchanged reports, what changed
// in them set aside (adopt); the reports this build rendered moved in; the
// others hard-linked from the cache.
//
// It wires the stages together and owns the temporary folders; it must
// not do a stage's work itself: that belongs to the stage's own package
// (ingest, generator/site, generator/hugobuild).
package pipeline

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"pkportal"
	"pkportal/functions/reportpack"
	"pkportal/generator/hugobuild"
	"pkportal/generator/site"
	"pkportal/ingest"
	"pkportal/percore"
	"pkportal/report"
	"pkportal/search"
)

// Options of a build.
type Options struct {
	// Src is the folder of source reports (*.txt).
	Src string
	// Out is the folder that receives the site, replaced as a whole.
	Out string
	// BaseURL is the site's root URL; empty keeps hugo.toml's.
	BaseURL string
	// FunctionsData, when set, is where the reports embedded in the
	// functions are written (functions/reportdata/reports.pack).
	FunctionsData string
	// SearchIndex, when set, is where the search index the search
	// function embeds is written (functions/reportdata/search.idx). Both
	// are kept in the cache while the reports do not change.
	SearchIndex string
	// KeepSearchIndex asks for the search index of the reports in
	// Result.SearchIndex (serve), as SearchIndex writes it.
	KeepSearchIndex bool
	// KeepFunctionsData asks for the functions' pack of the reports in
	// Result.FunctionsData (serve), as FunctionsData writes it.
	KeepFunctionsData bool
	// Synthetic allows synthetic reports (generator synth), for
	// benchmarks; a build refuses them otherwise, so that none is ever
	// published by mistake.
	Synthetic bool
	// Cache is the folder of the rendered reports kept from one build to
	// the next (see cache.go); empty renders every report and keeps
	// nothing. For hard links to work it should be on the file system of
	// Out (files are copied otherwise).
	Cache string
	// DropReports lets the build skip the structured reports whose output
	// is in the cache, and release the others once rendered: Result.Reports
	// is then nil. Without it (tests) every report is returned: read back
	// from the cache (its report.json), or ingested. The functions' pack
	// and the search index, when asked for and not in the cache for these
	// reports, are made from the previous ones (functionsData,
	// searchIndex): the parts of the reports that did not change are taken
	// from them, and only the other reports are read back then (from their
	// report.json, or ingested when it cannot be read), or every report
	// when the previous file cannot serve.
	DropReports bool
	// Scratch is where the shards' site sources and renders are written
	// before their output moves to the cache; empty is the build's work
	// folder beside Out. A memory file system (/dev/shm) saves the disk
	// writes and reads of the site source.
	Scratch string
	// SiteFiles are the hand-written site files; nil means
	// pkportal.SiteFiles (tests change them).
	SiteFiles fs.FS
	// Log receives progress and Hugo's messages.
	Log io.Writer
}

// Result tells what a build did.
type Result struct {
	// Reports are the structured reports, in symbol order (nil with
	// Options.DropReports).
	Reports []*report.Report
	// SearchIndex is the search index of the reports, with
	// Options.KeepSearchIndex.
	SearchIndex []byte
	// FunctionsData is the functions' pack of the reports, with
	// Options.KeepFunctionsData.
	FunctionsData []byte
	// Count is the number of reports published.
	Count int
	// Pages is the number of HTML pages published (the paragraph
	// permalink pages, written by the generator, included).
	Pages int
	// Rendered is the number of reports rendered by this build; the
	// others were reused from the cache.
	Rendered int
	// Ingest, Generate and Render are the time spent in each stage,
	// summed over the shards (which run in parallel: the sum can exceed
	// the build's wall time). Render includes the global build.
	Ingest   time.Duration
	Generate time.Duration
	Render   time.Duration
	// Publish is the assembly of the output folder from the cache, the
	// functions data and the swap of the output folder.
	Publish time.Duration
	// Steps are the times of the build's steps outside the three stages
	// (and of the global build, also counted in Generate and Render), in
	// the order they ran: where a rebuild's time goes.
	Steps []Step
}

// Step is the time of one step of a build.
type Step struct {
	Name string
	Time time.Duration
}

// step records the time since *t as the step name, and restarts *t.
func (res *Result) step(name string, t *time.Time) {
	now := time.Now()
	res.Steps = append(res.Steps, Step{name, now.Sub(*t)})
	*t = now
}

// source is one source report of the build.
type source struct {
	path  string
	key   string
	r     *report.Report // nil until ingested
	e     *site.Entry    // from the cache, or of r once rendered
	pages int            // HTML pages of its output
	// sitemaps holds its <url> elements of each language's sitemap, when
	// read from the cache with its entry (a report rendered by this build
	// leaves them in its cache entry: kept in memory, with GOGC's
	// headroom, they added 165 MB to the peak at 1,000 reports).
	sitemaps map[string]string
	// staged is the folder of its output when this build rendered it
	// (in the work folder, moved into the output at the end), or "".
	staged string
}

// shardSize is the number of reports rendered by one Hugo build: enough to
// spread Hugo's fixed cost of a build (configuration, templates, CSS and
// script bundles), few enough to bound memory (about 10 MB per report).
const shardSize = 12

// Build ingests the sources of o.Src and publishes the site into o.Out.
func Build(o Options) (*Result, error) {
	paths, err := filepath.Glob(filepath.Join(o.Src, "*.txt"))
	if err != nil {
		return nil, fmt.Errorf("build: %w", err)
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("build: no source report (*.txt) in %s", o.Src)
	}
	return build(paths, nil, o)
}

// BuildReports publishes the site of already ingested reports into o.Out
// (with no cache: their sources are not known).
func BuildReports(reports []*report.Report, o Options) (*Result, error) {
	o.Cache, o.DropReports = "", false
	return build(nil, reports, o)
}

func build(paths []string, reports []*report.Report, o Options) (*Result, error) {
	logw := o.Log
	if logw == nil {
		logw = io.Discard
	}
	files := o.SiteFiles
	if files == nil {
		files = pkportal.SiteFiles
	}
	res := &Result{Reports: reports}
	if !o.Synthetic {
		for _, r := range reports {
			if r.Synthetic {
				return nil, fmt.Errorf("build: %s in %s is a synthetic report (made for benchmarks); it is not published unless the build is given -synthetic", r.Source, o.Src)
			}
		}
	}
	out, err := filepath.Abs(o.Out)
	if err != nil {
		return nil, err
	}
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("build: output folder: %w", err)
	}
	// Work next to the output, on the same file system, so that the final
	// rename is atomic.
	work, err := os.MkdirTemp(parent, "."+filepath.Base(out)+"-build-")
	if err != nil {
		return nil, fmt.Errorf("build: %w", err)
	}
	defer os.RemoveAll(work)
	ts := time.Now()
	c, err := openCache(o.Cache, work, files, o.BaseURL)
	if err != nil {
		return nil, fmt.Errorf("build: cache: %w", err)
	}
	defer c.close()
	res.step("cache opened", &ts)

	// The sources, and what the cache holds of them.
	var srcs []*source
	if paths == nil { // BuildReports: no sources, no cache to reuse
		for i, r := range reports {
			srcs = append(srcs, &source{r: r, key: fmt.Sprintf("report-%d", i)})
		}
	} else {
		byName := map[string]*report.Report{}
		for _, r := range reports {
			byName[r.Source] = r
		}
		for _, p := range paths {
			srcs = append(srcs, &source{path: p, r: byName[filepath.Base(p)]})
		}
		// keys and entries, one source per core at a time
		err := errors.Join(percore.Run(len(srcs), func(i int) error {
			s := srcs[i]
			var err error
			if s.key, err = c.key(s.path); err != nil {
				return err
			}
			s.e, s.pages, s.sitemaps = c.entry(s.key)
			return nil
		})...)
		if err != nil {
			return nil, fmt.Errorf("build: %w", err)
		}
	}
	var todo []*source
	for _, s := range srcs {
		if s.e == nil {
			todo = append(todo, s)
		} else if s.e.Synthetic && !o.Synthetic {
			return nil, fmt.Errorf("build: %s in %s is a synthetic report (made for benchmarks); it is not published unless the build is given -synthetic", s.e.Source, o.Src)
		}
	}
	res.Rendered = len(todo)
	keys := make([]string, len(srcs))
	for i, s := range srcs {
		keys[i] = s.key
	}
	// The reports this build renders are kept when the functions' pack or
	// the search index must be made again: their part of both is made
	// from them (dropped, they would be read back from the cache).
	wantPack, wantIndex := o.FunctionsData != "" || o.KeepFunctionsData, o.SearchIndex != "" || o.KeepSearchIndex
	shardOpts := o
	if wantPack && !c.hasDerived(packName, keys) || wantIndex && !c.hasDerived(indexName, keys) {
		shardOpts.DropReports = false
	}
	res.step("keys and entries", &ts)

	// The structured reports, when the caller wants them: those in the
	// cache read back from their report.json (at 1,000 reports 3.1–4.1 s
	// where ingesting took 21 s), the others ingested as they are rendered.
	if paths != nil && !o.DropReports {
		t := time.Now()
		n, err := readBackReports(srcs, c)
		if err != nil {
			return nil, fmt.Errorf("build: %w", err)
		}
		res.Ingest += time.Since(t)
		if n > 0 {
			res.step("reports read back", &ts)
		}
	}

	// The reports to render, a shard at a time, one shard per core.
	scratch := work
	if o.Scratch != "" {
		if scratch, err = os.MkdirTemp(o.Scratch, "pkportal-build-"); err != nil {
			return nil, fmt.Errorf("build: scratch folder: %w", err)
		}
		defer os.RemoveAll(scratch)
	}
	st := &stageTimes{}
	nShards := (len(todo) + shardSize - 1) / shardSize
	err = errors.Join(percore.Run(nShards, func(k int) error {
		return renderShard(todo[k*shardSize:min((k+1)*shardSize, len(todo))], c, work, scratch, files, shardOpts, st, logw)
	})...)
	if err != nil {
		return nil, fmt.Errorf("build: %w", err)
	}
	res.Ingest += st.ingest
	res.Generate, res.Render = st.generate, st.render
	res.step("shards", &ts)
	if paths != nil && !o.DropReports {
		reports = reportsOf(srcs)
		res.Reports = reports
	}

	// Reports in symbol order, as the site lists them.
	sort.SliceStable(srcs, func(i, j int) bool { return entryLess(srcs[i].e, srcs[j].e) })
	entries := make([]site.Entry, len(srcs))
	slugs := map[string]string{}
	for i, s := range srcs {
		entries[i] = *s.e
		if other, dup := slugs[s.e.Slug]; dup {
			return nil, fmt.Errorf("build: %s and %s are both %s", other, s.e.Source, s.e.Symbol)
		}
		slugs[s.e.Slug] = s.e.Source
	}
	res.Count = len(srcs)

	// The global part: portal home, feeds, editorial pages, sitemaps.
	t := time.Now()
	gsite, pub := filepath.Join(scratch, "global"), filepath.Join(work, "public")
	if err := site.WriteGlobal(gsite, files, entries); err != nil {
		return nil, fmt.Errorf("build: generate: %w", err)
	}
	if n := site.RedirectRules(entries); n > site.MaxParagraphRules {
		fmt.Fprintf(logw, "build: _redirects: %d paragraph rules, more than %d (Netlify's advice): none written, the paragraphs' static pages answer their permalinks\n", n, site.MaxParagraphRules)
	}
	res.Generate += time.Since(t)
	t = time.Now()
	if _, err := hugobuild.Build(hugobuild.Options{SiteDir: gsite, PublishDir: pub, BaseURL: o.BaseURL, Log: logw}); err != nil {
		return nil, fmt.Errorf("build: render: %w", err)
	}
	res.Render += time.Since(t)
	res.step("global build", &ts)

	t = time.Now()
	defer func() { res.Publish = time.Since(t) }()
	if err := mergeSitemaps(pub, srcs, c); err != nil {
		return nil, fmt.Errorf("build: sitemaps: %w", err)
	}
	res.step("sitemaps", &ts)
	n, err := countPages(pub)
	if err != nil {
		return nil, fmt.Errorf("build: %w", err)
	}
	res.Pages = n
	res.step("pages counted", &ts)
	// The functions' pack and the search index, when the cache does not
	// hold them for these reports: made from the previous ones for the
	// reports that did not change, from the reports for the others.
	if wantPack {
		b, err := c.derived(packName, keys, func(prev derivedFile) ([]byte, error) {
			return functionsData(srcs, c, prev)
		})
		if err == nil && o.FunctionsData != "" {
			err = writeIfChanged(o.FunctionsData, b)
		}
		if err != nil {
			return nil, fmt.Errorf("build: functions data: %w", err)
		}
		if o.KeepFunctionsData {
			res.FunctionsData = b
		}
		res.step("functions' pack", &ts)
	}
	if wantIndex {
		b, err := c.derived(indexName, keys, func(prev derivedFile) ([]byte, error) {
			return searchIndex(srcs, c, prev, o.DropReports, func(n int, took time.Duration) {
				res.Ingest += took
				if n > 0 {
					res.step("reports read back", &ts)
				}
			})
		})
		if err == nil && o.SearchIndex != "" {
			err = writeIfChanged(o.SearchIndex, b)
		}
		if err != nil {
			return nil, fmt.Errorf("build: search index: %w", err)
		}
		if o.KeepSearchIndex {
			res.SearchIndex = b
		}
		res.step("search index", &ts)
	}
	// The reports' folders: moved from where this build rendered them, or
	// from the previous output when it holds them unchanged, linked from
	// the cache otherwise.
	prev := map[string]string{}
	if o.Cache != "" {
		prev = c.manifest(out)
		// until the swap is done, the output and the manifest may differ
		if err := os.Remove(c.manifestPath(out)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("build: cache: %w", err)
		}
	}
	now := map[string]string{}
	var moved [][2]string
	var linked []string // report folders linked into pub, maybe inside adopted ones
	undo := func() {
		for _, d := range linked {
			_ = os.RemoveAll(filepath.Join(pub, d))
		}
		for i := len(moved) - 1; i >= 0; i-- {
			_ = os.Rename(moved[i][1], moved[i][0])
		}
	}
	keep := map[string]string{} // folders that the previous output may give
	for _, s := range srcs {
		if s.staged == "" {
			for _, d := range reportDirs(s.e.Slug) {
				keep[filepath.ToSlash(d)] = s.key
			}
		}
	}
	adopted, err := adopt(out, pub, work, prev, keep, &moved)
	if err != nil {
		undo()
		return nil, fmt.Errorf("build: output: %w", err)
	}
	type linkJob struct {
		s    *source
		dirs []string
	}
	var links []linkJob
	for _, s := range srcs {
		res.Pages += s.pages
		var toLink []string
		for _, d := range reportDirs(s.e.Slug) {
			now[filepath.ToSlash(d)] = s.key
			from, to := filepath.Join(out, d), filepath.Join(pub, d)
			if adopted[filepath.ToSlash(d)] {
				continue
			}
			if s.staged != "" {
				if err := move(filepath.Join(s.staged, d), to); err != nil {
					undo()
					return nil, fmt.Errorf("build: output of %s: %w", s.e.Symbol, err)
				}
				// undone too: it may be in a folder taken over from out
				moved = append(moved, [2]string{filepath.Join(s.staged, d), to})
				continue
			}
			if prev[filepath.ToSlash(d)] == s.key {
				if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
					undo()
					return nil, fmt.Errorf("build: %w", err)
				}
				if os.Rename(from, to) == nil {
					moved = append(moved, [2]string{from, to})
					continue
				}
			}
			toLink = append(toLink, d)
		}
		if len(toLink) > 0 {
			links = append(links, linkJob{s, toLink})
			linked = append(linked, toLink...)
		}
	}
	// the others linked from the cache, one report per core at a time
	err = errors.Join(percore.Run(len(links), func(i int) error {
		if err := c.link(links[i].s.key, links[i].dirs, pub); err != nil {
			return fmt.Errorf("output of %s: %w", links[i].s.e.Symbol, err)
		}
		return nil
	})...)
	if err != nil {
		undo()
		return nil, fmt.Errorf("build: %w", err)
	}
	res.step("output assembled", &ts)
	if err := swap(pub, out); err != nil {
		undo()
		return nil, fmt.Errorf("build: publish to %s: %w", out, err)
	}
	res.step("swap", &ts)
	if o.Cache != "" {
		if err := c.writeManifest(out, now); err != nil {
			fmt.Fprintf(logw, "build: cache: %v\n", err)
		}
		if err := c.saveSums(); err != nil {
			fmt.Fprintf(logw, "build: cache: %v\n", err)
		}
	}
	if err := c.prune(srcs); err != nil {
		fmt.Fprintf(logw, "build: cache: %v\n", err)
	}
	res.step("manifest and prune", &ts)
	return res, nil
}

// readBackReports gives every source that has a cache entry but not its
// structured report that report: read back from the entry's report.json,
// or, when that is not readable, ingested from the source. One source per
// core at a time. It returns how many it gave.
func readBackReports(srcs []*source, c *cache) (int, error) {
	var n atomic.Int64
	err := errors.Join(percore.Run(len(srcs), func(i int) error {
		s := srcs[i]
		if s.r != nil || s.e == nil {
			return nil
		}
		n.Add(1)
		r, err := c.report(s.key, s.e.Slug)
		if err != nil { // not readable: from the source, as ingested
			r, err = ingest.ParseFile(s.path)
		}
		s.r = r
		return err
	})...)
	return int(n.Load()), err
}

// reportsOf returns the structured reports of srcs, in the order of
// ingest.ParseDir.
func reportsOf(srcs []*source) []*report.Report {
	rs := make([]*report.Report, len(srcs))
	for i, s := range srcs {
		rs[i] = s.r
	}
	sort.SliceStable(rs, func(i, j int) bool { return reportLess(rs[i], rs[j]) })
	return rs
}

// The names of the derived files in the cache.
const (
	packName  = "reports.pack"
	indexName = "search.idx"
)

// stageTimes sums the stage times of the shards.
type stageTimes struct {
	mu                       sync.Mutex
	ingest, generate, render time.Duration
}

func (st *stageTimes) add(stage *time.Duration, d time.Duration) {
	st.mu.Lock()
	*stage += d
	st.mu.Unlock()
}

// renderShard ingests (if need be), writes and renders a few reports with
// one Hugo build, and stores each report's output in the cache.
func renderShard(sh []*source, c *cache, work, scratch string, files fs.FS, o Options, st *stageTimes, logw io.Writer) error {
	t := time.Now()
	reports := make([]*report.Report, len(sh))
	for i, s := range sh {
		if s.r == nil {
			r, err := ingest.ParseFile(s.path)
			if err != nil {
				return err
			}
			if r.Synthetic && !o.Synthetic {
				return fmt.Errorf("%s in %s is a synthetic report (made for benchmarks); it is not published unless the build is given -synthetic", r.Source, o.Src)
			}
			s.r = r
		}
		reports[i] = s.r
	}
	st.add(&st.ingest, time.Since(t))

	t = time.Now()
	dir, err := os.MkdirTemp(scratch, "shard-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	// the site source in the scratch folder; the output beside the cache
	// (work is on the output's file system), to move into it by renaming
	pub, err := os.MkdirTemp(work, "shard-public-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(pub)
	siteDir := filepath.Join(dir, "site")
	if err := site.WriteReports(siteDir, pub, files, reports); err != nil {
		return fmt.Errorf("generate: %w", err)
	}
	st.add(&st.generate, time.Since(t))

	t = time.Now()
	if _, err := hugobuild.Build(hugobuild.Options{SiteDir: siteDir, PublishDir: pub, BaseURL: o.BaseURL, Log: logw}); err != nil {
		return fmt.Errorf("render: %w", err)
	}
	st.add(&st.render, time.Since(t))

	sitemaps, err := shardSitemaps(pub)
	if err != nil {
		return err
	}
	for _, s := range sh {
		e := site.EntryOf(s.r)
		staged := filepath.Join(work, "staged", s.key)
		if s.pages, err = c.store(s.key, e, pub, staged, sitemaps[e.Slug]); err != nil {
			return fmt.Errorf("cache %s: %w", s.r.Symbol, err)
		}
		s.staged = staged
		s.e = &e
		if o.DropReports {
			s.r = nil // rendered: the memory goes back before the next shard
		}
	}
	return nil
}

// reportLess orders reports as ingest.ParseDir does: by symbol (numbers
// as numbers), then language.
func reportLess(a, b *report.Report) bool {
	return symbolLess(a.Symbol, a.Language, b.Symbol, b.Language)
}

// sourceLess orders sources as reportLess orders their reports.
func sourceLess(a, b *source) bool {
	return symbolLess(a.e.Symbol, a.e.Language, b.e.Symbol, b.e.Language)
}

// symbolLess orders reports by symbol (numbers as numbers), then
// language.
func symbolLess(symA, langA, symB, langB string) bool {
	if symA != symB {
		return ingest.SymbolLess(symA, symB)
	}
	return langA < langB
}

// entryLess orders reports by symbol (numbers as numbers), then source.
func entryLess(a, b *site.Entry) bool {
	if a.Symbol != b.Symbol {
		return ingest.SymbolLess(a.Symbol, b.Symbol)
	}
	return a.Source < b.Source
}

// countPages counts the HTML pages of a folder.
func countPages(dir string) (int, error) {
	n := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && filepath.Ext(p) == ".html" {
			n++
		}
		return err
	})
	return n, err
}

// swap replaces dst by src: dst moves aside, src takes its place, the old
// dst is removed. If the second rename fails the old dst is put back.
func swap(src, dst string) error {
	old := dst + ".old"
	_ = os.RemoveAll(old)
	hadOld := false
	if _, err := os.Stat(dst); err == nil {
		if err := os.Rename(dst, old); err != nil {
			return err
		}
		hadOld = true
	}
	if err := os.Rename(src, dst); err != nil {
		if hadOld {
			_ = os.Rename(old, dst)
		}
		return err
	}
	return os.RemoveAll(old)
}

// functionsData is the pack of the reports of srcs that the CSV function
// embeds: the reports that did not change since prev was made are copied
// from it, the others compressed from their JSON (from the cache's
// report.json when the build did not render them: nothing is decoded).
func functionsData(srcs []*source, c *cache, prev derivedFile) ([]byte, error) {
	items := make([]reportpack.Item, len(srcs))
	for i, s := range srcs {
		items[i] = reportpack.Item{Slug: s.e.Slug, Symbol: s.e.Symbol, Same: prev.has(s.key), JSON: func() ([]byte, error) {
			if s.r == nil {
				if b, err := c.reportJSON(s.key, s.e.Slug); err == nil {
					return b, nil
				}
			}
			r := s.r
			if r == nil { // not readable: from the source, as ingested
				var err error
				if r, err = ingest.ParseFile(s.path); err != nil {
					return nil, err
				}
			}
			return json.Marshal(r)
		}}
	}
	var b bytes.Buffer
	err := reportpack.WriteWith(&b, prev.b, items)
	return b.Bytes(), err
}

// searchIndex encodes the search index of the reports of srcs: the
// documents of those that did not change since prev was made are read
// from it, the others drawn from their reports, read back from the cache
// when the build did not render them (a prev that cannot be read is not
// used: all are); readBack is told how many were read back, in how long.
// With drop, the sources let their reports go: the index is the last
// thing made of them, and EncodeWith drops each once it has its
// documents, so that the collector need not go over them again and again
// while it encodes.
func searchIndex(srcs []*source, c *cache, prev derivedFile, drop bool, readBack func(n int, took time.Duration)) ([]byte, error) {
	srcs = slices.Clone(srcs)
	sort.SliceStable(srcs, func(i, j int) bool { return sourceLess(srcs[i], srcs[j]) })
	encode := func(from derivedFile) ([]byte, error) {
		var back []*source
		for _, s := range srcs {
			if !from.has(s.key) {
				back = append(back, s)
			}
		}
		t := time.Now()
		n, err := readBackReports(back, c)
		readBack(n, time.Since(t))
		if err != nil {
			return nil, err
		}
		items := make([]search.Source, len(srcs))
		for i, s := range srcs {
			if from.has(s.key) {
				items[i] = search.Source{Slug: s.e.Slug, Lang: s.e.Language}
			} else {
				items[i] = search.Source{Report: s.r}
			}
			if drop {
				s.r = nil
			}
		}
		return search.EncodeWith(from.b, items, site.Languages...) // the site's UI languages, the search function's `lang`
	}
	b, err := encode(prev)
	if err != nil && prev.b != nil {
		b, err = encode(derivedFile{})
	}
	return b, err
}
