package pipeline

import (
	"bufio"
	"net/url"
	"os"
	"path/filepath"
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

// mergeSitemaps completes the global build's sitemaps in pub with the
// cached <url> elements of every report (after the portal's own pages,
// reports in symbol order), written as they are read.
func mergeSitemaps(pub string, srcs []*source, c *cache) error {
	slugs := map[string]bool{}
	for _, s := range srcs {
		slugs[s.e.Slug] = true
	}
	for _, lang := range site.Languages {
		path := filepath.Join(pub, lang, "sitemap.xml")
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		head, urls, tail := splitSitemap(string(b))
		f, err := os.Create(path)
		if err != nil {
			return err
		}
		w := bufio.NewWriterSize(f, 1<<20)
		w.WriteString(head)
		for _, u := range urls {
			if !slugs[slugOf(u, lang)] { // the report homes Hugo listed there are not rendered
				w.WriteString(u)
			}
		}
		for _, s := range srcs {
			if err := c.copySitemap(w, s.key, lang); err != nil {
				f.Close()
				return err
			}
		}
		w.WriteString(tail)
		if err := w.Flush(); err != nil {
			f.Close()
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
	}
	return nil
}
