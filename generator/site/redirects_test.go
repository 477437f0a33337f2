package site

import (
	"fmt"
	"strings"
	"testing"
)

// TestRedirectsCap: _redirects holds every paragraph rule up to
// MaxParagraphRules, in the order of the reports, and none beyond (the
// permalink pages answer), saying why.
func TestRedirectsCap(t *testing.T) {
	rules := func(report, n int) string {
		var b strings.Builder
		for i := 1; i <= n; i++ {
			fmt.Fprintf(&b, "/fr/r-%d/par/%d/ /fr/r-%d/i/#par-%d 301!\n", report, i, report, i)
		}
		return b.String()
	}
	under := []string{rules(1, MaxParagraphRules-100), rules(2, 100)}
	got := redirectsFile(under)
	if want := redirectsHeader + under[0] + under[1]; got != want {
		t.Fatalf("%d rules: the file is not the header and every rule in order (%d bytes, want %d)", MaxParagraphRules, len(got), len(want))
	}
	entries := []Entry{{Redirects: under[0]}, {Redirects: under[1]}}
	if n := RedirectRules(entries); n != MaxParagraphRules {
		t.Errorf("RedirectRules = %d, want %d", n, MaxParagraphRules)
	}
	over := []string{under[0], rules(2, 101)}
	got = redirectsFile(over)
	if strings.Contains(got, "301") || !strings.HasPrefix(got, redirectsHeader) {
		t.Errorf("%d rules: the file holds rules:\n%.300s", MaxParagraphRules+1, got)
	}
	if !strings.Contains(got, fmt.Sprint(MaxParagraphRules+1)+" rules") || !strings.Contains(got, "/par/{n}/index.html") {
		t.Errorf("the file does not say why it holds no rules:\n%s", got)
	}
}
