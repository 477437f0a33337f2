package devserver

import (
	"bufio"
	"fmt"
	"strconv"
	"strings"
)

// ParseRedirects reads a Netlify _redirects file: one rule per line,
// "from to [status][!]", "#" comments. Netlify applies these rules before
// those of netlify.toml.
func ParseRedirects(name string, text string) ([]Redirect, error) {
	var out []Redirect
	sc := bufio.NewScanner(strings.NewReader(text))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		if len(f) < 2 || len(f) > 3 {
			return nil, fmt.Errorf("%s:%d: expected \"from to [status]\", found %q", name, n, line)
		}
		r := Redirect{From: f[0], To: f[1], Status: 301}
		if len(f) == 3 {
			st, force := strings.CutSuffix(f[2], "!")
			code, err := strconv.Atoi(st)
			if err != nil || code < 200 || code > 599 {
				return nil, fmt.Errorf("%s:%d: expected an HTTP status, found %q", name, n, f[2])
			}
			r.Status, r.Force = code, force
		}
		out = append(out, r)
	}
	return out, sc.Err()
}
