package e2e

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"pkportal/generator/devserver"
	"pkportal/generator/pipeline"
)

// The site under test, built once by TestMain.
var (
	// public is the folder the site was built into.
	public string
	// baseURL is the root URL the site is served at and was built for,
	// e.g. "http://127.0.0.1:40123" (no trailing slash).
	baseURL string
	// siteHost is baseURL's host:port, the only host pages may load from.
	siteHost string
)

// The browser, started by the first test that needs it.
var (
	browserOnce   sync.Once
	browserCtx    context.Context
	browserCancel context.CancelFunc = func() {}
	browserErr    error
)

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

// run builds and serves the site, runs the tests and cleans up.
func run(m *testing.M) int {
	tmp, err := os.MkdirTemp("", "pkportal-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	defer os.RemoveAll(tmp)

	// Listen first, so the site is built for the URL it is served at
	// (canonical links and hreflang alternates then stay internal).
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e: listen:", err)
		return 1
	}
	siteHost = ln.Addr().String()
	baseURL = "http://" + siteHost

	public = filepath.Join(tmp, "public")
	var log bytes.Buffer
	t0 := time.Now()
	res, err := pipeline.Build(pipeline.Options{Src: "../sources", Out: public, BaseURL: baseURL + "/", KeepSearchIndex: true, KeepFunctionsData: true, DropReports: true, Log: &log})
	if err != nil {
		fmt.Fprintf(os.Stderr, "e2e: build: %v\n%s", err, log.Bytes())
		return 1
	}
	fmt.Printf("e2e: built %d report(s), %d pages in %v\n", res.Count, res.Pages, time.Since(t0).Round(time.Millisecond))

	srv, err := newServer(res)
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e: server:", err)
		return 1
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = hs.Serve(ln) }()
	defer hs.Close()

	code := m.Run()
	browserCancel()
	return code
}

// newServer is the server of `generator serve`.
func newServer(res *pipeline.Result) (http.Handler, error) {
	return devserver.ForBuild(public, res.FunctionsData, res.SearchIndex)
}

// axePath is the axe-core script installed by `npm ci --prefix e2e`.
const axePath = "node_modules/axe-core/axe.min.js"

// chromiumPath returns the Chromium to drive, or "" when there is none.
func chromiumPath() string {
	if p := os.Getenv("PKPORTAL_CHROMIUM"); p != "" {
		if _, err := exec.LookPath(p); err != nil {
			return ""
		}
		return p
	}
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// missing skips the test, or fails it when $CI is "true": in CI a missing
// tool must not pass as a green run.
func missing(t *testing.T, what string) {
	t.Helper()
	msg := what + " (.ci/run installs it: apt-get install chromium; npm ci --prefix e2e)"
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg + "; skipping (set CI=true to make this a failure)")
}

// needBrowser returns the browser's context, starting Chromium on the
// first call; it skips (or fails under CI) when Chromium or axe-core is
// missing.
func needBrowser(t *testing.T) context.Context {
	t.Helper()
	exe := chromiumPath()
	if exe == "" {
		missing(t, "Chromium not found (looked for /usr/bin/chromium and $PKPORTAL_CHROMIUM)")
	}
	if _, err := os.Stat(axePath); err != nil {
		missing(t, "axe-core not installed in e2e/node_modules")
	}
	browserOnce.Do(func() {
		dir, err := os.MkdirTemp("", "pkportal-e2e-chromium-")
		if err != nil {
			browserErr = err
			return
		}
		actx, acancel := chromedp.NewExecAllocator(context.Background(),
			chromedp.ExecPath(exe),
			chromedp.Headless,
			chromedp.NoSandbox,
			chromedp.DisableGPU,
			chromedp.NoFirstRun,
			chromedp.NoDefaultBrowserCheck,
			chromedp.UserDataDir(dir),
			chromedp.Flag("disable-background-networking", true),
			chromedp.Flag("disable-component-update", true),
			chromedp.Flag("disable-sync", true),
			chromedp.Flag("disable-default-apps", true),
			chromedp.Flag("disable-extensions", true),
			chromedp.Flag("disable-dev-shm-usage", true),
			chromedp.Flag("disable-features", "Translate,OptimizationHints,MediaRouter"),
			chromedp.Flag("metrics-recording-only", true),
			chromedp.Flag("password-store", "basic"),
			chromedp.Flag("use-mock-keychain", true),
			chromedp.WindowSize(1280, 800),
		)
		bctx, bcancel := chromedp.NewContext(actx)
		// The first Run starts the browser; its context must not time out.
		if err := chromedp.Do(bctx); err != nil {
			bcancel()
			acancel()
			os.RemoveAll(dir)
			browserErr = fmt.Errorf("start Chromium %s: %w", exe, err)
			return
		}
		browserCtx = bctx
		browserCancel = func() { bcancel(); acancel(); os.RemoveAll(dir) }
	})
	if browserErr != nil {
		t.Fatal(browserErr)
	}
	return browserCtx
}
