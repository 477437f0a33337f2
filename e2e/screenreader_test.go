package e2e

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/chromedp"
)

// axNames returns the role and accessible name of every node of a page's
// accessibility tree, as a screen reader gets them ("columnheader",
// "Effectif approuvé Note a").
func axNames(t *testing.T, path string) [][2]string {
	t.Helper()
	ctx, cancel := tab(t)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(baseURL+path)); err != nil {
		t.Fatal(err)
	}
	var out [][2]string
	for _, n := range axTree(t, ctx) {
		out = append(out, [2]string{n.role, n.name})
	}
	return out
}

// axNode is a node of the accessibility tree as a screen reader gets it:
// its role, name and description, white space collapsed.
type axNode struct{ role, name, description string }

// axTree returns the nodes of the tab's accessibility tree as it is now
// (not ignored ones), in document order.
func axTree(t *testing.T, ctx context.Context) []axNode {
	t.Helper()
	tree, err := chromedp.Call(ctx, accessibility.GetFullAXTree, accessibility.GetFullAXTreeParams{})
	if err != nil {
		t.Fatal(err)
	}
	str := func(v *accessibility.Value) string {
		var s string
		if v != nil {
			_ = json.Unmarshal(v.Value, &s)
		}
		return strings.Join(strings.Fields(s), " ")
	}
	var out []axNode
	for _, n := range tree.Nodes {
		if !n.Ignored {
			out = append(out, axNode{str(n.Role), str(n.Name), str(n.Description)})
		}
	}
	return out
}

// TestScreenReaderHearsTheFigures: what a screen reader announces where
// the page shows a sign only by its typography: an overexpenditure printed
// in parentheses is read with "minus" (parentheses are not spoken at the
// usual punctuation level), a footnote letter glued to a heading is read
// as a note, a variance's figures in section IV are said to be the
// variance, and the sort buttons' arrows are not read; a subtotal says
// which group it closes, a "CSV" link which table, a chart is named by its
// title (its description is its description, not part of its name).
func TestScreenReaderHearsTheFigures(t *testing.T) {
	for _, c := range []struct {
		path, role, want string
	}{
		{"/fr/a-76-564/tables/summary-hr/", "columnheader", "Effectif approuvé Note a"},
		{"/fr/a-76-564/iv/", "heading", "Police des Nations Unies Écart : (moins 2 513,7) (moins 21,9 %) dépassement de crédits"}, // the direction said in words, not by the parentheses alone,
		{"/fr/a-76-564/iv/", "heading", "IV. Analyse des écarts Note 1"},
		{"/fr/a-76-564/tables/iii-b/", "button", "Montants réaffectés"},
		{"/fr/a-76-564/tables/iii-a/", "rowheader", "Total partiel — Personnel civil"},
		{"/en/a-76-564/tables/iii-a/", "link", "CSV — Ressources financières"},
		{"/fr/a-76-564/", "image", "Montant alloué et dépenses par catégorie"},
	} {
		found := ""
		for _, n := range axNames(t, c.path) {
			// Chrome puts a space before the hidden words, or none
			name := strings.Join(strings.Fields(strings.ReplaceAll(strings.ReplaceAll(n[1], "( ", "("), "—", " — ")), " ")
			if n[0] == c.role && strings.HasPrefix(name, strings.Fields(c.want)[0]) && (found == "" || name == c.want) {
				found = name
			}
		}
		if found != c.want {
			t.Errorf("%s: %s named %q, want %q", c.path, c.role, found, c.want)
		}
	}
	// every negative cell of III.A, and only those, says "minus"
	for lang, minus := range map[string]string{"fr": "moins", "en": "minus"} {
		b, err := os.ReadFile(filepath.Join(public, lang, "a-76-564", "tables", "iii-a", "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		want := strings.Count(string(b), `data-value="-`)
		said := 0
		for _, n := range axNames(t, "/"+lang+"/a-76-564/tables/iii-a/") {
			if n[0] == "StaticText" && n[1] == minus {
				said++
			}
		}
		if want < 5 || said != want {
			t.Errorf("%s III.A: %q said %d times for %d negative cells", lang, minus, said, want)
		}
	}
}
