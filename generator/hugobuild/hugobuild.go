// Package hugobuild renders a generated Hugo site source into a folder of
// static files, with Hugo used as a Go library (no hugo binary).
//
// It uses Hugo's lower-level hugolib API, the one Hugo's own integration
// tests use, because the command-line entry point changes process-wide
// state (log output, GOMAXPROCS) and is meant to run once per process.
// That API does not copy static/ by itself, so Build does it. Any Hugo
// warning fails the build. Hugo publishes through publishFs, which keeps
// the first write error and returns it: a full disk fails the build
// instead of hanging Hugo.
//
// It must not know anything about reports: it takes a site folder and
// writes a public folder.
package hugobuild

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/bep/logg"
	"github.com/gohugoio/hugo/common/loggers"
	"github.com/gohugoio/hugo/config"
	"github.com/gohugoio/hugo/config/allconfig"
	"github.com/gohugoio/hugo/deps"
	"github.com/gohugoio/hugo/hugofs"
	"github.com/gohugoio/hugo/hugolib"
)

// Options says where the site source is and where its output goes.
type Options struct {
	// SiteDir holds hugo.toml, content/, layouts/, i18n/, assets/, static/.
	SiteDir string
	// PublishDir receives the rendered site. It should be empty or absent.
	PublishDir string
	// publish is the file system Hugo writes PublishDir with (a test's);
	// nil is newPublishFs().
	publish *publishFs
	// BaseURL is the site's absolute root URL, e.g. "https://example.org/".
	BaseURL string
	// Log receives Hugo's warnings and errors; nil discards them.
	Log io.Writer
}

// Stats reports what a build produced.
type Stats struct {
	// Pages is the number of pages Hugo rendered, all languages together.
	Pages int
}

// Build renders the site once. Any Hugo warning or error fails the build,
// so a template that references a missing page or string does not pass.
func Build(o Options) (Stats, error) {
	var st Stats
	logw := o.Log
	if logw == nil {
		logw = io.Discard
	}
	var captured bytes.Buffer
	w := io.MultiWriter(logw, &captured)

	flags := config.New()
	flags.Set("workingDir", o.SiteDir)
	flags.Set("publishDir", o.PublishDir)
	if o.BaseURL != "" {
		flags.Set("baseURL", o.BaseURL)
	}
	logger := loggers.New(loggers.Options{
		Level:         logg.LevelWarn,
		DistinctLevel: logg.LevelWarn,
		StdOut:        w,
		StdErr:        w,
	})
	confs, err := allconfig.LoadConfig(allconfig.ConfigSourceDescriptor{
		Flags:       flags,
		Fs:          hugofs.Os,
		Environment: "production",
		Logger:      logger,
		// A non-empty environment keeps HUGO_* variables of the
		// process from changing the build.
		Environ: []string{"PKPORTAL=1"},
	})
	if err != nil {
		return st, fmt.Errorf("hugo config in %s: %w", o.SiteDir, err)
	}
	pub := o.publish
	if pub == nil {
		pub = newPublishFs()
	}
	hfs := hugofs.NewFromSourceAndDestination(hugofs.Os, pub, flags)
	sites, err := hugolib.NewHugoSites(deps.DepsCfg{
		Configs:  confs,
		Fs:       hfs,
		LogLevel: logger.Level(),
		StdOut:   logger.StdOut(),
		StdErr:   logger.StdErr(),
	})
	if err != nil {
		return st, fmt.Errorf("hugo sites in %s: %w", o.SiteDir, err)
	}
	defer sites.Close()
	err = sites.Build(hugolib.BuildCfg{NoBuildLock: true})
	if perr := pub.Err(); perr != nil {
		return st, fmt.Errorf("hugo build of %s: publish: %w", o.SiteDir, perr)
	}
	if err != nil {
		return st, fmt.Errorf("hugo build of %s: %w", o.SiteDir, err)
	}
	if n := logger.LoggCount(logg.LevelWarn) + logger.LoggCount(logg.LevelError); n > 0 {
		return st, fmt.Errorf("hugo build of %s: %d warning(s) or error(s):\n%s", o.SiteDir, n, captured.String())
	}
	for _, s := range sites.Sites {
		st.Pages += len(s.Pages())
	}
	if err := copyTree(filepath.Join(o.SiteDir, "static"), o.PublishDir); err != nil {
		return st, fmt.Errorf("copy static files: %w", err)
	}
	return st, nil
}

// copyTree copies the files under src into dst, creating folders as needed.
// A missing src is not an error: a site may have no static files.
func copyTree(src, dst string) error {
	if _, err := os.Stat(src); os.IsNotExist(err) {
		return nil
	}
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		// the site folder is a build's own temporary copy: a hard link
		// is as good as a copy, and free
		if os.Link(p, target) == nil {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
}
