// Package pipeline runs the build of the portal from end to end: ingest
// every source report, write the Hugo site source, render it with Hugo,
// and publish the result atomically, so that a failed build leaves the
// previous output untouched.
//
// It wires the stages together and owns the temporary folders; the work
// of each stage belongs to its own package (ingest, generator/site,
// generator/hugobuild).
package pipeline

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"pkportal/functions/reportdata"
	"pkportal/generator/hugobuild"
	"pkportal/generator/site"
	"pkportal/ingest"
	"pkportal/report"
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
	// functions are written (functions/reportdata/reports.json.gz).
	FunctionsData string
	// SearchIndex, when set, is where the search index the search
	// function embeds is written (functions/reportdata/search.idx).
	SearchIndex string
	// Synthetic allows synthetic reports (generator synth), for
	// benchmarks; a build refuses them otherwise, so that none is ever
	// published by mistake.
	Synthetic bool
	// Log receives progress and Hugo's messages.
	Log io.Writer
}

// Result tells what a build did.
type Result struct {
	Reports  []*report.Report
	Pages    int
	Ingest   time.Duration
	Generate time.Duration
	Render   time.Duration
	// Publish is the swap of the output folder and the functions data.
	Publish time.Duration
}

// Build ingests the sources of o.Src and publishes the site into o.Out.
func Build(o Options) (*Result, error) {
	t0 := time.Now()
	reports, err := ingest.ParseDir(o.Src)
	if err != nil {
		return nil, err
	}
	if len(reports) == 0 {
		return nil, fmt.Errorf("build: no source report (*.txt) in %s", o.Src)
	}
	if !o.Synthetic {
		for _, r := range reports {
			if r.Synthetic {
				return nil, fmt.Errorf("build: %s in %s is a synthetic report (made for benchmarks); it is not published unless the build is given -synthetic", r.Source, o.Src)
			}
		}
	}
	ingestTime := time.Since(t0)
	res, err := BuildReports(reports, o)
	if res != nil {
		res.Ingest = ingestTime
	}
	return res, err
}

// BuildReports publishes the site of already ingested reports into o.Out.
func BuildReports(reports []*report.Report, o Options) (*Result, error) {
	logw := o.Log
	if logw == nil {
		logw = io.Discard
	}
	res := &Result{Reports: reports}
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

	t := time.Now()
	siteDir := filepath.Join(work, "site")
	if err := site.Write(siteDir, reports); err != nil {
		return nil, fmt.Errorf("build: generate: %w", err)
	}
	res.Generate = time.Since(t)

	t = time.Now()
	pub := filepath.Join(work, "public")
	st, err := hugobuild.Build(hugobuild.Options{SiteDir: siteDir, PublishDir: pub, BaseURL: o.BaseURL, Log: logw})
	if err != nil {
		return nil, fmt.Errorf("build: render: %w", err)
	}
	res.Render = time.Since(t)
	res.Pages = st.Pages

	t = time.Now()
	defer func() { res.Publish = time.Since(t) }()
	if o.FunctionsData != "" {
		if err := writeFunctionsData(o.FunctionsData, reports); err != nil {
			return nil, fmt.Errorf("build: functions data: %w", err)
		}
	}
	if o.SearchIndex != "" {
		if err := writeSearchIndex(o.SearchIndex, reports); err != nil {
			return nil, fmt.Errorf("build: search index: %w", err)
		}
	}
	if err := swap(pub, out); err != nil {
		return nil, fmt.Errorf("build: publish to %s: %w", out, err)
	}
	return res, nil
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

// writeFunctionsData writes the reports the functions embed, only when
// they changed, so a build does not touch a committed file for nothing.
func writeFunctionsData(path string, reports []*report.Report) error {
	var b bytes.Buffer
	if err := reportdata.Encode(&b, reports); err != nil {
		return err
	}
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, b.Bytes()) {
		return nil
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, b.Bytes(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
