package report

// Pages returns the sections that get a page of their own on the portal, in
// document order: every top-level section, except that section II
// (mandate performance) is split into its subsections and II.F into its
// components, so that no page is a hundred screens long. The summary is on
// the report's home page and is not among them.
//
// It decides where every paragraph lives, so the site, the search index and
// the paragraph permalinks all agree.
func (r *Report) Pages() []*Section {
	var out []*Section
	var add func(s *Section)
	add = func(s *Section) {
		if (s.ID == "ii" || s.ID == "ii-f") && len(s.Children) > 0 {
			if len(s.Blocks) > 0 {
				out = append(out, s)
			}
			for _, c := range s.Children {
				add(c)
			}
			return
		}
		out = append(out, s)
	}
	for _, s := range r.Sections {
		if s.ID == "summary" {
			continue
		}
		add(s)
	}
	return out
}

// PageOf maps every section ID to the ID of the page that shows it; the
// summary maps to "" (the report's home).
func (r *Report) PageOf() map[string]string {
	m := map[string]string{"summary": ""}
	var mark func(s *Section, page string)
	mark = func(s *Section, page string) {
		m[s.ID] = page
		for _, c := range s.Children {
			if _, own := m[c.ID]; !own {
				mark(c, page)
			}
		}
	}
	for _, p := range r.Pages() {
		m[p.ID] = p.ID
	}
	for _, p := range r.Pages() {
		mark(p, p.ID)
	}
	return m
}

// URL returns the path of a page of the report in a UI language, with an
// optional anchor: URL("fr", "ii-f-1", "par-26") is
// "/fr/a-76-564/ii-f-1/#par-26". An empty page is the report's home.
func (r *Report) URL(lang, page, anchor string) string {
	u := "/" + lang + "/" + r.Slug + "/"
	if page != "" {
		u += page + "/"
	}
	if anchor != "" {
		u += "#" + anchor
	}
	return u
}

// DocumentURL is the United Nations' own address of document symbol in
// language lang: "https://undocs.org/fr/A/76/564".
func DocumentURL(lang, symbol string) string {
	return "https://undocs.org/" + lang + "/" + symbol
}
