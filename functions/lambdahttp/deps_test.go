package lambdahttp

import (
	"os"
	"os/exec"
	"path/filepath"
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

// Netlify builds each function as a static linux/amd64 binary; so does
// this test, and it keeps the binaries small.
func TestFunctionsBuildForLambda(t *testing.T) {
	if testing.Short() {
		t.Skip("builds two binaries")
	}
	dir := t.TempDir()
	for _, fn := range []string{"search", "csv"} {
		out := filepath.Join(dir, fn)
		cmd := exec.Command("go", "build", "-ldflags", "-s -w", "-o", out, "pkportal/functions/"+fn)
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS=linux", "GOARCH=amd64")
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("build %s: %v\n%s", fn, err, b)
		}
		fi, err := os.Stat(out)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %.1f MB", fn, float64(fi.Size())/1e6)
		if fi.Size() > 30<<20 {
			t.Errorf("%s is %d bytes, over 30 MiB", fn, fi.Size())
		}
	}
}
