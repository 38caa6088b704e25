package main_test

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// TestLSPSubcommand starts `o11ylint lsp` as an editor would, on stdio, opens
// a file of the end-to-end module and expects the finding of want.txt as a
// diagnostic; then shutdown and exit end the process with status 0.
// (Package lsp has the detailed protocol tests and the Neovim test.)
func TestLSPSubcommand(t *testing.T) {
	if src, err := os.ReadFile("main.go"); err != nil || !strings.Contains(string(src), "lspMain(") {
		t.Skip("main.go does not dispatch `o11ylint lsp` to lspMain yet")
	}
	dir := fixture(t)
	cmd := exec.Command(bin, "lsp", "-debounce=50ms")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()

	diags := make(chan protocol.PublishDiagnosticsParams, 10)
	conn := jsonrpc2.NewConn(jsonrpc2.NewStream(pipe{stdout, stdin}))
	conn.Go(context.Background(), func(ctx context.Context, reply jsonrpc2.Replier, req jsonrpc2.Request) error {
		if req.Method() == protocol.MethodTextDocumentPublishDiagnostics {
			var p protocol.PublishDiagnosticsParams
			_ = json.Unmarshal(req.Params(), &p)
			diags <- p
		}
		return reply(ctx, nil, nil)
	})
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var init protocol.InitializeResult
	if _, err := conn.Call(ctx, protocol.MethodInitialize, &protocol.InitializeParams{}, &init); err != nil {
		t.Fatalf("initialize: %v\n%s", err, stderr.String())
	}
	if init.ServerInfo == nil || init.ServerInfo.Name != "o11ylint" {
		t.Errorf("serverInfo %+v", init.ServerInfo)
	}
	file := filepath.Join(dir, "app", "app.go")
	text, _ := os.ReadFile(file)
	u := uri.File(file)
	conn.Notify(ctx, protocol.MethodTextDocumentDidOpen, &protocol.DidOpenTextDocumentParams{
		TextDocument: protocol.TextDocumentItem{URI: u, LanguageID: "go", Version: 1, Text: string(text)},
	})
	var got []protocol.Diagnostic
	for got == nil {
		select {
		case p := <-diags:
			if p.URI == u {
				got = p.Diagnostics
			}
		case <-ctx.Done():
			t.Fatalf("no diagnostics for app.go\n%s", stderr.String())
		}
	}
	// want.txt: app/app.go:11:21 (ASCII, so the UTF-16 column is the byte column).
	if len(got) != 1 || got[0].Range.Start != (protocol.Position{Line: 10, Character: 20}) || got[0].Code != "SA1012" {
		t.Errorf("diagnostics for app.go: %+v", got)
	}
	if _, err := conn.Call(ctx, protocol.MethodShutdown, nil, nil); err != nil {
		t.Fatal(err)
	}
	conn.Notify(ctx, protocol.MethodExit, nil)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("o11ylint lsp after shutdown and exit: %v\n%s", err, stderr.String())
		}
	case <-time.After(30 * time.Second):
		t.Error("o11ylint lsp did not exit")
	}
}

// pipe joins the server's stdout (read) and stdin (write).
type pipe struct {
	io.ReadCloser
	w io.WriteCloser
}

func (p pipe) Write(b []byte) (int, error) { return p.w.Write(b) }
func (p pipe) Close() error {
	p.w.Close()
	return p.ReadCloser.Close()
}
