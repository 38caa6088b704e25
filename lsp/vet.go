package lsp

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
	"golang.org/x/tools/go/analysis"
)

// The vet engine: with Options.VetTool set, a run is
//
//	go vet -vettool=VetTool -json VetArgs... .
//
// in the file's directory, so the go command analyzes the package and its
// test variants with unitchecker and caches the facts of the dependencies
// (and the results of unchanged packages) in its build cache: after the
// first run, a save re-analyzes only what changed, instead of type-checking
// every dependency from source again.

// vetJSON is the -json output of an analysis driver: package ID -> analyzer
// name -> diagnostics, or {"error": ...}.
type vetJSON map[string]map[string]json.RawMessage

type vetDiagnostic struct {
	Category       string `json:"category"`
	Posn           string `json:"posn"`
	End            string `json:"end"`
	Message        string `json:"message"`
	SuggestedFixes []struct {
		Message string `json:"message"`
		Edits   []struct {
			Filename   string `json:"filename"`
			Start, End int
			New        string `json:"new"`
		} `json:"edits"`
	} `json:"suggested_fixes"`
	Related []struct {
		Posn    string `json:"posn"`
		End     string `json:"end"`
		Message string `json:"message"`
	} `json:"related"`
}

func analyzeVet(ctx context.Context, opts Options, name string) *result {
	res := &result{results: make(map[string]*fileResult)}
	dir := filepath.Dir(name)

	// The package's files, to clear the diagnostics of those that have none.
	list := exec.CommandContext(ctx, "go", "list", "-e", "-json=Dir,GoFiles,CgoFiles,TestGoFiles,XTestGoFiles", ".")
	list.Dir, list.Env = dir, opts.Env
	out, err := list.Output()
	if ctx.Err() != nil {
		return res
	}
	if err != nil {
		res.messages = append(res.messages, message{protocol.MessageTypeError, fmt.Sprintf("go list in %s: %v%s", dir, err, stderrOf(err))})
		return res
	}
	var pkg struct {
		Dir                                          string
		GoFiles, CgoFiles, TestGoFiles, XTestGoFiles []string
	}
	if err := json.Unmarshal(out, &pkg); err != nil {
		res.messages = append(res.messages, message{protocol.MessageTypeError, fmt.Sprintf("go list in %s: %v", dir, err)})
		return res
	}
	covered := make(map[string]bool)
	for _, f := range slices.Concat(pkg.GoFiles, pkg.CgoFiles, pkg.TestGoFiles, pkg.XTestGoFiles) {
		f = filepath.Join(pkg.Dir, f)
		covered[f] = true
		res.files = append(res.files, f)
	}
	if !covered[name] {
		res.messages = append(res.messages, message{protocol.MessageTypeInfo, fmt.Sprintf("%s belongs to no package of this build configuration (build constraints?): not analyzed", name)})
		res.files = nil
		return res
	}
	slices.Sort(res.files)

	args := append([]string{"vet", "-vettool=" + opts.VetTool, "-json"}, opts.VetArgs...)
	vet := exec.CommandContext(ctx, "go", append(args, ".")...)
	vet.Dir, vet.Env = dir, opts.Env
	var stdout, stderr bytes.Buffer
	vet.Stdout, vet.Stderr = &stdout, &stderr
	err = vet.Run()
	if ctx.Err() != nil {
		return res
	}
	c := &converter{srcs: make(map[string][]byte)}
	for _, f := range res.files {
		res.results[f] = &fileResult{content: c.content(f)}
	}
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		res.messages = append(res.messages, message{protocol.MessageTypeWarning,
			fmt.Sprintf("go vet: the package has errors, so it was not analyzed: %s", msg)})
		return res
	}

	byName := make(map[string]*analysis.Analyzer)
	for _, a := range opts.Analyzers {
		byName[a.Name] = a
	}
	seen := make(map[string]bool)
	dec := json.NewDecoder(&stdout)
	for {
		var tree vetJSON
		if err := dec.Decode(&tree); err == io.EOF {
			break
		} else if err != nil {
			res.messages = append(res.messages, message{protocol.MessageTypeError, fmt.Sprintf("go vet -json output: %v", err)})
			break
		}
		for _, pkgPath := range sortedKeys(tree) {
			for _, an := range sortedKeys(tree[pkgPath]) {
				raw := tree[pkgPath][an]
				var diags []vetDiagnostic
				if err := json.Unmarshal(raw, &diags); err != nil {
					var e struct{ Error string }
					if json.Unmarshal(raw, &e) == nil && e.Error != "" && !strings.Contains(e.Error, "analysis skipped due to errors") {
						res.messages = append(res.messages, message{protocol.MessageTypeError, fmt.Sprintf("%s on %s: %s", an, pkgPath, e.Error)})
					}
					continue
				}
				a := byName[an]
				for _, d := range diags {
					f, file := c.vetFinding(an, a, d)
					if f == nil || !covered[file] {
						continue
					}
					res.add(f, file, seen)
				}
			}
		}
	}
	res.sortFindings()
	return res
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func stderrOf(err error) string {
	var ee *exec.ExitError
	if errors.As(err, &ee) && len(ee.Stderr) > 0 {
		return ": " + strings.TrimSpace(string(ee.Stderr))
	}
	return ""
}

// vetFinding converts a diagnostic of go vet's JSON output.
func (c *converter) vetFinding(analyzerName string, a *analysis.Analyzer, d vetDiagnostic) (*finding, string) {
	file, start, ok := c.posn(d.Posn)
	if !ok {
		return nil, ""
	}
	rng := protocol.Range{Start: start, End: start}
	if efile, end, ok := c.posn(d.End); ok && efile == file && comparePos(end, start) > 0 {
		rng.End = end
	}
	f := &finding{
		analyzer: analyzerName,
		category: d.Category,
		diag: protocol.Diagnostic{
			Range:    rng,
			Severity: protocol.DiagnosticSeverityWarning,
			Code:     Code(analyzerName, d.Category),
			Source:   "o11ylint",
			Message:  d.Message,
		},
	}
	if a != nil && a.URL != "" {
		href := a.URL
		if d.Category != "" {
			href += "#" + d.Category // as the in-process driver does
		}
		f.diag.CodeDescription = &protocol.CodeDescription{Href: uri.URI(href)}
	}
	for _, r := range d.Related {
		rfile, rstart, ok := c.posn(r.Posn)
		if !ok {
			continue
		}
		rrng := protocol.Range{Start: rstart, End: rstart}
		if efile, end, ok := c.posn(r.End); ok && efile == rfile && comparePos(end, rstart) > 0 {
			rrng.End = end
		}
		f.diag.RelatedInformation = append(f.diag.RelatedInformation, protocol.DiagnosticRelatedInformation{
			Location: protocol.Location{URI: uri.File(rfile), Range: rrng},
			Message:  r.Message,
		})
	}
	for _, sf := range d.SuggestedFixes {
		edit := protocol.WorkspaceEdit{Changes: make(map[protocol.DocumentURI][]protocol.TextEdit)}
		ok := len(sf.Edits) > 0
		for _, e := range sf.Edits {
			src := c.content(e.Filename)
			if src == nil || e.Start < 0 || e.End < e.Start || e.End > len(src) {
				ok = false
				break
			}
			u := uri.File(e.Filename)
			edit.Changes[u] = append(edit.Changes[u], protocol.TextEdit{
				Range:   protocol.Range{Start: offsetPosition(src, e.Start), End: offsetPosition(src, e.End)},
				NewText: e.New,
			})
		}
		if !ok {
			continue
		}
		title := sf.Message
		if title == "" {
			title = "apply the suggested fix"
		}
		f.fixes = append(f.fixes, fix{title: title, edit: edit})
	}
	return f, file
}

var posnRe = regexp.MustCompile(`^(.*):(\d+):(\d+)$`)

// posn converts "file:line:column" (byte column) into a file name and an
// LSP position.
func (c *converter) posn(s string) (string, protocol.Position, bool) {
	m := posnRe.FindStringSubmatch(s)
	if m == nil {
		return "", protocol.Position{}, false
	}
	line, _ := strconv.Atoi(m[2])
	col, _ := strconv.Atoi(m[3])
	if line < 1 || col < 1 {
		return "", protocol.Position{}, false
	}
	file := filepath.Clean(m[1])
	src := c.content(file)
	start := lineOffset(src, line)
	if src == nil || start < 0 || start+col-1 > len(src) {
		return file, protocol.Position{Line: uint32(line - 1), Character: uint32(col - 1)}, true
	}
	return file, protocol.Position{Line: uint32(line - 1), Character: uint32(utf16Len(src[start : start+col-1]))}, true
}

// lineOffset returns the byte offset of the start of line (1-based) in src,
// or -1.
func lineOffset(src []byte, line int) int {
	off := 0
	for i := 1; i < line; i++ {
		j := bytes.IndexByte(src[off:], '\n')
		if j < 0 {
			return -1
		}
		off += j + 1
	}
	return off
}

// offsetPosition converts a byte offset in src into an LSP position.
func offsetPosition(src []byte, off int) protocol.Position {
	line := bytes.Count(src[:off], []byte("\n"))
	start := bytes.LastIndexByte(src[:off], '\n') + 1
	return protocol.Position{Line: uint32(line), Character: uint32(utf16Len(src[start:off]))}
}
