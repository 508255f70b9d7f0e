package catalogtest

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// site is where an expected finding is: a rule, a fixture file (relative to the
// fixture directory, forward slashes) and the line of the resource block header.
type site struct {
	rule string
	file string
	line int
}

func (s site) String() string { return fmt.Sprintf("%s at %s:%d", s.rule, s.file, s.line) }

var (
	expectLine = regexp.MustCompile(`^\s*(?:#|//)\s*expect:\s*(TM-[A-Z0-9-]+)(?:\s+x([0-9]+))?\s*$`)
	blockLine  = regexp.MustCompile(`^\s*(resource|data)\s+"[^"]+"\s+"[^"]+"\s*\{`)
)

// tfFiles lists the .tf files under dir, recursively (local modules included).
func tfFiles(dir string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".tf") {
			out = append(out, p)
		}
		return nil
	})
	sort.Strings(out)
	return out, err
}

// readExpectations collects the `# expect:` markers of every .tf file under dir. A
// marker applies to the first resource or data block header that follows it, past
// any other comment lines; a marker followed by anything else is an error in the
// fixture.
func readExpectations(dir string) (map[site]int, error) {
	files, err := tfFiles(dir)
	if err != nil {
		return nil, err
	}
	out := map[site]int{}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		rel, err := filepath.Rel(dir, f)
		if err != nil {
			return nil, err
		}
		rel = filepath.ToSlash(rel)
		var lines []string
		sc := bufio.NewScanner(bytes.NewReader(src))
		for sc.Scan() {
			lines = append(lines, sc.Text())
		}
		for i, l := range lines {
			m := expectLine.FindStringSubmatch(l)
			if m == nil {
				if strings.Contains(l, "expect:") {
					return nil, fmt.Errorf("%s:%d: malformed expect marker %q", rel, i+1, l)
				}
				continue
			}
			n := 1
			if m[2] != "" {
				n, _ = strconv.Atoi(m[2])
			}
			j := i + 1
			for j < len(lines) && (strings.HasPrefix(strings.TrimSpace(lines[j]), "#") || strings.HasPrefix(strings.TrimSpace(lines[j]), "//")) {
				j++
			}
			if j >= len(lines) || !blockLine.MatchString(lines[j]) {
				return nil, fmt.Errorf("%s:%d: the expect marker is not followed by a resource or data block", rel, i+1)
			}
			out[site{rule: m[1], file: rel, line: j + 1}] += n
		}
	}
	return out, nil
}

// TestReadExpectations checks the marker parser itself on a small fixture.
func TestReadExpectations(t *testing.T) {
	dir := t.TempDir()
	src := `# expect: TM-A
# some note
resource "aws_s3_bucket" "a" {
}

# expect: TM-B x3
// expect: TM-A
data "aws_iam_policy_document" "d" {
}
`
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := readExpectations(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := map[site]int{
		{"TM-A", "main.tf", 3}: 1,
		{"TM-B", "main.tf", 8}: 3,
		{"TM-A", "main.tf", 8}: 1,
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %v, want %v", got, want)
	}

	bad := filepath.Join(t.TempDir(), "bad")
	if err := os.MkdirAll(bad, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(bad, "main.tf"), []byte("# expect: TM-A\nlocals {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := readExpectations(bad); err == nil {
		t.Error("a marker above a locals block was accepted")
	}
}
