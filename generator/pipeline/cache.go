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
// are removed. A build holds a lock on the cache folder (flock(2) of its
// "lock" file) from start to end: a second build with the same cache
// waits, rather than have its entries pruned under it.
type cache struct {
	dir    string
	salt   []byte
	unlock func()
}

// close releases the cache folder.
func (c *cache) close() {
	if c.unlock != nil {
		c.unlock()
	}
}

// openCache opens (creating it) the cache folder dir; an empty dir is a
// throw-away cache inside the build's work folder.
func openCache(dir, work string, files fs.FS, baseURL string) (*cache, error) {
	shared := dir != ""
	if !shared {
		dir = filepath.Join(work, "cache")
	}
	if err := os.MkdirAll(filepath.Join(dir, "reports"), 0o755); err != nil {
		return nil, err
	}
	unlock := func() {}
	if shared {
		var err error
		if unlock, err = lockDir(dir); err != nil {
			return nil, err
		}
	}
	exe, err := generatorHash()
	if err != nil {
		unlock()
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
		unlock()
		return nil, fmt.Errorf("site files: %w", err)
	}
	return &cache{dir: dir, salt: h.Sum(nil), unlock: unlock}, nil
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

// cached is the entry.json of a cache entry.
type cached struct {
	Entry site.Entry `json:"entry"`
	// Pages is the number of HTML pages of the report's output.
	Pages int `json:"pages"`
}

// entry returns the cached entry of key and its number of pages, or nil.
func (c *cache) entry(key string) (*site.Entry, int) {
	b, err := os.ReadFile(filepath.Join(c.path(key), "entry.json"))
	if err != nil {
		return nil, 0
	}
	var e cached
	if json.Unmarshal(b, &e) != nil || e.Entry.Slug == "" {
		return nil, 0
	}
	return &e.Entry, e.Pages
}

// store moves the output of the report of e out of a shard's publish
// folder pub into the cache, with its sitemap entries (sitemaps maps a
// language to the report's <url> elements).
func (c *cache) store(key string, e site.Entry, pub string, sitemaps map[string]string) (int, error) {
	tmp, err := os.MkdirTemp(filepath.Join(c.dir, "reports"), ".tmp-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(tmp)
	var dirs []string
	for _, lang := range site.Languages {
		dirs = append(dirs, filepath.Join(lang, e.Slug))
		if err := os.WriteFile(filepath.Join(tmp, "sitemap-"+lang+".xml"), []byte(sitemaps[lang]), 0o644); err != nil {
			return 0, err
		}
	}
	dirs = append(dirs, filepath.Join("data", e.Slug))
	for _, d := range dirs {
		if err := move(filepath.Join(pub, d), filepath.Join(tmp, "out", d)); err != nil {
			return 0, err
		}
	}
	pages, err := countPages(filepath.Join(tmp, "out"))
	if err != nil {
		return 0, err
	}
	b, err := json.Marshal(cached{Entry: e, Pages: pages})
	if err != nil {
		return 0, err
	}
	if err := os.WriteFile(filepath.Join(tmp, "entry.json"), b, 0o644); err != nil {
		return 0, err
	}
	dst := c.path(key)
	if err := os.RemoveAll(dst); err != nil {
		return 0, err
	}
	return pages, os.Rename(tmp, dst)
}

// sitemap returns the report's <url> elements of a language's sitemap.
func (c *cache) sitemap(key, lang string) (string, error) {
	b, err := os.ReadFile(filepath.Join(c.path(key), "sitemap-"+lang+".xml"))
	return string(b), err
}

// link puts the folder dir (e.g. "fr/a-76-564") of the cached output of
// key into the publish folder pub: hard links, copies across file systems.
func (c *cache) link(key, dir, pub string) error {
	src := filepath.Join(c.path(key), "out", dir)
	if _, err := os.Stat(src); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(pub, dir, rel)
		if d.IsDir() {
			// the walk makes a folder's parent before it: one mkdir
			// (os.MkdirAll stats first), except for the top one
			if err := os.Mkdir(target, 0o755); err == nil || errors.Is(err, fs.ErrExist) {
				return nil
			}
			return os.MkdirAll(target, 0o755)
		}
		if os.Link(p, target) == nil {
			return nil
		}
		return copyFile(p, target)
	})
}

// The previous output of a build already holds, as hard links into the
// cache, the folders of the reports that did not change. Moving them into
// the new output (a rename per folder) instead of linking their files one
// by one (tens of thousands of links, and as many removals with the old
// output) is what makes a rebuild cost what changed. The manifest, kept
// in the cache (outputs/<hash of the output path>.json), says which
// report key each folder of an output holds.

func (c *cache) manifestPath(out string) string {
	h := sha256.Sum256([]byte(out))
	return filepath.Join(c.dir, "outputs", hex.EncodeToString(h[:8])+".json")
}

// manifest returns the report folders of the output out and their keys.
func (c *cache) manifest(out string) map[string]string {
	m := map[string]string{}
	if b, err := os.ReadFile(c.manifestPath(out)); err == nil {
		_ = json.Unmarshal(b, &m)
	}
	return m
}

// writeManifest records the report folders of the output out.
func (c *cache) writeManifest(out string, m map[string]string) error {
	p := c.manifestPath(out)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	if err := os.WriteFile(p+".tmp", b, 0o644); err != nil {
		return err
	}
	return os.Rename(p+".tmp", p)
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
