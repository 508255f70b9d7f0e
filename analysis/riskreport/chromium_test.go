package riskreport

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// chromium finds a Chromium binary. When none is installed the test is skipped,
// unless TM_LS_REQUIRE_CHROMIUM=1 (as `make test` sets after `make install-chromium`),
// which turns a missing browser into a failure.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("TM_LS_REQUIRE_CHROMIUM") == "1" {
		t.Fatal("chromium is not installed and TM_LS_REQUIRE_CHROMIUM=1: run `make install-chromium`")
	}
	t.Skip("chromium is not installed (make install-chromium); set TM_LS_REQUIRE_CHROMIUM=1 to make this a failure")
	return ""
}

// runChromium loads a file headless and returns the DOM after load (with --dump-dom)
// and everything Chromium logged, console messages included.
func runChromium(t *testing.T, bin string, args ...string) (stdout, stderr string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
		"--disable-extensions", "--disable-background-networking", "--enable-logging=stderr", "--v=0",
		"--user-data-dir=" + t.TempDir(), "--window-size=1400,1800", "--virtual-time-budget=3000"}
	cmd := exec.CommandContext(ctx, bin, append(base, args...)...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium %v: %v\n%s", args, err, errb.String())
	}
	return out.String(), errb.String()
}

var consoleError = regexp.MustCompile(`(?m)(CONSOLE\(\d+\)\].*|Uncaught .*|:ERROR:CONSOLE.*)`)

// consoleErrors returns the console messages and page errors in Chromium's log.
func consoleErrors(log string) []string {
	return consoleError.FindAllString(log, -1)
}

// probe is appended to a copy of the page (never to the product page, which has no
// scripts): it measures the diagram and writes the result into the DOM.
const probe = `<script>
window.addEventListener('load', function () {
  var svg = document.querySelector('#diagram svg');
  var out = document.createElement('pre');
  out.id = 'probe';
  if (!svg) { out.textContent = 'NO-SVG'; } else {
    var r = svg.getBoundingClientRect(), s = getComputedStyle(svg);
    var nodes = svg.querySelectorAll('g.node'); // a box or ellipse per node, whichever renderer drew it
    var shown = 0;
    nodes.forEach(function (n) { var b = n.getBoundingClientRect(); if (b.width > 0 && b.height > 0) shown++; });
    out.textContent = 'SVG ' + Math.round(r.width) + 'x' + Math.round(r.height) + ' display=' + s.display +
      ' visibility=' + s.visibility + ' nodes=' + shown + '/' + nodes.length;
  }
  document.body.appendChild(out);
});
</script>`

func TestHTMLInChromium(t *testing.T) {
	bin := chromium(t)
	r := Build(Input{Findings: findings(), Resources: resources(), Graph: graph(), Generated: now, Version: "test"})
	var page bytes.Buffer
	if err := WriteHTML(&page, r); err != nil {
		t.Fatal(err)
	}
	dir := t.ArtifactDir()
	report := filepath.Join(dir, "report.html")
	if err := os.WriteFile(report, page.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}

	// 1. The page as shipped loads without console errors.
	dom, log := runChromium(t, bin, "--dump-dom", "file://"+report)
	if errs := consoleErrors(log); len(errs) > 0 {
		t.Errorf("console errors loading the report:\n%s", strings.Join(errs, "\n"))
	}
	if !strings.Contains(dom, "<svg") || !strings.Contains(dom, "Top risks") || !strings.Contains(dom, "orders db") {
		t.Errorf("the loaded DOM lacks the report content:\n%.2000s", dom)
	}

	// 2. The diagram is laid out and visible: every node has a box.
	probed := filepath.Join(dir, "probed.html")
	if err := os.WriteFile(probed, []byte(strings.Replace(page.String(), "</body>", probe+"</body>", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	dom, log = runChromium(t, bin, "--dump-dom", "file://"+probed)
	m := regexp.MustCompile(`SVG (\d+)x(\d+) display=(\S+) visibility=(\S+) nodes=(\d+)/(\d+)`).FindStringSubmatch(dom)
	if m == nil {
		t.Fatalf("the probe did not run (console: %v); DOM:\n%.3000s", consoleErrors(log), dom)
	}
	if m[1] == "0" || m[2] == "0" || m[3] == "none" || m[4] != "visible" || m[5] != m[6] || m[6] != "5" {
		t.Errorf("diagram not visible: %s", m[0])
	}

	// 3. A screenshot, kept in the artifact directory (go test -artifacts).
	shot := filepath.Join(dir, "report.png")
	runChromium(t, bin, "--screenshot="+shot, "file://"+report)
	f, err := os.Open(shot)
	if err != nil {
		t.Fatalf("no screenshot: %v", err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("screenshot is not a PNG: %v", err)
	}
	if colors := distinctColors(img, 64); colors < 8 {
		t.Errorf("screenshot has %d distinct colours: the page looks blank", colors)
	}
	t.Logf("screenshot: %s", shot)
}

// TestConsoleErrorDetection proves the check above can fail: a page that throws is
// caught.
func TestConsoleErrorDetection(t *testing.T) {
	bin := chromium(t)
	bad := filepath.Join(t.TempDir(), "bad.html")
	if err := os.WriteFile(bad, []byte(`<!DOCTYPE html><html><body><p>x</p><script>console.error("boom"); undefinedFunction();</script></body></html>`), 0o644); err != nil {
		t.Fatal(err)
	}
	_, log := runChromium(t, bin, "--dump-dom", "file://"+bad)
	if errs := consoleErrors(log); len(errs) == 0 {
		t.Errorf("a throwing page was not detected; Chromium log:\n%s", log)
	}
}

func distinctColors(img image.Image, max int) int {
	seen := map[uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 3 {
		for x := b.Min.X; x < b.Max.X; x += 3 {
			r, g, bl, _ := img.At(x, y).RGBA()
			seen[(r>>12)<<8|(g>>12)<<4|bl>>12] = true
			if len(seen) >= max {
				return len(seen)
			}
		}
	}
	return len(seen)
}
