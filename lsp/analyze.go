package lsp

import (
	"context"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// runState is the scheduling state of one run key: a package directory,
// with or without its tests.
type runState struct {
	gen    int                // bumped by every trigger; a run publishes only if still current
	timer  *time.Timer        // pending debounced run
	cancel context.CancelFunc // cancels the pending or running run
}

// fileResult is the last analysis of one file.
type fileResult struct {
	content  []byte // the file as analyzed
	findings []*finding
}

// finding is one diagnostic with what its code actions need.
type finding struct {
	diag     protocol.Diagnostic
	analyzer string
	category string
	fixes    []fix
}

type fix struct {
	title string
	edit  protocol.WorkspaceEdit
}

// trigger schedules an analysis of the package holding file name.
func (s *server) trigger(name string) {
	test := strings.HasSuffix(name, "_test.go")
	key := filepath.Dir(name)
	if test {
		key += " [test]"
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stopped {
		return
	}
	st := s.runs[key]
	if st == nil {
		st = new(runState)
		s.runs[key] = st
	}
	st.gen++
	gen := st.gen
	if st.cancel != nil {
		st.cancel() // the run in progress is stale now
		st.cancel = nil
	}
	if st.timer != nil {
		st.timer.Stop()
	}
	st.timer = time.AfterFunc(s.opts.Debounce, func() { s.run(key, name, test, gen) })
}

// run analyzes the package(s) holding file name and publishes the results,
// unless a newer trigger for key made it stale.
func (s *server) run(key, name string, test bool, gen int) {
	s.mu.Lock()
	st := s.runs[key]
	if s.stopped || st.gen != gen {
		s.mu.Unlock()
		return
	}
	ctx, cancel := context.WithCancel(s.ctx)
	st.cancel = cancel
	s.wg.Add(1)
	s.mu.Unlock()
	defer s.wg.Done()
	defer cancel()

	select { // one analysis at a time
	case s.sem <- struct{}{}:
	case <-ctx.Done():
		s.hook("cancel", key)
		return
	}
	defer func() { <-s.sem }()

	s.hook("start", key)
	var res *result
	if s.opts.VetTool != "" {
		res = analyzeVet(ctx, s.opts, name)
	} else {
		res = analyze(ctx, s.opts, name, test)
	}
	s.hook("end", key)

	s.mu.Lock()
	if ctx.Err() != nil || st.gen != gen || s.stopped {
		s.mu.Unlock()
		s.hook("cancel", key)
		return
	}
	type publication struct {
		uri   protocol.DocumentURI
		diags []protocol.Diagnostic
	}
	var pubs []publication
	for _, file := range res.files {
		fr := res.results[file]
		if fr == nil {
			continue
		}
		s.files[file] = fr
		u := uri.File(file)
		if d := s.docs[file]; d != nil {
			u = d.uri // answer in the client's spelling of the URI
		}
		diags := make([]protocol.Diagnostic, 0, len(fr.findings))
		for _, f := range fr.findings {
			diags = append(diags, f.diag)
		}
		pubs = append(pubs, publication{u, diags})
	}
	s.mu.Unlock()

	for _, msg := range res.messages {
		s.logMessage(msg.typ, "%s", msg.text)
	}
	for _, p := range pubs {
		_ = s.conn.Notify(s.ctx, protocol.MethodTextDocumentPublishDiagnostics,
			&protocol.PublishDiagnosticsParams{URI: p.uri, Diagnostics: p.diags})
	}
}

func (s *server) hook(event, key string) {
	if s.opts.runHook != nil {
		s.opts.runHook(event, key)
	}
}

// result is the outcome of one analysis run.
type result struct {
	files    []string               // the files the run covered, sorted
	results  map[string]*fileResult // by file; one per covered file, maybe empty
	messages []message
}

type message struct {
	typ  protocol.MessageType
	text string
}

// analyze loads the package(s) holding file name (their test variants if
// test) with all dependencies from source, runs the analyzers on them and
// converts the diagnostics.
func analyze(ctx context.Context, opts Options, name string, test bool) *result {
	res := &result{results: make(map[string]*fileResult)}
	var (
		srcMu sync.Mutex
		srcs  = make(map[string][]byte)
	)
	// Dependencies from source only when an analyzer needs their facts
	// (as multichecker does); otherwise from export data, much faster.
	mode := packages.LoadSyntax | packages.NeedModule
	if needFacts(opts.Analyzers) {
		mode = packages.LoadAllSyntax | packages.NeedModule
	}
	cfg := &packages.Config{
		Mode:    mode,
		Context: ctx,
		Dir:     filepath.Dir(name),
		Env:     opts.Env,
		Tests:   test,
		ParseFile: func(fset *token.FileSet, filename string, src []byte) (*ast.File, error) {
			srcMu.Lock()
			srcs[filename] = src
			srcMu.Unlock()
			return parser.ParseFile(fset, filename, src, parser.AllErrors|parser.ParseComments)
		},
	}
	pkgs, err := packages.Load(cfg, "file="+name)
	if ctx.Err() != nil {
		return res
	}
	if err != nil {
		res.messages = append(res.messages, message{protocol.MessageTypeError, fmt.Sprintf("loading the package of %s: %v", name, err)})
		return res
	}
	var roots []*packages.Package
	for _, p := range pkgs {
		if slices.Contains(p.GoFiles, name) || slices.Contains(p.CompiledGoFiles, name) {
			roots = append(roots, p)
		}
	}
	if len(roots) == 0 {
		res.messages = append(res.messages, message{protocol.MessageTypeInfo, fmt.Sprintf("%s belongs to no package of this build configuration (build constraints?): not analyzed", name)})
		return res
	}
	covered := make(map[string]bool)
	for _, p := range roots {
		for _, f := range p.GoFiles {
			if !covered[f] {
				covered[f] = true
				res.files = append(res.files, f)
				res.results[f] = &fileResult{content: srcs[f]}
			}
		}
		if len(p.Errors) > 0 {
			res.messages = append(res.messages, message{protocol.MessageTypeWarning,
				fmt.Sprintf("package %s has errors, so analyzers that need well-typed code were skipped: %v", p.PkgPath, p.Errors[0])})
		}
	}
	slices.Sort(res.files)

	graph, err := checker.Analyze(opts.Analyzers, roots, nil)
	if err != nil {
		res.messages = append(res.messages, message{protocol.MessageTypeError, fmt.Sprintf("analysis: %v", err)})
		return res
	}
	if ctx.Err() != nil {
		return res
	}
	c := &converter{srcs: srcs, fset: roots[0].Fset}
	seen := make(map[string]bool)
	for _, act := range graph.Roots {
		if act.Err != nil {
			if !strings.Contains(act.Err.Error(), "analysis skipped due to errors") && !strings.Contains(act.Err.Error(), "failed prerequisites") {
				res.messages = append(res.messages, message{protocol.MessageTypeError, fmt.Sprintf("%s on %s: %v", act.Analyzer.Name, act.Package.PkgPath, act.Err)})
			}
			continue
		}
		for _, d := range act.Diagnostics {
			f, file := c.finding(act.Analyzer, d)
			if f == nil || !covered[file] {
				continue
			}
			res.add(f, file, seen)
		}
	}
	res.sortFindings()
	return res
}

func comparePos(a, b protocol.Position) int {
	if a.Line != b.Line {
		return int(a.Line) - int(b.Line)
	}
	return int(a.Character) - int(b.Character)
}

// converter turns analysis positions into LSP positions.
type converter struct {
	fset *token.FileSet
	mu   sync.Mutex
	srcs map[string][]byte // file contents as parsed; other files are read on demand
}

// Code returns the diagnostic code of a finding: "analyzer/rule", or the
// analyzer's name alone when the finding has no rule (category).
func Code(analyzer, category string) string {
	if category == "" || category == analyzer {
		return analyzer
	}
	return analyzer + "/" + category
}

// finding converts d; it returns nil for a diagnostic without a position.
func (c *converter) finding(a *analysis.Analyzer, d analysis.Diagnostic) (*finding, string) {
	file, rng, ok := c.rangeOf(d.Pos, d.End)
	if !ok {
		return nil, ""
	}
	f := &finding{
		analyzer: a.Name,
		category: d.Category,
		diag: protocol.Diagnostic{
			Range:    rng,
			Severity: protocol.DiagnosticSeverityWarning,
			Code:     Code(a.Name, d.Category),
			Source:   "o11ylint",
			Message:  d.Message,
		},
	}
	if href := d.URL; href != "" || a.URL != "" {
		if href == "" {
			href = a.URL
		}
		f.diag.CodeDescription = &protocol.CodeDescription{Href: uri.URI(href)}
	}
	for _, r := range d.Related {
		rfile, rrng, ok := c.rangeOf(r.Pos, r.End)
		if !ok {
			continue
		}
		f.diag.RelatedInformation = append(f.diag.RelatedInformation, protocol.DiagnosticRelatedInformation{
			Location: protocol.Location{URI: uri.File(rfile), Range: rrng},
			Message:  r.Message,
		})
	}
	for _, sf := range d.SuggestedFixes {
		edit := protocol.WorkspaceEdit{Changes: make(map[protocol.DocumentURI][]protocol.TextEdit)}
		ok := len(sf.TextEdits) > 0
		for _, te := range sf.TextEdits {
			efile, erng, eok := c.rangeOf(te.Pos, te.End)
			if !eok {
				ok = false
				break
			}
			u := uri.File(efile)
			edit.Changes[u] = append(edit.Changes[u], protocol.TextEdit{Range: erng, NewText: string(te.NewText)})
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

// rangeOf converts [pos, end) (end may be NoPos) into a file and an LSP range.
func (c *converter) rangeOf(pos, end token.Pos) (string, protocol.Range, bool) {
	if !pos.IsValid() {
		return "", protocol.Range{}, false
	}
	tf := c.fset.File(pos)
	if tf == nil {
		return "", protocol.Range{}, false
	}
	start, ok := c.position(tf, pos)
	if !ok {
		return "", protocol.Range{}, false
	}
	stop := start
	if end.IsValid() && end > pos && c.fset.File(end) == tf {
		if p, ok := c.position(tf, end); ok {
			stop = p
		}
	}
	return tf.Name(), protocol.Range{Start: start, End: stop}, true
}

// position converts pos in tf into a line and a UTF-16 column, from the
// file's content (unadjusted by //line directives: the editor shows the
// real file).
func (c *converter) position(tf *token.File, pos token.Pos) (protocol.Position, bool) {
	if int(pos) < tf.Base() || int(pos) > tf.Base()+tf.Size() {
		return protocol.Position{}, false
	}
	p := c.fset.PositionFor(pos, false)
	src := c.content(tf.Name())
	if src == nil || p.Offset > len(src) {
		return protocol.Position{Line: uint32(p.Line - 1), Character: uint32(p.Column - 1)}, true
	}
	lineStart := p.Offset - (p.Column - 1)
	if lineStart < 0 {
		lineStart = 0
	}
	return protocol.Position{Line: uint32(p.Line - 1), Character: uint32(utf16Len(src[lineStart:p.Offset]))}, true
}

func (c *converter) content(name string) []byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	if src, ok := c.srcs[name]; ok {
		return src
	}
	src, err := os.ReadFile(name)
	if err != nil {
		src = nil
	}
	c.srcs[name] = src
	return src
}

// utf16Len returns the length of b in UTF-16 code units.
func utf16Len(b []byte) int {
	n := 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
		b = b[size:]
	}
	return n
}

// needFacts reports whether any of the analyzers, or the analyzers they
// require, uses facts.
func needFacts(analyzers []*analysis.Analyzer) bool {
	seen := make(map[*analysis.Analyzer]bool)
	var visit func([]*analysis.Analyzer) bool
	visit = func(as []*analysis.Analyzer) bool {
		for _, a := range as {
			if seen[a] {
				continue
			}
			seen[a] = true
			if len(a.FactTypes) > 0 || visit(a.Requires) {
				return true
			}
		}
		return false
	}
	return visit(analyzers)
}

// add records finding f of file, numbered for code actions, unless seen
// holds it already: the same finding reached through two variants of a
// package (the package and its test variant) is shown once.
func (res *result) add(f *finding, file string, seen map[string]bool) {
	k := fmt.Sprintf("%s:%v:%v:%s", file, f.diag.Range, f.diag.Code, f.diag.Message)
	if seen[k] {
		return
	}
	seen[k] = true
	fr := res.results[file]
	f.diag.Data = fmt.Sprintf("o11ylint:%d", len(fr.findings))
	fr.findings = append(fr.findings, f)
}

// sortFindings orders every file's findings by position.
func (res *result) sortFindings() {
	for _, fr := range res.results {
		slices.SortStableFunc(fr.findings, func(a, b *finding) int {
			return comparePos(a.diag.Range.Start, b.diag.Range.Start)
		})
	}
}
