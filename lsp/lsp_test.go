package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"go/ast"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
	"golang.org/x/tools/go/analysis"

	"github.com/o11ylint/o11ylint/suite"
)

// The protocol-level tests run the server on a pipe and talk to it with
// go.lsp.dev/jsonrpc2 as a client would, on a copy of testdata/src.

// demo is a test analyzer with everything a diagnostic can carry: a
// category, a related position and a suggested fix. It reports calls of
// functions named leak (matching by name is fine for a test analyzer).
var demo = &analysis.Analyzer{
	Name: "demo",
	Doc:  "reports calls of leak",
	URL:  "https://example.com/demo",
	Run: func(pass *analysis.Pass) (any, error) {
		for _, f := range pass.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				id, ok := call.Fun.(*ast.Ident)
				if !ok || id.Name != "leak" {
					return true
				}
				obj := pass.TypesInfo.Uses[id]
				pass.Report(analysis.Diagnostic{
					Pos:      call.Pos(),
					End:      call.End(),
					Category: "demo-rule",
					Message:  "leak called: call noleak instead",
					Related:  []analysis.RelatedInformation{{Pos: obj.Pos(), Message: "leak is declared here"}},
					SuggestedFixes: []analysis.SuggestedFix{{
						Message:   "call noleak",
						TextEdits: []analysis.TextEdit{{Pos: id.Pos(), End: id.End(), NewText: []byte("noleak")}},
					}},
				})
				return true
			})
		}
		return nil, nil
	},
}

// fixture returns a fresh copy of testdata/src.
func fixture(t *testing.T) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "src")
	if err := os.CopyFS(dst, os.DirFS(filepath.Join("testdata", "src"))); err != nil {
		t.Fatal(err)
	}
	return dst
}

func testEnv() []string {
	return append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOPROXY=off")
}

type client struct {
	t     *testing.T
	conn  jsonrpc2.Conn
	diags chan protocol.PublishDiagnosticsParams
	logs  chan string
	done  chan error // Serve's result

	mu     sync.Mutex
	events []string // run hook events
}

func start(t *testing.T, analyzers []*analysis.Analyzer, configure ...func(*Options)) *client {
	t.Helper()
	srv, cli := net.Pipe()
	c := &client{
		t:     t,
		diags: make(chan protocol.PublishDiagnosticsParams, 100),
		logs:  make(chan string, 100),
		done:  make(chan error, 1),
	}
	opts := Options{
		Analyzers: analyzers,
		Version:   "test",
		Debounce:  100 * time.Millisecond,
		Env:       testEnv(),
		runHook: func(event, key string) {
			c.mu.Lock()
			c.events = append(c.events, event)
			c.mu.Unlock()
		},
	}
	for _, f := range configure {
		f(&opts)
	}
	go func() { c.done <- Serve(context.Background(), srv, opts) }()
	c.conn = jsonrpc2.NewConn(jsonrpc2.NewStream(cli))
	c.conn.Go(context.Background(), func(ctx context.Context, reply jsonrpc2.Replier, req jsonrpc2.Request) error {
		switch req.Method() {
		case protocol.MethodTextDocumentPublishDiagnostics:
			var p protocol.PublishDiagnosticsParams
			if err := json.Unmarshal(req.Params(), &p); err != nil {
				t.Errorf("publishDiagnostics: %v", err)
			}
			c.diags <- p
		case protocol.MethodWindowLogMessage:
			var p protocol.LogMessageParams
			_ = json.Unmarshal(req.Params(), &p)
			select {
			case c.logs <- p.Message:
			default:
			}
		}
		return reply(ctx, nil, nil)
	})
	t.Cleanup(func() {
		c.conn.Close()
		select {
		case <-c.done:
		case <-time.After(30 * time.Second):
			t.Error("Serve did not return after the client closed the connection")
		}
	})
	var res protocol.InitializeResult
	c.call(protocol.MethodInitialize, &protocol.InitializeParams{}, &res)
	c.notify(protocol.MethodInitialized, &protocol.InitializedParams{})
	return c
}

func (c *client) call(method string, params, result any) {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := c.conn.Call(ctx, method, params, result); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

func (c *client) notify(method string, params any) {
	c.t.Helper()
	if err := c.conn.Notify(context.Background(), method, params); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

func (c *client) open(file string) protocol.DocumentURI {
	c.t.Helper()
	text, err := os.ReadFile(file)
	if err != nil {
		c.t.Fatal(err)
	}
	u := uri.File(file)
	c.notify(protocol.MethodTextDocumentDidOpen, &protocol.DidOpenTextDocumentParams{
		TextDocument: protocol.TextDocumentItem{URI: u, LanguageID: "go", Version: 1, Text: string(text)},
	})
	return u
}

// waitDiags waits for the diagnostics published for u, skipping those for
// other files.
func (c *client) waitDiags(u protocol.DocumentURI) []protocol.Diagnostic {
	c.t.Helper()
	timeout := time.After(2 * time.Minute)
	for {
		select {
		case p := <-c.diags:
			if p.URI == u {
				return p.Diagnostics
			}
		case <-timeout:
			c.t.Fatalf("no diagnostics published for %s", u)
		}
	}
}

func (c *client) codeActions(u protocol.DocumentURI, line uint32) []protocol.CodeAction {
	c.t.Helper()
	var actions []protocol.CodeAction
	c.call(protocol.MethodTextDocumentCodeAction, &protocol.CodeActionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: u},
		Range:        protocol.Range{Start: protocol.Position{Line: line}, End: protocol.Position{Line: line}},
	}, &actions)
	return actions
}

func TestInitialize(t *testing.T) {
	srv, cli := net.Pipe()
	done := make(chan error, 1)
	go func() { done <- Serve(context.Background(), srv, Options{Analyzers: suite.Analyzers(), Version: "v9"}) }()
	conn := jsonrpc2.NewConn(jsonrpc2.NewStream(cli))
	conn.Go(context.Background(), jsonrpc2.MethodNotFoundHandler)
	ctx := context.Background()
	var raw json.RawMessage
	if _, err := conn.Call(ctx, protocol.MethodInitialize, &protocol.InitializeParams{}, &raw); err != nil {
		t.Fatal(err)
	}
	var res struct {
		Capabilities struct {
			TextDocumentSync struct {
				OpenClose bool `json:"openClose"`
				Change    int  `json:"change"`
				Save      any  `json:"save"`
			} `json:"textDocumentSync"`
			CodeActionProvider struct {
				CodeActionKinds []string `json:"codeActionKinds"`
			} `json:"codeActionProvider"`
		} `json:"capabilities"`
		ServerInfo struct{ Name, Version string } `json:"serverInfo"`
	}
	if err := json.Unmarshal(raw, &res); err != nil {
		t.Fatal(err)
	}
	caps := res.Capabilities
	if !caps.TextDocumentSync.OpenClose || caps.TextDocumentSync.Change != 1 || caps.TextDocumentSync.Save == nil ||
		len(caps.CodeActionProvider.CodeActionKinds) != 1 || caps.CodeActionProvider.CodeActionKinds[0] != "quickfix" ||
		res.ServerInfo.Name != "o11ylint" || res.ServerInfo.Version != "v9" {
		t.Errorf("initialize result: %s", raw)
	}
	// An unknown request is answered "method not found", not ignored.
	_, err := conn.Call(ctx, "textDocument/hover", &protocol.HoverParams{}, nil)
	var rpcErr *jsonrpc2.Error
	if !errors.As(err, &rpcErr) || rpcErr.Code != jsonrpc2.MethodNotFound {
		t.Errorf("hover: error %v, want method not found", err)
	}
	// shutdown, then exit: Serve returns nil.
	if _, err := conn.Call(ctx, protocol.MethodShutdown, nil, nil); err != nil {
		t.Fatal(err)
	}
	if err := conn.Notify(ctx, protocol.MethodExit, nil); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve after shutdown and exit: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not return after exit")
	}
}

// The suite's SA1012 on a real package: the diagnostic, its code actions,
// the //nolint directive honoured, and the diagnostic cleared by a fix and
// a save; in process, and through go vet.
func TestSuiteDiagnosticsAndFix(t *testing.T) {
	t.Run("in-process", func(t *testing.T) { testSuiteDiagnosticsAndFix(t) })
	t.Run("go-vet", func(t *testing.T) { testSuiteDiagnosticsAndFix(t, vetEngine(t)) })
}

// vetEngine configures the vet engine with the test binary as the vettool.
func vetEngine(t *testing.T) func(*Options) {
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	return func(o *Options) {
		o.VetTool = self
		o.Env = append(o.Env, vetToolEnv+"=1")
	}
}

func testSuiteDiagnosticsAndFix(t *testing.T, configure ...func(*Options)) {
	dir := fixture(t)
	c := start(t, suite.Analyzers(), configure...)
	file := filepath.Join(dir, "a", "a.go")
	u := c.open(file)
	diags := c.waitDiags(u)
	if len(diags) != 1 {
		t.Fatalf("diagnostics for a.go: %+v, want one (the second nil is suppressed by //nolint:SA1012)", diags)
	}
	d := diags[0]
	if d.Range.Start != (protocol.Position{Line: 9, Character: 5}) || d.Code != "SA1012" || d.Source != "o11ylint" ||
		d.Severity != protocol.DiagnosticSeverityWarning || !strings.Contains(d.Message, "do not pass a nil Context") {
		t.Errorf("diagnostic: %+v", d)
	}

	actions := c.codeActions(u, 9)
	var titles []string
	for _, a := range actions {
		titles = append(titles, a.Title)
	}
	if len(actions) < 2 {
		t.Fatalf("code actions on line 10: %q, want a fix and a //nolint", titles)
	}
	fixAction := actions[0]
	if fixAction.Kind != protocol.QuickFix || !fixAction.IsPreferred || fixAction.Edit == nil || len(fixAction.Diagnostics) != 1 {
		t.Errorf("fix action: %+v", fixAction)
	}
	last := actions[len(actions)-1]
	if last.Title != "suppress with //nolint:SA1012" {
		t.Errorf("last action %q, want the //nolint one; all: %q", last.Title, titles)
	} else if edits := last.Edit.Changes[u]; len(edits) != 1 || edits[0].NewText != " //nolint:SA1012" || edits[0].Range.Start != (protocol.Position{Line: 9, Character: 9}) {
		t.Errorf("//nolint edit: %+v", edits)
	}
	if got := c.codeActions(u, 3); len(got) != 0 {
		t.Errorf("code actions on a line without findings: %+v", got)
	}

	// Apply the fix as the editor would, save: the diagnostic goes away.
	src, _ := os.ReadFile(file)
	fixed := applyEdits(t, string(src), fixAction.Edit.Changes[u])
	if !strings.Contains(fixed, "use(context.TODO())") {
		t.Fatalf("after the fix:\n%s", fixed)
	}
	// While the buffer differs from the analyzed text, no actions.
	c.notify(protocol.MethodTextDocumentDidChange, &protocol.DidChangeTextDocumentParams{
		TextDocument:   protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: u}, Version: 2},
		ContentChanges: []protocol.TextDocumentContentChangeEvent{{Text: fixed}},
	})
	if got := c.codeActions(u, 9); len(got) != 0 {
		t.Errorf("code actions on a modified buffer: %+v", got)
	}
	if err := os.WriteFile(file, []byte(fixed), 0o644); err != nil {
		t.Fatal(err)
	}
	c.notify(protocol.MethodTextDocumentDidSave, &protocol.DidSaveTextDocumentParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}})
	if diags := c.waitDiags(u); len(diags) != 0 {
		t.Errorf("diagnostics after the fix: %+v", diags)
	}
}

// applyEdits applies LSP edits of one file (ASCII positions) to src.
func applyEdits(t *testing.T, src string, edits []protocol.TextEdit) string {
	t.Helper()
	lines := strings.SplitAfter(src, "\n")
	offset := func(p protocol.Position) int {
		n := 0
		for i := 0; i < int(p.Line); i++ {
			n += len(lines[i])
		}
		return n + int(p.Character)
	}
	for i := len(edits) - 1; i >= 0; i-- { // edits of one fix do not overlap; apply from the end
		e := edits[i]
		src = src[:offset(e.Range.Start)] + e.NewText + src[offset(e.Range.End):]
	}
	return src
}

// Category, related information, documentation link, UTF-16 columns, and
// the test variant of a package for a _test.go file.
func TestDiagnosticContents(t *testing.T) {
	dir := fixture(t)
	c := start(t, []*analysis.Analyzer{demo})
	u := c.open(filepath.Join(dir, "b", "b.go"))
	diags := c.waitDiags(u)
	if len(diags) != 1 {
		t.Fatalf("diagnostics for b.go: %+v", diags)
	}
	d := diags[0]
	// `	g("😀é", leak("x"))`: leak starts at byte 13, UTF-16 unit 10.
	want := protocol.Range{Start: protocol.Position{Line: 10, Character: 10}, End: protocol.Position{Line: 10, Character: 19}}
	if d.Range != want {
		t.Errorf("range %+v, want %+v (UTF-16 columns)", d.Range, want)
	}
	if d.Code != "demo/demo-rule" || d.CodeDescription == nil || d.CodeDescription.Href != "https://example.com/demo#demo-rule" { // the checker appends the category
		t.Errorf("code %v, description %+v", d.Code, d.CodeDescription)
	}
	if len(d.RelatedInformation) != 1 || d.RelatedInformation[0].Message != "leak is declared here" ||
		d.RelatedInformation[0].Location.URI != u || d.RelatedInformation[0].Location.Range.Start != (protocol.Position{Line: 3, Character: 5}) {
		t.Errorf("related information: %+v", d.RelatedInformation)
	}
	actions := c.codeActions(u, 10)
	var titles []string
	for _, a := range actions {
		titles = append(titles, a.Title)
	}
	if want := []string{"call noleak", "suppress with //nolint:demo/demo-rule", "suppress with //nolint:demo"}; strings.Join(titles, "|") != strings.Join(want, "|") {
		t.Errorf("code actions %q, want %q", titles, want)
	} else if e := actions[0].Edit.Changes[u]; len(e) != 1 || e[0].NewText != "noleak" || e[0].Range.Start.Character != 10 || e[0].Range.End.Character != 14 {
		t.Errorf("fix edit: %+v", e)
	}

	// A test file: analyzed in the package's test variant.
	tu := c.open(filepath.Join(dir, "b", "b_test.go"))
	if diags := c.waitDiags(tu); len(diags) != 1 || diags[0].Range.Start.Line != 5 {
		t.Errorf("diagnostics for b_test.go: %+v", diags)
	}
}

// Saves in quick succession make one run (debounce), and a package that no
// longer type-checks loses its diagnostics and says why; in process, and
// through go vet.
func TestDebounceAndErrors(t *testing.T) {
	t.Run("in-process", func(t *testing.T) { testDebounceAndErrors(t) })
	t.Run("go-vet", func(t *testing.T) { testDebounceAndErrors(t, vetEngine(t)) })
}

func testDebounceAndErrors(t *testing.T, configure ...func(*Options)) {
	dir := fixture(t)
	c := start(t, suite.Analyzers(), configure...)
	file := filepath.Join(dir, "a", "a.go")
	u := c.open(file)
	for range 5 {
		c.notify(protocol.MethodTextDocumentDidSave, &protocol.DidSaveTextDocumentParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}})
	}
	if diags := c.waitDiags(u); len(diags) != 1 {
		t.Fatalf("diagnostics: %+v", diags)
	}
	time.Sleep(300 * time.Millisecond) // longer than the debounce: any second run would have started
	c.mu.Lock()
	starts := strings.Count(strings.Join(c.events, " "), "start")
	c.mu.Unlock()
	if starts != 1 {
		t.Errorf("%d runs for an open and 5 saves within the debounce delay, want 1 (events %v)", starts, c.events)
	}

	// Break the package: its diagnostics are withdrawn, with a log message.
	src, _ := os.ReadFile(file)
	broken := strings.Replace(string(src), "use(nil)\n}", "use(nil)\n\tundefined()\n}", 1)
	if err := os.WriteFile(file, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	c.notify(protocol.MethodTextDocumentDidSave, &protocol.DidSaveTextDocumentParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}})
	if diags := c.waitDiags(u); len(diags) != 0 {
		t.Errorf("diagnostics of a package with type errors: %+v", diags)
	}
	found := false
	for !found {
		select {
		case m := <-c.logs:
			found = strings.Contains(m, "has errors")
		case <-time.After(10 * time.Second):
			t.Fatal("no log message about the package's errors")
		}
	}
}

func TestNolintEdit(t *testing.T) {
	src := "package p\n" + // 0
		"\n" + // 1
		"func f() {\n" + // 2
		"\tg(nil)\n" + // 3
		"\tg(nil) // why\n" + // 4
		"\tg(nil) //nolint:goleak // why\n" + // 5
		"\tg(nil) //nolint\n" + // 6
		"\tx := `a\n" + // 7
		"b` + h(nil)\n" + // 8
		"\tg(\"é\") /* c */\n" + // 9
		"}\n"
	for _, tc := range []struct {
		line int
		want string // "" for no edit
	}{
		{3, "3:7-3:7 \" //nolint:SA1012\""},
		{4, "4:0-4:0 \"\\t//nolint:SA1012\\n\""},
		{5, "5:23-5:23 \",SA1012\""},
		{6, ""},
		{7, ""},
		{8, "8:11-8:11 \" //nolint:SA1012\""},
		{9, "9:15-9:15 \" //nolint:SA1012\""},
	} {
		e, ok := NolintEdit([]byte(src), tc.line, "SA1012")
		got := ""
		if ok {
			b, _ := json.Marshal(e.NewText)
			got = strings.Join([]string{
				itoa(e.Range.Start.Line) + ":" + itoa(e.Range.Start.Character) + "-" + itoa(e.Range.End.Line) + ":" + itoa(e.Range.End.Character),
				string(b)}, " ")
		}
		if got != tc.want {
			t.Errorf("line %d: edit %s, want %s", tc.line, got, tc.want)
		}
	}
	if _, ok := NolintEdit([]byte(src), 5, "goleak"); ok {
		t.Error("line 5 already names goleak: want no edit")
	}
}

func itoa(n uint32) string { b, _ := json.Marshal(n); return string(b) }

func TestParseArgs(t *testing.T) {
	a1 := &analysis.Analyzer{Name: "one", Doc: "d", Run: demo.Run}
	a2 := &analysis.Analyzer{Name: "two", Doc: "d", Run: demo.Run}
	v := a2.Flags.String("scheme", "legacy", "")
	all := []*analysis.Analyzer{a1, a2}
	names := func(as []*analysis.Analyzer) string {
		var s []string
		for _, a := range as {
			s = append(s, a.Name)
		}
		return strings.Join(s, ",")
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "one,two"},
		{[]string{"-two"}, "two"},
		{[]string{"-one=false"}, "two"},
		{[]string{"-two.scheme=utf8", "-debounce=1s"}, "one,two"},
	} {
		opts, err := ParseArgs(tc.args, all, &strings.Builder{})
		if err != nil || names(opts.Analyzers) != tc.want {
			t.Errorf("ParseArgs(%q) = %s, %v; want %s", tc.args, names(opts.Analyzers), err, tc.want)
		}
	}
	if opts, _ := ParseArgs([]string{"-two", "-two.scheme=utf8", "-debounce=1s"}, all, &strings.Builder{}); strings.Join(opts.VetArgs, " ") != "-two=true -two.scheme=utf8" {
		t.Errorf("VetArgs = %q, want the analyzer flags only", opts.VetArgs)
	}
	if *v != "utf8" {
		t.Errorf("-two.scheme=utf8 left the flag at %q", *v)
	}
	if _, err := ParseArgs([]string{"./..."}, all, &strings.Builder{}); err == nil {
		t.Error("ParseArgs accepted a package pattern")
	}
}

// Files of the standard library and the module cache, which editors open
// when jumping to a definition, are not analyzed.
func TestSkipsGOROOT(t *testing.T) {
	c := start(t, suite.Analyzers())
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatal(err)
	}
	c.open(filepath.Join(strings.TrimSpace(string(out)), "src", "context", "context.go"))
	time.Sleep(500 * time.Millisecond) // well past the debounce delay
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.events) != 0 {
		t.Errorf("a GOROOT file was analyzed: %v", c.events)
	}
}

// A save while the package's analysis is running cancels that run: it
// publishes nothing, and the run for the newer save publishes.
func TestNewerSaveCancelsRun(t *testing.T) {
	dir := fixture(t)
	c := start(t, suite.Analyzers())
	u := c.open(filepath.Join(dir, "a", "a.go"))
	deadline := time.Now().Add(time.Minute)
	for {
		c.mu.Lock()
		started := len(c.events) > 0
		c.mu.Unlock()
		if started {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the first run did not start")
		}
		time.Sleep(time.Millisecond)
	}
	c.notify(protocol.MethodTextDocumentDidSave, &protocol.DidSaveTextDocumentParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}})
	if diags := c.waitDiags(u); len(diags) != 1 {
		t.Fatalf("diagnostics: %+v", diags)
	}
	time.Sleep(200 * time.Millisecond)
	select {
	case p := <-c.diags:
		t.Errorf("a second publication (%+v): the cancelled run published too", p)
	default:
	}
	c.mu.Lock()
	events := strings.Join(c.events, " ")
	c.mu.Unlock()
	t.Logf("run events: %s", events)
	if strings.Count(events, "start") != 2 || !strings.Contains(events, "cancel") {
		t.Errorf("run events %q, want two runs, the first cancelled", events)
	}
}
