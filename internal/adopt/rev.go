package adopt

import (
	"bytes"
	"fmt"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// A LineFilter keeps findings on lines added or changed since a revision.
type LineFilter struct {
	root    string                  // top of the git work tree
	changed map[string]map[int]bool // absolute file -> changed lines
	all     map[string]bool         // untracked files: every line is new
}

// NewFromRev returns a filter of the lines that `git diff REV` in dir
// reports as added or changed, committed or not; untracked files count as
// all new.
func NewFromRev(dir, rev string) (*LineFilter, error) {
	root, err := git(dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, fmt.Errorf("-new-from-rev needs a git work tree: %v", err)
	}
	root = strings.TrimSpace(root)
	if r, err := filepath.EvalSymlinks(root); err == nil {
		root = r
	}
	if _, err := git(dir, "rev-parse", "--verify", "--quiet", rev+"^{commit}"); err != nil {
		return nil, fmt.Errorf("unknown git revision %q", rev)
	}
	diff, err := git(root, "diff", "-U0", "--no-color", "--no-ext-diff", "--no-renames", rev, "--")
	if err != nil {
		return nil, fmt.Errorf("git diff %s: %v", rev, err)
	}
	f := &LineFilter{root: root, changed: parseDiff(root, diff), all: make(map[string]bool)}
	untracked, err := git(root, "ls-files", "--others", "--exclude-standard", "-z")
	if err != nil {
		return nil, fmt.Errorf("git ls-files: %v", err)
	}
	for _, name := range strings.Split(untracked, "\x00") {
		if name != "" {
			f.all[filepath.Join(root, filepath.FromSlash(name))] = true
		}
	}
	return f, nil
}

// NewFromMergeBase is NewFromRev from the merge base of rev and HEAD, for
// pull requests: only what the branch changed is reported.
func NewFromMergeBase(dir, rev string) (*LineFilter, error) {
	if _, err := git(dir, "rev-parse", "--show-toplevel"); err != nil {
		return nil, fmt.Errorf("-new-from-merge-base needs a git work tree: %v", err)
	}
	if _, err := git(dir, "rev-parse", "--verify", "--quiet", rev+"^{commit}"); err != nil {
		return nil, fmt.Errorf("unknown git revision %q", rev)
	}
	base, err := git(dir, "merge-base", rev, "HEAD")
	if err != nil {
		return nil, fmt.Errorf("no merge base of %s and HEAD: %v", rev, err)
	}
	return NewFromRev(dir, strings.TrimSpace(base))
}

// parseDiff reads the new-side line ranges of a `git diff -U0` output.
func parseDiff(root, diff string) map[string]map[int]bool {
	changed := make(map[string]map[int]bool)
	var cur map[int]bool
	for _, line := range strings.Split(diff, "\n") {
		switch {
		case strings.HasPrefix(line, "+++ "):
			name := strings.TrimPrefix(line, "+++ ")
			cur = nil
			if name != "/dev/null" {
				name = strings.TrimPrefix(unquote(name), "b/")
				file := filepath.Join(root, filepath.FromSlash(name))
				cur = make(map[int]bool)
				changed[file] = cur
			}
		case strings.HasPrefix(line, "@@ ") && cur != nil:
			// @@ -a,b +c,d @@
			fields := strings.Fields(line)
			if len(fields) < 3 || !strings.HasPrefix(fields[2], "+") {
				continue
			}
			spec := strings.TrimPrefix(fields[2], "+")
			start, count := spec, "1"
			if i := strings.IndexByte(spec, ','); i >= 0 {
				start, count = spec[:i], spec[i+1:]
			}
			s, err1 := strconv.Atoi(start)
			n, err2 := strconv.Atoi(count)
			if err1 != nil || err2 != nil {
				continue
			}
			for l := s; l < s+n; l++ {
				cur[l] = true
			}
		}
	}
	return changed
}

func unquote(s string) string {
	if strings.HasPrefix(s, `"`) {
		if u, err := strconv.Unquote(s); err == nil {
			return u
		}
	}
	return s
}

// Keep reports whether a finding is on a new or changed line.
func (f *LineFilter) Keep(x Finding) bool {
	file, line, _ := SplitPosn(x.Posn)
	file = f.abs(file)
	if f.all[file] {
		return true
	}
	return f.changed[file][line]
}

// Filter returns the findings on new or changed lines.
func (f *LineFilter) Filter(findings []Finding) []Finding {
	var kept []Finding
	for _, x := range findings {
		if f.Keep(x) {
			kept = append(kept, x)
		}
	}
	return kept
}

func (f *LineFilter) abs(file string) string {
	if !filepath.IsAbs(file) {
		if a, err := filepath.Abs(file); err == nil {
			file = a
		}
	}
	if r, err := filepath.EvalSymlinks(file); err == nil {
		return r
	}
	return filepath.Clean(file)
}

func git(dir string, args ...string) (string, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return "", fmt.Errorf("%s", strings.ToLower(msg[:1])+msg[1:])
		}
		return "", err
	}
	return string(out), nil
}
