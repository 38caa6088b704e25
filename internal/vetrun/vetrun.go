// Package vetrun runs o11ylint through go vet's per-package engine and
// returns its findings: it invokes `go vet -vettool=TOOL -json FLAGS
// PATTERNS`, so that cmd/go analyzes one package at a time with export data
// and caches facts and results, and parses the JSON that go vet prints on
// standard output (one object per package analyzed; build errors go to
// standard error, each under a "# package" header).
//
// The front end's flow is: parse flags → Run returns the findings → filter
// → render.
package vetrun

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os/exec"
	"sort"
	"strings"
)

// A Finding is one diagnostic of one analyzer on one package.
type Finding struct {
	Package        string         `json:"-"`
	Analyzer       string         `json:"-"`
	Category       string         `json:"category,omitempty"`
	Posn           string         `json:"posn"`
	End            string         `json:"end,omitempty"`
	Message        string         `json:"message"`
	SuggestedFixes []SuggestedFix `json:"suggested_fixes,omitempty"`
	Related        []RelatedInfo  `json:"related,omitempty"`
}

// A SuggestedFix is a set of edits offered by a finding.
type SuggestedFix struct {
	Message string     `json:"message"`
	Edits   []TextEdit `json:"edits"`
}

// A TextEdit replaces the bytes [Start, End) of Filename with New.
type TextEdit struct {
	Filename string `json:"filename"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	New      string `json:"new"`
}

// RelatedInfo is a related position of a finding.
type RelatedInfo struct {
	Posn    string `json:"posn"`
	End     string `json:"end,omitempty"`
	Message string `json:"message"`
}

// An AnalyzerError is an error of one analyzer on one package.
type AnalyzerError struct {
	Package, Analyzer, Err string
}

func (e AnalyzerError) Error() string {
	return fmt.Sprintf("%s: analyzer %s: %s", e.Package, e.Analyzer, e.Err)
}

// Result is what one run of go vet reported.
type Result struct {
	Findings []Finding
	Errors   []AnalyzerError // analyzer errors reported in the JSON
	Other    []string        // lines of go vet's output that are not JSON (build errors)

	// Stderr is go vet's standard error as it came: build errors under
	// "# package" headers, and the go command's own messages.
	Stderr string
	// ExitCode is go vet's exit status: with -json it is 0 when the
	// packages were analyzed, findings or not, and non-zero when some
	// could not be (build errors) or the command failed.
	ExitCode int
	// Failed lists the packages named by the "# package" headers of
	// standard error when go vet exited non-zero: those whose build or
	// analysis failed, as cmd/go names them ("p [p.test]" for a test
	// variant).
	Failed []string
}

// Run runs `go vet -vettool=tool -json args...` in dir, where args are the
// analyzer flags followed by the package patterns. It returns an error only
// when go vet could not be run or printed JSON it could not parse; build
// errors are in Result.Other (and Result.Failed names their packages).
func Run(ctx context.Context, dir, tool string, args []string) (*Result, error) {
	cmd := exec.CommandContext(ctx, "go", append([]string{"vet", "-vettool=" + tool, "-json"}, args...)...)
	cmd.Dir = dir
	// Since Go 1.26 go vet -json prints the tool's JSON on standard output
	// and build errors on standard error; they are read apart, so that a
	// line of one cannot split an object of the other.
	var stdout, stderr bytes.Buffer
	cmd.Stdout = &stdout
	cmd.Stderr = &stderr
	runErr := cmd.Run()
	res, err := Parse(&stdout)
	if err != nil {
		return nil, err
	}
	res.Stderr = stderr.String()
	if runErr != nil {
		exit, ok := runErr.(*exec.ExitError)
		if !ok {
			return nil, runErr
		}
		res.ExitCode = exit.ExitCode()
		// Standard error of a successful run holds only the go command's
		// progress ("go: downloading ..."); of a failed one, the errors.
		for _, line := range strings.Split(res.Stderr, "\n") {
			if pkg, ok := strings.CutPrefix(line, "# "); ok {
				res.Failed = append(res.Failed, strings.TrimSpace(pkg))
			} else if strings.TrimSpace(line) != "" {
				res.Other = append(res.Other, line)
			}
		}
		if len(res.Other) == 0 && len(res.Errors) == 0 {
			res.Other = append(res.Other, runErr.Error())
		}
	}
	return res, nil
}

// Parse parses go vet -json output: lines starting with "# " naming a
// package, JSON objects {package: {analyzer: [diagnostic...] or
// {"error": text}}}, and other text (build errors). Findings are sorted by
// position, then analyzer and message.
func Parse(r io.Reader) (*Result, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	res := &Result{}
	lines := strings.SplitAfter(string(data), "\n")
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		trim := strings.TrimSpace(line)
		switch {
		case trim == "":
		case strings.HasPrefix(trim, "# "):
		case strings.HasPrefix(line, "{"):
			// Collect the object up to its closing line "}".
			var buf strings.Builder
			buf.WriteString(line)
			// go vet indents the object; only its closing brace is at the
			// start of a line.
			for trim != "{}" && i+1 < len(lines) {
				i++
				buf.WriteString(lines[i])
				if strings.TrimRight(lines[i], "\n") == "}" {
					break
				}
			}
			if err := res.addObject([]byte(buf.String())); err != nil {
				return nil, err
			}
		default:
			res.Other = append(res.Other, strings.TrimRight(line, "\n"))
		}
	}
	sort.SliceStable(res.Findings, func(i, j int) bool {
		a, b := res.Findings[i], res.Findings[j]
		if a.Posn != b.Posn {
			return a.Posn < b.Posn
		}
		if a.Analyzer != b.Analyzer {
			return a.Analyzer < b.Analyzer
		}
		return a.Message < b.Message
	})
	return res, nil
}

func (res *Result) addObject(obj []byte) error {
	var tree map[string]map[string]json.RawMessage
	if err := json.Unmarshal(obj, &tree); err != nil {
		return fmt.Errorf("parsing go vet -json output: %v", err)
	}
	for _, pkg := range sortedKeys(tree) {
		for _, an := range sortedKeys(tree[pkg]) {
			raw := tree[pkg][an]
			var e struct {
				Err string `json:"error"`
			}
			if len(raw) > 0 && raw[0] == '{' {
				if err := json.Unmarshal(raw, &e); err != nil {
					return fmt.Errorf("parsing go vet -json output: %v", err)
				}
				res.Errors = append(res.Errors, AnalyzerError{pkg, an, e.Err})
				continue
			}
			var diags []Finding
			if err := json.Unmarshal(raw, &diags); err != nil {
				return fmt.Errorf("parsing go vet -json output: %v", err)
			}
			for _, d := range diags {
				d.Package, d.Analyzer = pkg, an
				res.Findings = append(res.Findings, d)
			}
		}
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
