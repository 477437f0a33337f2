package lambdahttp

import (
	"os/exec"
	"strings"
	"testing"
)

// The functions must stay small and start fast: no Hugo, no esbuild, no
// generator code in their binaries.
func TestFunctionsDoNotLinkHeavyPackages(t *testing.T) {
	for _, fn := range []string{"pkportal/functions/search", "pkportal/functions/csv"} {
		out, err := exec.Command("go", "list", "-deps", fn).CombinedOutput()
		if err != nil {
			t.Fatalf("go list -deps %s: %v\n%s", fn, err, out)
		}
		for _, dep := range strings.Fields(string(out)) {
			for _, banned := range []string{"github.com/gohugoio/hugo", "github.com/evanw/esbuild", "pkportal/generator", "pkportal/ingest", "github.com/yuin/goldmark"} {
				if strings.HasPrefix(dep, banned) {
					t.Errorf("%s links %s", fn, dep)
				}
			}
		}
		if !strings.Contains(string(out), "github.com/aws/aws-lambda-go/lambda") {
			t.Errorf("%s does not link aws-lambda-go", fn)
		}
	}
}
