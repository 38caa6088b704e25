// Package lsp is o11ylint's language server: it runs the analyzers on the
// package of a Go file when the editor opens or saves it, and publishes the
// findings as diagnostics next to gopls's, with code actions for the
// suggested fixes and for inserting a //nolint directive.
//
// gopls has no plugin API (its analyzer list is internal), so o11ylint is a
// second language server for Go buffers; every LSP client can attach two
// servers to one buffer. The server speaks LSP over a stream (stdio in
// `o11ylint lsp`) with go.lsp.dev/jsonrpc2 and go.lsp.dev/protocol.
//
// Behaviour:
//
//   - didOpen and didSave of a file schedule an analysis of the package(s)
//     holding it, as saved on disk (unsaved edits are not analyzed), with
//     the same analyzers, flags, facts and suppression directives as the
//     CLI. Two engines: `go vet -vettool=<o11ylint> -json .` (Options.VetTool;
//     the default of `o11ylint lsp`), whose go command caches dependencies'
//     facts and unchanged results, so a save re-analyzes only what changed;
//     or in process (go/packages and go/analysis/checker), which type-checks
//     all dependencies from source on every run, and analyzes the test
//     variant of the package for a _test.go file.
//   - Runs are debounced per package (Options.Debounce); a newer trigger
//     cancels the package's run in progress (its go list and type checking)
//     and drops its results; one run at a time, so the editor's machine
//     stays usable. Requests are answered at once from the last results:
//     the editor never waits for an analysis.
//   - A diagnostic has severity Warning, source "o11ylint", code
//     "analyzer/rule" (just "analyzer" for a finding without a rule, e.g.
//     SA1012), a link to the analyzer's documentation, and the related
//     positions (the goroutine start, the cancel, ...) as related
//     information. Positions are in UTF-16 code units, as LSP requires.
//   - Code actions (kind quickfix) on a diagnostic's line: each suggested
//     fix, and "//nolint:analyzer/rule" and "//nolint:analyzer" insertions.
//     They are offered only while the buffer still holds the analyzed text.
//   - After a save that makes a finding go away, its diagnostic is cleared.
//     A package that does not type-check keeps no o11ylint diagnostics (the
//     compiler errors come from gopls); the reason is sent as a log message.
package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
	"golang.org/x/tools/go/analysis"
)

// Options configures a server.
type Options struct {
	Analyzers []*analysis.Analyzer // the analyzers to run (required)
	Version   string               // reported as serverInfo.version
	Debounce  time.Duration        // wait after the last trigger before a run; 0 means DefaultDebounce
	Log       io.Writer            // server log (stderr); nil discards it
	Env       []string             // environment of go list and go vet; nil means os.Environ()

	// VetTool, if set, is an o11ylint binary (a go vet -vettool running
	// the same Analyzers): runs are then `go vet -vettool=VetTool -json
	// VetArgs... .`, which caches dependency facts and results in the go
	// build cache, instead of type-checking all dependencies from source in
	// process on every run. VetArgs are the analyzer flags to pass on.
	VetTool string
	VetArgs []string

	// runHook, if set, is called with "start" and "end" around each
	// analysis run, and "cancel" for a run dropped as stale (tests).
	runHook func(event, key string)
}

// DefaultDebounce is the delay between the last open or save of a package's
// file and the start of its analysis.
const DefaultDebounce = 250 * time.Millisecond

// Serve runs the language server on rwc until the client sends exit, the
// stream ends, or ctx is done. It returns nil after a shutdown request and
// exit notification, as the protocol asks, and an error otherwise.
func Serve(ctx context.Context, rwc io.ReadWriteCloser, opts Options) error {
	if opts.Debounce <= 0 {
		opts.Debounce = DefaultDebounce
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	if opts.Env == nil {
		opts.Env = os.Environ()
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	s := &server{
		opts:   opts,
		log:    log.New(opts.Log, "o11ylint lsp: ", log.LstdFlags),
		ctx:    ctx,
		docs:   make(map[string]*document),
		files:  make(map[string]*fileResult),
		runs:   make(map[string]*runState),
		sem:    make(chan struct{}, 1),
		exited: make(chan struct{}),
	}
	s.conn = jsonrpc2.NewConn(jsonrpc2.NewStream(rwc))
	s.conn.Go(ctx, s.handle)
	select {
	case <-s.conn.Done():
	case <-s.exited:
	case <-ctx.Done():
	}
	ctxErr := ctx.Err() // the caller's cancellation, before ours below
	s.stop()
	cancel() // no more notifications
	s.conn.Close()
	select {
	case <-s.conn.Done():
	case <-time.After(time.Second): // a read of a blocking stdin may outlive Close; the process ends anyway
	}
	s.wg.Wait()
	s.mu.Lock()
	clean := s.shutdown && s.exit
	s.mu.Unlock()
	if clean {
		return nil
	}
	if ctxErr != nil {
		return ctxErr
	}
	if err := s.conn.Err(); err != nil && err != io.EOF && !strings.Contains(err.Error(), "EOF") {
		return fmt.Errorf("connection: %w", err)
	}
	return fmt.Errorf("the client closed the connection without shutdown and exit")
}

type server struct {
	opts Options
	log  *log.Logger
	conn jsonrpc2.Conn
	ctx  context.Context // the server's lifetime

	mu       sync.Mutex
	docs     map[string]*document   // open documents by file name
	files    map[string]*fileResult // last results by file name
	runs     map[string]*runState   // by run key (package directory, test or not)
	shutdown bool                   // shutdown request received
	exit     bool                   // exit notification received
	stopped  bool                   // no new runs
	wg       sync.WaitGroup         // runs in progress

	goEnvOnce sync.Once
	skipDirs  []string // GOROOT and GOMODCACHE, with a trailing separator

	sem    chan struct{} // one analysis at a time
	exited chan struct{} // closed on exit
}

// document is an open buffer.
type document struct {
	uri     protocol.DocumentURI
	version int32
	text    string
}

// stop cancels all runs (pending and in progress) and lets no new one start.
func (s *server) stop() {
	s.mu.Lock()
	s.stopped = true
	for _, st := range s.runs {
		if st.timer != nil {
			st.timer.Stop()
		}
		if st.cancel != nil {
			st.cancel()
		}
	}
	s.mu.Unlock()
}

// handle dispatches one request or notification. It runs on the
// connection's read loop, so it never waits for an analysis.
func (s *server) handle(ctx context.Context, reply jsonrpc2.Replier, req jsonrpc2.Request) error {
	_, isCall := req.(*jsonrpc2.Call)
	s.mu.Lock()
	down := s.shutdown
	s.mu.Unlock()
	if down && req.Method() != protocol.MethodExit {
		if isCall {
			return reply(ctx, nil, jsonrpc2.NewError(jsonrpc2.InvalidRequest, "the server is shutting down"))
		}
		return nil
	}
	switch req.Method() {
	case protocol.MethodInitialize:
		return reply(ctx, s.initialize(), nil)
	case protocol.MethodInitialized:
		return nil
	case protocol.MethodShutdown:
		s.mu.Lock()
		s.shutdown = true
		s.mu.Unlock()
		s.stop()
		return reply(ctx, nil, nil)
	case protocol.MethodExit:
		s.mu.Lock()
		already := s.exit
		s.exit = true
		s.mu.Unlock()
		if !already {
			close(s.exited)
		}
		return nil
	case protocol.MethodTextDocumentDidOpen:
		var p protocol.DidOpenTextDocumentParams
		if err := decode(req, &p); err != nil {
			return s.badParams(ctx, reply, req, err)
		}
		name := filename(p.TextDocument.URI)
		s.mu.Lock()
		s.docs[name] = &document{uri: p.TextDocument.URI, version: p.TextDocument.Version, text: p.TextDocument.Text}
		s.mu.Unlock()
		if s.analyzable(name) {
			s.trigger(name)
		}
		return nil
	case protocol.MethodTextDocumentDidChange:
		var p protocol.DidChangeTextDocumentParams
		if err := decode(req, &p); err != nil {
			return s.badParams(ctx, reply, req, err)
		}
		name := filename(p.TextDocument.URI)
		s.mu.Lock()
		if d := s.docs[name]; d != nil && len(p.ContentChanges) > 0 {
			// Full synchronisation: the last change holds the whole text.
			d.text = p.ContentChanges[len(p.ContentChanges)-1].Text
			d.version = p.TextDocument.Version
		}
		s.mu.Unlock()
		return nil
	case protocol.MethodTextDocumentDidSave:
		var p protocol.DidSaveTextDocumentParams
		if err := decode(req, &p); err != nil {
			return s.badParams(ctx, reply, req, err)
		}
		if name := filename(p.TextDocument.URI); s.analyzable(name) {
			s.trigger(name)
		}
		return nil
	case protocol.MethodTextDocumentDidClose:
		var p protocol.DidCloseTextDocumentParams
		if err := decode(req, &p); err != nil {
			return s.badParams(ctx, reply, req, err)
		}
		s.mu.Lock()
		delete(s.docs, filename(p.TextDocument.URI))
		s.mu.Unlock()
		return nil
	case protocol.MethodTextDocumentCodeAction:
		var p protocol.CodeActionParams
		if err := decode(req, &p); err != nil {
			return s.badParams(ctx, reply, req, err)
		}
		return reply(ctx, s.codeActions(&p), nil)
	}
	if isCall {
		return reply(ctx, nil, jsonrpc2.NewError(jsonrpc2.MethodNotFound, fmt.Sprintf("o11ylint lsp does not implement %s", req.Method())))
	}
	return nil // other notifications ($/cancelRequest, didChangeConfiguration, ...) need nothing
}

func (s *server) badParams(ctx context.Context, reply jsonrpc2.Replier, req jsonrpc2.Request, err error) error {
	s.log.Printf("%s: invalid params: %v", req.Method(), err)
	if _, ok := req.(*jsonrpc2.Call); ok {
		return reply(ctx, nil, jsonrpc2.NewError(jsonrpc2.InvalidParams, err.Error()))
	}
	return nil
}

func decode(req jsonrpc2.Request, v any) error {
	return json.Unmarshal(req.Params(), v)
}

func (s *server) initialize() *protocol.InitializeResult {
	return &protocol.InitializeResult{
		Capabilities: protocol.ServerCapabilities{
			TextDocumentSync: &protocol.TextDocumentSyncOptions{
				OpenClose: true,
				Change:    protocol.TextDocumentSyncKindFull, // to know whether a buffer still holds the analyzed text
				Save:      &protocol.SaveOptions{},
			},
			CodeActionProvider: &protocol.CodeActionOptions{
				CodeActionKinds: []protocol.CodeActionKind{protocol.QuickFix},
			},
		},
		ServerInfo: &protocol.ServerInfo{Name: "o11ylint", Version: s.opts.Version},
	}
}

// logMessage sends a window/logMessage notification (and logs it).
func (s *server) logMessage(typ protocol.MessageType, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	s.log.Print(msg)
	_ = s.conn.Notify(s.ctx, protocol.MethodWindowLogMessage, &protocol.LogMessageParams{Type: typ, Message: "o11ylint: " + msg})
}

// filename returns the file name of a file: URI ("" for another scheme or
// a malformed URI).
func filename(u protocol.DocumentURI) string {
	p, err := url.Parse(string(u))
	if err != nil || p.Scheme != uri.FileScheme || p.Path == "" {
		return ""
	}
	path := p.Path
	if len(path) >= 3 && path[0] == '/' && path[2] == ':' { // /C:/dir on Windows
		path = path[1:]
	}
	return filepath.Clean(filepath.FromSlash(path))
}

// analyzable reports whether file name is a Go file of the user's: not one
// of the standard library or the module cache, which editors open when
// jumping to a definition.
func (s *server) analyzable(name string) bool {
	if !strings.HasSuffix(name, ".go") || !filepath.IsAbs(name) {
		return false
	}
	s.goEnvOnce.Do(func() {
		cmd := exec.Command("go", "env", "GOROOT", "GOMODCACHE")
		cmd.Env = s.opts.Env
		out, err := cmd.Output()
		if err != nil {
			s.log.Printf("go env: %v", err)
			return
		}
		for _, dir := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			if dir = strings.TrimSpace(dir); dir != "" {
				s.skipDirs = append(s.skipDirs, filepath.Clean(dir)+string(filepath.Separator))
			}
		}
	})
	for _, dir := range s.skipDirs {
		if strings.HasPrefix(name, dir) {
			return false
		}
	}
	return true
}
