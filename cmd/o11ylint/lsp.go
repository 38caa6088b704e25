package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/o11ylint/o11ylint/lsp"
	"github.com/o11ylint/o11ylint/suite"
)

// lspMain runs `o11ylint lsp [flags]`: a language server over stdin and
// stdout (see package lsp and docs/editors.md). It returns the exit status.
func lspMain(args []string) int {
	opts, err := lsp.ParseArgs(args, suite.Analyzers(), os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "o11ylint lsp:", err)
		return 2
	}
	opts.Version = version()
	opts.Log = os.Stderr
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := lsp.Serve(ctx, stdio{}, opts); err != nil {
		fmt.Fprintln(os.Stderr, "o11ylint lsp:", err)
		return 1
	}
	return 0
}

// stdio is the server's end of the stream: stdin and stdout.
type stdio struct{}

func (stdio) Read(p []byte) (int, error)  { return os.Stdin.Read(p) }
func (stdio) Write(p []byte) (int, error) { return os.Stdout.Write(p) }
func (stdio) Close() error {
	err := os.Stdin.Close()
	if err2 := os.Stdout.Close(); err == nil {
		err = err2
	}
	return err
}
