package pipeline

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"pkportal/generator/site"
	"pkportal/ingest"
)

// The build cache holds the rendered output of each report, under a key
// that hashes everything the output is made of:
//
//   - the generator itself (a hash of the running executable: the ingest,
//     the views, the body templates and Hugo are compiled into it),
//   - the site files (pkportal.SiteFiles: hugo.toml, layouts, i18n,
//     assets, static, content),
//   - the base URL and the UI languages,
//   - the source file's name and bytes, and its corrections file's bytes.
//
// An entry is a folder reports/<key>/ with entry.json (site.Entry: what
// the global build needs of the report), sitemap-<lang>.xml (the report's
// <url> elements of each language's sitemap) and out/ (its published
// files: <lang>/<slug>/ and data/<slug>/). Entries are written in a
// temporary folder and renamed into place, so an entry is complete or
// absent; a failed build leaves the entries of the reports it did render,
// which are valid. After a successful build, entries that it did not use
// are removed. One build at a time may use a cache folder.
type cache struct {
	dir  string
	salt []byte
}

// openCache opens (creating it) the cache folder dir; an empty dir is a
// throw-away cache inside the build's work folder.
func openCache(dir, work string, files fs.FS, baseURL string) (*cache, error) {
	if dir == "" {
		dir = filepath.Join(work, "cache")
	}
	if err := os.MkdirAll(filepath.Join(dir, "reports"), 0o755); err != nil {
		return nil, err
	}
	exe, err := generatorHash()
	if err != nil {
		return nil, err
	}
	h := sha256.New()
	fmt.Fprintf(h, "pkportal build cache 1\x00%s\x00%s\x00%s\x00", exe, baseURL, strings.Join(site.Languages, ","))
	err = fs.WalkDir(files, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(files, p)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s\x00%d\x00", p, len(b))
		h.Write(b)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("site files: %w", err)
	}
	return &cache{dir: dir, salt: h.Sum(nil)}, nil
}

var exeHash = sync.OnceValues(func() (string, error) {
	p, err := os.Executable()
	if err != nil {
		return "", err
	}
	f, err := os.Open(p)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
})

// generatorHash identifies the running generator: a hash of its
// executable, computed once per process.
func generatorHash() (string, error) {
	s, err := exeHash()
	if err != nil {
		return "", fmt.Errorf("generator version: %w", err)
	}
	return s, nil
}

// key is the cache key of the source report at path.
func (c *cache) key(path string) (string, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	h.Write(c.salt)
	fmt.Fprintf(h, "%s\x00%d\x00", filepath.Base(path), len(src))
	h.Write(src)
	corr, err := os.ReadFile(ingest.CorrectionsPath(path))
	switch {
	case err == nil:
		fmt.Fprintf(h, "corrections\x00%d\x00", len(corr))
		h.Write(corr)
	case !errors.Is(err, fs.ErrNotExist):
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil))[:32], nil
}

func (c *cache) path(key string) string { return filepath.Join(c.dir, "reports", key) }

// entry returns the cached entry of key, or nil.
func (c *cache) entry(key string) *site.Entry {
	b, err := os.ReadFile(filepath.Join(c.path(key), "entry.json"))
	if err != nil {
		return nil
	}
	var e site.Entry
	if json.Unmarshal(b, &e) != nil || e.Slug == "" {
		return nil
	}
	return &e
}

// store moves the output of the report of e out of a shard's publish
// folder pub into the cache, with its sitemap entries (sitemaps maps a
// language to the report's <url> elements).
func (c *cache) store(key string, e site.Entry, pub string, sitemaps map[string]string) error {
	tmp, err := os.MkdirTemp(filepath.Join(c.dir, "reports"), ".tmp-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	var dirs []string
	for _, lang := range site.Languages {
		dirs = append(dirs, filepath.Join(lang, e.Slug))
		if err := os.WriteFile(filepath.Join(tmp, "sitemap-"+lang+".xml"), []byte(sitemaps[lang]), 0o644); err != nil {
			return err
		}
	}
	dirs = append(dirs, filepath.Join("data", e.Slug))
	for _, d := range dirs {
		if err := move(filepath.Join(pub, d), filepath.Join(tmp, "out", d)); err != nil {
			return err
		}
	}
	b, err := json.Marshal(e)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(tmp, "entry.json"), b, 0o644); err != nil {
		return err
	}
	dst := c.path(key)
	if err := os.RemoveAll(dst); err != nil {
		return err
	}
	return os.Rename(tmp, dst)
}

// sitemap returns the report's <url> elements of a language's sitemap.
func (c *cache) sitemap(key, lang string) (string, error) {
	b, err := os.ReadFile(filepath.Join(c.path(key), "sitemap-"+lang+".xml"))
	return string(b), err
}

// link puts the cached output of key into the publish folder pub (hard
// links; copies across file systems) and returns its number of HTML pages.
func (c *cache) link(key, pub string) (int, error) {
	src := filepath.Join(c.path(key), "out")
	pages := 0
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(pub, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if filepath.Ext(p) == ".html" {
			pages++
		}
		if os.Link(p, target) == nil {
			return nil
		}
		return copyFile(p, target)
	})
	return pages, err
}

// prune removes the entries that the build of srcs did not use, and
// temporary folders left by interrupted builds.
func (c *cache) prune(srcs []*source) error {
	keep := map[string]bool{}
	for _, s := range srcs {
		keep[s.key] = true
	}
	des, err := os.ReadDir(filepath.Join(c.dir, "reports"))
	if err != nil {
		return err
	}
	var errs []error
	for _, d := range des {
		if !keep[d.Name()] {
			errs = append(errs, os.RemoveAll(filepath.Join(c.dir, "reports", d.Name())))
		}
	}
	return errors.Join(errs...)
}

// move renames src to dst, or copies it across file systems.
func move(src, dst string) error {
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	if _, err := os.Stat(src); errors.Is(err, fs.ErrNotExist) {
		return nil // e.g. a report with no data folder
	}
	if os.Rename(src, dst) == nil {
		return nil
	}
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		return copyFile(p, filepath.Join(dst, rel))
	})
}

func copyFile(src, dst string) error {
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return os.WriteFile(dst, b, 0o644)
}
