package pipeline

import (
	"bufio"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"pkportal/generator/site"
)

// The sitemap of each language (/<lang>/sitemap.xml, Hugo's) lists every
// page; the site is rendered in shards, so the global build's sitemaps are
// completed with the <url> elements of each report, cut out of its
// shard's sitemaps and kept in the cache.

// splitSitemap cuts a Hugo sitemap into what precedes the first <url>, the
// <url>…</url> elements, and what follows the last.
func splitSitemap(s string) (head string, urls []string, tail string) {
	i := strings.Index(s, "<url>")
	if i < 0 {
		j := strings.LastIndex(s, "</urlset>")
		if j < 0 {
			return s, nil, ""
		}
		return s[:j], nil, s[j:]
	}
	head, rest := s[:i], s[i:]
	for {
		end := strings.Index(rest, "</url>")
		if !strings.HasPrefix(rest, "<url>") || end < 0 {
			return head, urls, rest
		}
		urls = append(urls, rest[:end+len("</url>")])
		rest = rest[end+len("</url>"):]
	}
}

// slugOf returns the report slug of a <url> element of the sitemap of
// lang (/<lang>/<slug>/…), or "".
func slugOf(u, lang string) string {
	i, j := strings.Index(u, "<loc>"), strings.Index(u, "</loc>")
	if i < 0 || j < i {
		return ""
	}
	loc, err := url.Parse(strings.TrimSpace(u[i+len("<loc>") : j]))
	if err != nil {
		return ""
	}
	parts := strings.Split(strings.Trim(loc.Path, "/"), "/")
	if len(parts) < 2 || parts[0] != lang {
		return ""
	}
	return parts[1]
}

// shardSitemaps reads the sitemaps of a shard's publish folder and returns,
// for each report slug, its <url> elements in each language.
func shardSitemaps(pub string) (map[string]map[string]string, error) {
	out := map[string]map[string]string{}
	for _, lang := range site.Languages {
		b, err := os.ReadFile(filepath.Join(pub, lang, "sitemap.xml"))
		if err != nil {
			return nil, err
		}
		_, urls, _ := splitSitemap(string(b))
		for _, u := range urls {
			if slug := slugOf(u, lang); slug != "" {
				if out[slug] == nil {
					out[slug] = map[string]string{}
				}
				out[slug][lang] += u
			}
		}
	}
	return out, nil
}

// sitemapLimits are the sitemaps protocol's limits of one sitemap file
// (sitemaps.org): 50,000 URLs and 50 MB (52,428,800 bytes) uncompressed.
// A report gives some 59 pages per language: past some 850 reports a
// language's sitemap is cut in parts (a variable, for the tests).
var sitemapLimits = struct{ urls, bytes int }{50000, 50 << 20}

// mergeSitemaps completes the global build's sitemaps in pub with the
// cached <url> elements of every report (after the portal's own pages,
// reports in symbol order), written as they are read. A language's
// sitemap beyond sitemapLimits continues in /<lang>/sitemap-2.xml, -3…,
// which the sitemap index (/sitemap.xml) then lists after it.
func mergeSitemaps(pub string, srcs []*source, c *cache) error {
	slugs := map[string]bool{}
	for _, s := range srcs {
		slugs[s.e.Slug] = true
	}
	// one writer per language, so that each report's entry is read once
	ws := make([]*sitemapWriter, len(site.Languages))
	closeAll := func() error {
		var errs []error
		for _, w := range ws {
			if w != nil {
				errs = append(errs, w.close())
			}
		}
		return errors.Join(errs...)
	}
	for i, lang := range site.Languages {
		b, err := os.ReadFile(filepath.Join(pub, lang, "sitemap.xml"))
		if err != nil {
			closeAll()
			return err
		}
		head, urls, tail := splitSitemap(string(b))
		ws[i] = &sitemapWriter{dir: filepath.Join(pub, lang), head: head, tail: tail}
		for _, u := range urls {
			if !slugs[slugOf(u, lang)] { // the report homes Hugo listed there are not rendered
				ws[i].add(u)
			}
		}
	}
	for _, s := range srcs {
		pieces := s.sitemaps
		if pieces == nil { // rendered by this build: in its cache entry
			var err error
			if pieces, err = c.sitemaps(s.key); err != nil {
				closeAll()
				return err
			}
		}
		for i, lang := range site.Languages {
			_, us, _ := splitSitemap(pieces[lang])
			for _, u := range us {
				ws[i].add(u)
			}
		}
	}
	if err := closeAll(); err != nil {
		return err
	}
	parts := map[string]int{}
	for i, lang := range site.Languages {
		parts[lang] = ws[i].part
	}
	return indexSitemapParts(filepath.Join(pub, "sitemap.xml"), parts)
}

// sitemapWriter writes the <url> elements given to add into sitemap.xml
// of dir, then sitemap-2.xml… whenever a file would pass sitemapLimits,
// each file with the head and tail of Hugo's.
type sitemapWriter struct {
	dir, head, tail string
	part, n, size   int // the file being written, its URLs and bytes
	f               *os.File
	w               *bufio.Writer
	err             error
}

func (sw *sitemapWriter) add(u string) {
	if sw.err != nil {
		return
	}
	if sw.f != nil && sw.n > 0 && (sw.n == sitemapLimits.urls || sw.size+len(u)+len(sw.tail) > sitemapLimits.bytes) {
		if sw.err = sw.end(); sw.err != nil {
			return
		}
	}
	if sw.f == nil {
		if sw.open(); sw.err != nil {
			return
		}
	}
	sw.w.WriteString(u)
	sw.n++
	sw.size += len(u)
}

// open starts the next file, with the head.
func (sw *sitemapWriter) open() {
	sw.part++
	name := "sitemap.xml"
	if sw.part > 1 {
		name = "sitemap-" + strconv.Itoa(sw.part) + ".xml"
	}
	sw.f, sw.err = os.Create(filepath.Join(sw.dir, name))
	if sw.err != nil {
		return
	}
	sw.w = bufio.NewWriterSize(sw.f, 1<<20)
	sw.w.WriteString(sw.head)
	sw.n, sw.size = 0, len(sw.head)
}

// end finishes the file being written.
func (sw *sitemapWriter) end() error {
	sw.w.WriteString(sw.tail)
	err := sw.w.Flush()
	if cerr := sw.f.Close(); err == nil {
		err = cerr
	}
	sw.f = nil
	return err
}

// close finishes the last file (a sitemap without URLs if none were
// added) and returns the first error met.
func (sw *sitemapWriter) close() error {
	if sw.part == 0 && sw.err == nil {
		sw.open()
	}
	if sw.f != nil {
		if err := sw.end(); sw.err == nil {
			sw.err = err
		}
	}
	return sw.err
}

// indexSitemapParts adds to the sitemap index at path an entry for each
// part after the first of a language's sitemap (parts: their count per
// language), after the language's own entry, in the index's layout.
func indexSitemapParts(path string, parts map[string]int) error {
	more := false
	for _, n := range parts {
		more = more || n > 1
	}
	if !more {
		return nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	idx := string(b)
	for _, lang := range site.Languages {
		if parts[lang] < 2 {
			continue
		}
		suffix := "/" + lang + "/sitemap.xml</loc>"
		i := strings.Index(idx, suffix)
		start := strings.LastIndex(idx[:max(i, 0)], "<loc>")
		end := strings.Index(idx[max(i, 0):], "</sitemap>")
		if i < 0 || start < 0 || end < 0 {
			return fmt.Errorf("%s: no entry of /%s/sitemap.xml to add its parts after", path, lang)
		}
		prefix := idx[start+len("<loc>") : i] // the site's root URL
		end += i + len("</sitemap>")
		var add strings.Builder
		for k := 2; k <= parts[lang]; k++ {
			add.WriteString("\n\t\t<sitemap>\n\t\t\t<loc>" + prefix + "/" + lang + "/sitemap-" + strconv.Itoa(k) + ".xml</loc>\n\t\t</sitemap>")
		}
		idx = idx[:end] + add.String() + idx[end:]
	}
	return os.WriteFile(path, []byte(idx), 0o644)
}
