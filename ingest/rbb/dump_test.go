package rbb

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// TestDump writes the parse of the real report to $RBB_DUMP, for review.
func TestDump(t *testing.T) {
	path := os.Getenv("RBB_DUMP")
	if path == "" {
		t.Skip("set RBB_DUMP to a file to write the parse to")
	}
	res := parseReal(t)
	var b strings.Builder
	for _, ea := range res.Accomplishments {
		fmt.Fprintf(&b, "=== %s (line %d) %s\n", ea.Number, ea.Line, ea.Text)
		for _, in := range ea.Indicators {
			fmt.Fprintf(&b, "--- i%d (line %d)\n  P: %s\n", in.N, in.Line, in.Planned)
			for _, v := range in.Values {
				fmt.Fprintf(&b, "  V: %s = %q num=%s unit=%q cmp=%q m=%d label=%q\n", v.Period, v.Raw, v.Num, v.Unit, v.Comparator, v.Measure, v.Label)
			}
			fmt.Fprintf(&b, "  A: %s\n", strings.ReplaceAll(in.Actual, "\n", "\n  A: "))
		}
		for _, o := range ea.Outputs {
			fmt.Fprintf(&b, "--- o%d (line %d) [%s]\n  P: %s\n", o.N, o.Line, o.Group, o.Planned)
			for _, d := range o.Completed {
				fmt.Fprintf(&b, "  C: %q num=%s | %s\n", d.Raw, d.Num, d.Label)
			}
			if o.Remarks != "" {
				fmt.Fprintf(&b, "  R: %s\n", strings.ReplaceAll(o.Remarks, "\n", "\n  R: "))
			}
		}
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}
