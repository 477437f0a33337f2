package pipeline

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"pkportal/generator/site"
	"pkportal/ingest"
	"pkportal/report"
)

// The build cache holds the rendered output of each report, under a key
// that hashes everything the output is made of:
//
//   - the generator itself (a hash of the running executable: the ingest,
//     the views, the body templates and Hugo are compiled into it),
//   - the site files (pkportal.SiteFiles: hugo.toml, layouts, i18n,
//     assets, static, content, netlify.toml),
//   - the base URL and the UI languages,
//   - the source file's name and bytes, and its corrections file's bytes.
//
// The hashes of the files (executable, sources, corrections) are kept
// from one build to the next with the files' stat (sums.go), so that only
// the files that changed are read again.
//
// An entry is a folder reports/<key>/ with entry (site.Entry, what the
// global build needs of the report, as JSON, then the report's <url>
// elements of each language's sitemap: one file, because every rebuild
// reads it and a cold page cache makes each file a disk read), files.txt
// (the folders and files of its output, <lang>/<slug>/ and data/<slug>/,
// parents first) and out/ (the files, hard links named by their line in
// files.txt: a flat folder, so that storing a report makes no folder per
// page; the folders are made only when an output needs the report from
// the cache).
// A throwaway cache (no -cache) keeps no out/. Entries are written in a
// temporary folder and renamed into place, so an entry is complete or
// absent; a failed build leaves the entries of the reports it did render,
// which are valid. After a successful build, entries that it did not use
// are removed. A build holds a lock on the cache folder (flock(2) of its
// "lock" file) from start to end: a second build with the same cache
// waits, rather than have its entries pruned under it.
type cache struct {
	dir string
	// shared is false for a build's throwaway cache, which keeps no
	// output: the build renders every report.
	shared bool
	salt   []byte
	sums   *sums
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
	sums := newSums(loadSums(filepath.Join(dir, "sums.json")))
	exe, err := generatorHash(sums)
	if err != nil {
		unlock()
		return nil, err
	}
	h := sha256.New()
	fmt.Fprintf(h, "pkportal build cache 3\x00%s\x00%s\x00%s\x00", exe, baseURL, strings.Join(site.Languages, ","))
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
	return &cache{dir: dir, shared: shared, salt: h.Sum(nil), sums: sums, unlock: unlock}, nil
}

// generatorHash identifies the running generator: a hash of its
// executable.
func generatorHash(s *sums) (string, error) {
	p, err := os.Executable()
	if err != nil {
		return "", fmt.Errorf("generator version: %w", err)
	}
	sum, ok, err := s.sum(p)
	if err == nil && !ok {
		err = fs.ErrNotExist
	}
	if err != nil {
		return "", fmt.Errorf("generator version: %w", err)
	}
	return sum, nil
}

// key is the cache key of the source report at path.
func (c *cache) key(path string) (string, error) {
	src, ok, err := c.sums.sum(path)
	if err == nil && !ok {
		err = fs.ErrNotExist
	}
	if err != nil {
		return "", fmt.Errorf("source %s: %w", path, err)
	}
	h := sha256.New()
	h.Write(c.salt)
	fmt.Fprintf(h, "%s\x00%s\x00", filepath.Base(path), src)
	corrPath := ingest.CorrectionsPath(path)
	corr, ok, err := c.sums.sum(corrPath)
	if err != nil {
		return "", fmt.Errorf("corrections %s: %w", corrPath, err)
	}
	if ok {
		fmt.Fprintf(h, "corrections\x00%s\x00", corr)
	}
	return hex.EncodeToString(h.Sum(nil))[:32], nil
}

// saveSums keeps the hashes of the files of this build for the next.
func (c *cache) saveSums() error {
	return c.sums.save(filepath.Join(c.dir, "sums.json"))
}

func (c *cache) path(key string) string { return filepath.Join(c.dir, "reports", key) }

// cached is the JSON head of a cache entry's file.
type cached struct {
	Entry site.Entry `json:"entry"`
	// Pages is the number of HTML pages of the report's output.
	Pages int `json:"pages"`
	// Files is the SHA-256 of the entry's files.txt: a list damaged (a
	// cache restored from elsewhere) makes the entry a miss, not a report
	// published without its pages.
	Files string `json:"files"`
}

// entryFile is the name of the file of a cache entry that holds its
// cached head and sitemap pieces: the JSON of cached, then the piece of
// each language of site.Languages, in that order, each after a NUL byte
// (which XML cannot contain).
const entryFile = "entry"

// entryParts reads the entry file of key: its JSON, then a sitemap
// piece per language.
func (c *cache) entryParts(key string) ([][]byte, error) {
	b, err := os.ReadFile(filepath.Join(c.path(key), entryFile))
	if err != nil {
		return nil, err
	}
	parts := bytes.Split(b, []byte{0})
	if len(parts) != 1+len(site.Languages) {
		return nil, fmt.Errorf("cache entry %s: %d parts, want %d", key, len(parts), 1+len(site.Languages))
	}
	return parts, nil
}

// entry returns the cached entry of key, its number of pages and its
// sitemap pieces (a language's <url> elements), or nil.
func (c *cache) entry(key string) (*site.Entry, int, map[string]string) {
	parts, err := c.entryParts(key)
	if err != nil {
		return nil, 0, nil
	}
	var e cached
	if json.Unmarshal(parts[0], &e) != nil || e.Entry.Slug == "" {
		return nil, 0, nil
	}
	list, err := os.ReadFile(filepath.Join(c.path(key), "files.txt"))
	if err != nil || sha256Hex(list) != e.Files {
		return nil, 0, nil
	}
	return &e.Entry, e.Pages, sitemapsOf(parts)
}

// sitemaps returns the sitemap pieces of the entry of key, by language.
func (c *cache) sitemaps(key string) (map[string]string, error) {
	parts, err := c.entryParts(key)
	if err != nil {
		return nil, err
	}
	return sitemapsOf(parts), nil
}

// sitemapsOf maps each language to its piece of an entry's parts.
func sitemapsOf(parts [][]byte) map[string]string {
	m := make(map[string]string, len(site.Languages))
	for i, lang := range site.Languages {
		m[lang] = string(parts[1+i])
	}
	return m
}

// store moves the output of the report of e out of a shard's publish
// folder pub into the cache, with its sitemap entries (sitemaps maps a
// language to the report's <url> elements).
func (c *cache) store(key string, e site.Entry, pub, staged string, sitemaps map[string]string) (int, error) {
	tmp, err := os.MkdirTemp(filepath.Join(c.dir, "reports"), ".tmp-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(tmp)
	for _, d := range reportDirs(e.Slug) {
		if err := move(filepath.Join(pub, d), filepath.Join(staged, d)); err != nil {
			return 0, err
		}
	}
	pages, list, err := listFiles(staged)
	if err != nil {
		return 0, err
	}
	if err := os.WriteFile(filepath.Join(tmp, "files.txt"), list, 0o644); err != nil {
		return 0, err
	}
	if c.shared {
		if err := os.Mkdir(filepath.Join(tmp, "out"), 0o755); err != nil {
			return 0, err
		}
		err := eachListed(list, nil, func(i int, rel string, dir bool) error {
			if dir {
				return nil
			}
			src, dst := filepath.Join(staged, filepath.FromSlash(rel)), filepath.Join(tmp, "out", strconv.Itoa(i))
			if os.Link(src, dst) == nil {
				return nil
			}
			return copyFile(src, dst)
		})
		if err != nil {
			return 0, err
		}
	}
	b, err := json.Marshal(cached{Entry: e, Pages: pages, Files: sha256Hex(list)})
	if err != nil {
		return 0, err
	}
	for _, lang := range site.Languages {
		if strings.IndexByte(sitemaps[lang], 0) >= 0 {
			return 0, fmt.Errorf("the %s sitemap of %s holds a NUL byte", lang, e.Slug)
		}
		b = append(append(b, 0), sitemaps[lang]...)
	}
	if err := os.WriteFile(filepath.Join(tmp, entryFile), b, 0o644); err != nil {
		return 0, err
	}
	dst := c.path(key)
	if err := os.RemoveAll(dst); err != nil {
		return 0, err
	}
	return pages, os.Rename(tmp, dst)
}

// reportDirs are the folders of a report's output.
func reportDirs(slug string) []string {
	var dirs []string
	for _, lang := range site.Languages {
		dirs = append(dirs, filepath.Join(lang, slug))
	}
	return append(dirs, filepath.Join("data", slug))
}

// report reads back the structured report of the entry of key from the
// report.json of its output (the model as JSON, which decodes to the
// report that ingest made: the key covers the source and the generator).
func (c *cache) report(key, slug string) (*report.Report, error) {
	b, err := c.reportFile(key, slug)
	if err != nil {
		return nil, err
	}
	var r report.Report
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, fmt.Errorf("cache entry %s: data/%s/report.json: %w", key, slug, err)
	}
	return &r, nil
}

// reportJSON returns the structured report of the entry of key as
// json.Marshal writes it, without decoding it: its report.json is that,
// indented, with the name of its schema first.
func (c *cache) reportJSON(key, slug string) ([]byte, error) {
	b, err := c.reportFile(key, slug)
	if err != nil {
		return nil, err
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, b); err != nil {
		return nil, fmt.Errorf("cache entry %s: data/%s/report.json: %w", key, slug, err)
	}
	j, ok := bytes.CutPrefix(compact.Bytes(), []byte(site.ReportJSONPrefix))
	if !ok {
		return nil, fmt.Errorf("cache entry %s: data/%s/report.json does not begin with %s", key, slug, site.ReportJSONPrefix)
	}
	return append([]byte("{"), j...), nil
}

// reportFile returns the report.json of the entry of key.
func (c *cache) reportFile(key, slug string) ([]byte, error) {
	list, err := os.ReadFile(filepath.Join(c.path(key), "files.txt"))
	if err != nil {
		return nil, err
	}
	want, n := "data/"+slug+"/report.json", -1
	_ = eachListed(list, []string{"data/" + slug}, func(i int, rel string, dir bool) error {
		if rel == want {
			n = i
		}
		return nil
	})
	if n < 0 {
		return nil, fmt.Errorf("cache entry %s: no %s", key, want)
	}
	return os.ReadFile(filepath.Join(c.path(key), "out", strconv.Itoa(n)))
}

// derived returns what compute makes from the reports of keys (the
// functions' pack, the search index): kept in the cache under a hash of
// name and keys, so that a build whose reports did not change reuses it
// (at 1,000 reports the dev server's first search, which encoded the
// index, took 12.6 s). The last one of each name is kept, with the list
// of its keys: compute is given it as prev, to take from it what belongs
// to the reports that did not change (prev.has(key)). A throwaway cache
// keeps nothing.
func (c *cache) derived(name string, keys []string, compute func(prev derivedFile) ([]byte, error)) ([]byte, error) {
	if !c.shared {
		return compute(derivedFile{})
	}
	dir, path := c.derivedPath(name, keys)
	if d, ok := readDerived(path); ok {
		return d.b, nil
	}
	b, err := compute(c.previous(dir, name))
	if err != nil {
		return nil, err
	}
	olds, _ := filepath.Glob(filepath.Join(dir, name+"-*"))
	for _, o := range olds {
		_ = os.Remove(o)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	list := sumPrefix + sha256Hex(b) + "\n" + strings.Join(slices.Sorted(slices.Values(keys)), "\n") + "\n"
	if err := os.WriteFile(path+".keys", []byte(list), 0o644); err != nil {
		return nil, err
	}
	return b, writeAtomic(path, b)
}

// sumPrefix begins the first line of a derived file's list of keys: the
// SHA-256 of the file. A cache restored from elsewhere (a deploy's, kept
// by Netlify between builds) may come back damaged: a derived file whose
// bytes do not have their sum is made again, not handed to the functions.
const sumPrefix = "sha256 "

// sha256Hex is the SHA-256 of a kept file's bytes, in hexadecimal: what the
// cache records of the files it must not hand on damaged (an entry's list
// of files, the derived files).
func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// readDerived reads the derived file at path and its list of keys; ok is
// false when either is missing or the file does not have the sum its list
// gives (15 ms for the 17 MB search index of 1,000 reports, 5 ms for
// their 4.9 MB pack).
func readDerived(path string) (d derivedFile, ok bool) {
	list, err := os.ReadFile(path + ".keys")
	if err != nil {
		return derivedFile{}, false
	}
	first, rest, _ := strings.Cut(string(list), "\n")
	want, found := strings.CutPrefix(first, sumPrefix)
	if !found {
		return derivedFile{}, false
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return derivedFile{}, false
	}
	if sha256Hex(b) != want {
		return derivedFile{}, false
	}
	d = derivedFile{b: b, keys: map[string]bool{}}
	for k := range strings.Lines(rest) {
		d.keys[strings.TrimSuffix(k, "\n")] = true
	}
	return d, true
}

// derivedFile is a derived file of an earlier build, with the keys of
// the reports it was made from.
type derivedFile struct {
	b    []byte
	keys map[string]bool
}

// has reports whether the file was made from the report of key.
func (d derivedFile) has(key string) bool { return d.keys[key] }

// previous returns the derived file named name that an earlier build
// kept in dir, or none (its keys are written before it, so a file
// present has them; a damaged one is none).
func (c *cache) previous(dir, name string) derivedFile {
	paths, _ := filepath.Glob(filepath.Join(dir, name+"-*.keys"))
	if len(paths) != 1 {
		return derivedFile{}
	}
	d, _ := readDerived(strings.TrimSuffix(paths[0], ".keys"))
	return d
}

// derivedPath returns the folder of the derived files and the path of
// the one named name made from the reports of keys.
func (c *cache) derivedPath(name string, keys []string) (dir, path string) {
	h := sha256.New()
	h.Write([]byte(name + "\n"))
	for _, k := range slices.Sorted(slices.Values(keys)) {
		h.Write([]byte(k + "\n"))
	}
	dir = filepath.Join(c.dir, "derived")
	return dir, filepath.Join(dir, name+"-"+hex.EncodeToString(h.Sum(nil)[:12]))
}

// hasDerived reports whether the cache holds the derived file named name
// made from the reports of keys.
func (c *cache) hasDerived(name string, keys []string) bool {
	if !c.shared {
		return false
	}
	_, path := c.derivedPath(name, keys)
	_, err := os.Stat(path)
	return err == nil
}

// listFiles walks the folder dir and returns its number of HTML pages and
// the list of its folders (with a final slash) and files, one a line,
// relative to dir, slash-separated, parents before their content.
func listFiles(dir string) (pages int, list []byte, err error) {
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == dir {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		list = append(list, filepath.ToSlash(rel)...)
		if d.IsDir() {
			list = append(list, '/')
		} else if filepath.Ext(p) == ".html" {
			pages++
		}
		list = append(list, '\n')
		return nil
	})
	return pages, list, err
}

// eachListed calls f with the number, path and kind of each line of a
// list of listFiles that is under one of the folders dirs (all if nil).
func eachListed(list []byte, dirs []string, f func(i int, rel string, dir bool) error) error {
	prefixes := make([]string, len(dirs))
	for i, d := range dirs {
		prefixes[i] = filepath.ToSlash(d) + "/"
	}
	for i := 0; len(list) > 0; i++ {
		line, rest, _ := bytes.Cut(list, []byte{'\n'})
		list = rest
		rel := string(line)
		if dirs != nil && !slices.ContainsFunc(prefixes, func(p string) bool { return strings.HasPrefix(rel, p) }) {
			continue
		}
		if err := f(i, rel, strings.HasSuffix(rel, "/")); err != nil {
			return err
		}
	}
	return nil
}

// link puts the folders dirs (e.g. "fr/a-76-564") of the cached output of
// key into the publish folder pub: the folders of the entry's list made,
// its files hard-linked (copied across file systems).
func (c *cache) link(key string, dirs []string, pub string) error {
	if !c.shared {
		return fmt.Errorf("no output of %s kept in a throwaway cache", key)
	}
	list, err := os.ReadFile(filepath.Join(c.path(key), "files.txt"))
	if err != nil {
		return err
	}
	out := filepath.Join(c.path(key), "out")
	return eachListed(list, dirs, func(i int, rel string, dir bool) error {
		target := filepath.Join(pub, filepath.FromSlash(rel))
		if dir {
			// parents come first: one mkdir (os.MkdirAll stats first),
			// except for the top folder
			if err := os.Mkdir(target, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
				return os.MkdirAll(target, 0o755)
			}
			return nil
		}
		src := filepath.Join(out, strconv.Itoa(i))
		if os.Link(src, target) == nil {
			return nil
		}
		return copyFile(src, target)
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
	return writeAtomic(p, b)
}

// adopt moves the top folders of the previous output (fr/, en/, data/)
// into the new output pub whole, when they hold report folders that this
// build keeps (keep maps such a folder, e.g. "fr/a-76-564", to its key;
// prev is the previous output's manifest): three renames instead of one
// per report folder, each of which reads the folder from disk when the
// page cache is cold (1.0–4.3 s at 1,000 reports on this project's VM). What the adopted folders
// hold besides (report folders that changed or went away, the previous
// global pages) goes into work, where pub's own global pages come from;
// every rename is appended to moved, for the build to undo. adopt returns
// the report folders now in place.
func adopt(out, pub, work string, prev, keep map[string]string, moved *[][2]string) (map[string]bool, error) {
	adopted := map[string]bool{}
	rename := func(from, to string) error {
		if err := os.Rename(from, to); err != nil {
			return err
		}
		*moved = append(*moved, [2]string{from, to})
		return nil
	}
	for _, top := range append(slices.Clone(site.Languages), "data") {
		old, err := os.ReadDir(filepath.Join(out, top))
		if err != nil {
			continue // no such folder in the previous output
		}
		var keeps []string
		for _, d := range old {
			rel := top + "/" + d.Name()
			if d.IsDir() && keep[rel] != "" && prev[rel] == keep[rel] {
				keeps = append(keeps, rel)
			}
		}
		if len(keeps) == 0 {
			continue
		}
		dst := filepath.Join(pub, top)
		aside := filepath.Join(work, "adopt", top)
		if err := os.MkdirAll(aside, 0o755); err != nil {
			return nil, err
		}
		// pub's own entries of top (the global build's pages) wait aside
		global := filepath.Join(aside, "global")
		if err := rename(dst, global); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		if err := rename(filepath.Join(out, top), dst); err != nil {
			return nil, err
		}
		for _, rel := range keeps {
			adopted[rel] = true
		}
		stale := filepath.Join(aside, "stale")
		if err := os.Mkdir(stale, 0o755); err != nil {
			return nil, err
		}
		for _, d := range old {
			if !adopted[top+"/"+d.Name()] {
				if err := rename(filepath.Join(dst, d.Name()), filepath.Join(stale, d.Name())); err != nil {
					return nil, err
				}
			}
		}
		news, err := os.ReadDir(global)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		} else if err != nil {
			return nil, err
		}
		for _, d := range news {
			if err := rename(filepath.Join(global, d.Name()), filepath.Join(dst, d.Name())); err != nil {
				return nil, err
			}
		}
	}
	return adopted, nil
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
	return copyTree(src, dst)
}

// copyTree copies the folders and files under src into dst.
func copyTree(src, dst string) error {
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
