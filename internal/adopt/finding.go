// Package adopt helps a team adopt o11ylint on an existing codebase: it
// keeps only findings on lines changed since a git revision (NewFromRev,
// NewFromMergeBase) or findings not recorded in a baseline file
// (ReadBaseline, WriteBaseline, Baseline.Filter).
//
// It works on a list of findings in the shape of the analysis driver's
// -json output, whatever engine produced them; ParseJSON reads that output
// and RenderText, RenderJSON write filtered findings back.
package adopt

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
)

// A Finding is one diagnostic of the driver's -json output.
type Finding struct {
	Package  string // package ID
	Analyzer string
	Category string
	Posn     string // file:line:col
	End      string
	Message  string
	// Related and SuggestedFixes are kept as they came, for rendering.
	Related        json.RawMessage
	SuggestedFixes json.RawMessage
}

// An AnalyzerError is an {"error": ...} entry of the -json output.
type AnalyzerError struct {
	Package, Analyzer, Error string
}

// File returns the finding's file name.
func (f Finding) File() string { file, _, _ := SplitPosn(f.Posn); return file }

// Line returns the finding's line, 0 if unknown.
func (f Finding) Line() int { _, line, _ := SplitPosn(f.Posn); return line }

// SplitPosn splits "file:line:col" (or "file:line").
func SplitPosn(p string) (file string, line, col int) {
	file = p
	if i := strings.LastIndexByte(file, ':'); i >= 0 {
		if n, err := strconv.Atoi(file[i+1:]); err == nil {
			file, col = file[:i], n
			if j := strings.LastIndexByte(file, ':'); j >= 0 {
				if m, err := strconv.Atoi(file[j+1:]); err == nil {
					return file[:j], m, col
				}
			}
			return file, col, 0
		}
	}
	return p, 0, 0
}

type jsonDiag struct {
	Category       string          `json:"category,omitempty"`
	Posn           string          `json:"posn"`
	End            string          `json:"end,omitempty"`
	Message        string          `json:"message"`
	Related        json.RawMessage `json:"related,omitempty"`
	SuggestedFixes json.RawMessage `json:"suggested_fixes,omitempty"`
}

// ParseJSON reads the driver's -json output, the tree
// {package: {analyzer: [diagnostic...] or {"error": text}}}; the output may
// be empty or several such trees in a row.
func ParseJSON(data []byte) ([]Finding, []AnalyzerError, error) {
	var findings []Finding
	var errs []AnalyzerError
	dec := json.NewDecoder(strings.NewReader(string(data)))
	for {
		var tree map[string]map[string]json.RawMessage
		if err := dec.Decode(&tree); err == io.EOF {
			break
		} else if err != nil {
			return nil, nil, fmt.Errorf("reading the analysis driver's json output: %v", err)
		}
		for _, pkg := range sortedKeys(tree) {
			for _, name := range sortedKeys(tree[pkg]) {
				raw := tree[pkg][name]
				var diags []jsonDiag
				if err := json.Unmarshal(raw, &diags); err != nil {
					var e struct {
						Error string `json:"error"`
					}
					if json.Unmarshal(raw, &e) != nil || e.Error == "" {
						return nil, nil, fmt.Errorf("reading the analysis driver's json output: unexpected entry for %s on %s: %s", name, pkg, raw)
					}
					errs = append(errs, AnalyzerError{pkg, name, e.Error})
					continue
				}
				for _, d := range diags {
					findings = append(findings, Finding{pkg, name, d.Category, d.Posn, d.End, d.Message, d.Related, d.SuggestedFixes})
				}
			}
		}
	}
	return findings, errs, nil
}

// RenderText writes findings (without repeats) as the driver's text mode does, one
// "posn: message" line each (and a tab-indented line for each related
// position), and analyzer errors as "pkg: analyzer: error".
func RenderText(w io.Writer, findings []Finding, errs []AnalyzerError) {
	RenderTextContext(w, findings, errs, -1)
}

// RenderTextContext is RenderText with the driver's -c=N: when
// contextLines >= 0, each position is followed by its source lines, from N
// lines before its start to N lines after its end, as "line\ttext".
func RenderTextContext(w io.Writer, findings []Finding, errs []AnalyzerError, contextLines int) {
	for _, e := range errs {
		fmt.Fprintf(w, "%s: %s: %s\n", e.Package, e.Analyzer, e.Error)
	}
	sources := make(map[string][]string)
	print := func(posn, end, message string) {
		fmt.Fprintf(w, "%s: %s\n", posn, message)
		if contextLines < 0 {
			return
		}
		file, line, _ := SplitPosn(posn)
		last := line
		if efile, eline, _ := SplitPosn(end); efile == file && eline >= line {
			last = eline
		}
		lines, ok := sources[file]
		if !ok {
			data, _ := os.ReadFile(file)
			lines = strings.Split(string(data), "\n")
			sources[file] = lines
		}
		for i := line - contextLines; i <= last+contextLines; i++ {
			if 1 <= i && i <= len(lines) {
				fmt.Fprintf(w, "%d\t%s\n", i, lines[i-1])
			}
		}
	}
	for _, f := range Dedup(findings) {
		print(f.Posn, f.End, f.Message)
		var related []struct{ Posn, End, Message string }
		if json.Unmarshal(f.Related, &related) == nil {
			for _, r := range related {
				print(r.Posn, r.End, "\t"+r.Message)
			}
		}
	}
}

// RenderJSON writes findings and analyzer errors in the driver's -json tree
// shape.
func RenderJSON(w io.Writer, findings []Finding, errs []AnalyzerError) error {
	tree := make(map[string]map[string]any)
	get := func(pkg string) map[string]any {
		if tree[pkg] == nil {
			tree[pkg] = make(map[string]any)
		}
		return tree[pkg]
	}
	for _, e := range errs {
		get(e.Package)[e.Analyzer] = map[string]string{"error": e.Error}
	}
	for _, f := range findings {
		m := get(f.Package)
		list, _ := m[f.Analyzer].([]jsonDiag)
		m[f.Analyzer] = append(list, jsonDiag{f.Category, f.Posn, f.End, f.Message, f.Related, f.SuggestedFixes})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "\t")
	return enc.Encode(tree)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

type dedupKey struct{ analyzer, posn, message string }

// Dedup returns findings without repeats of the same analyzer, position
// and message: the driver reports a finding in a package's non-test files
// once for the package and once for its test variant.
func Dedup(findings []Finding) []Finding {
	seen := make(map[dedupKey]bool)
	var out []Finding
	for _, f := range findings {
		k := dedupKey{f.Analyzer, f.Posn, f.Message}
		if !seen[k] {
			seen[k] = true
			out = append(out, f)
		}
	}
	return out
}
