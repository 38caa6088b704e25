package a

import (
	"context"
	"database/sql"
	"encoding/json"
	"io"
	"net/http"
	"os/exec"
	"time"
)

// The response's body is read through the request's context: once the
// deferred cancel runs, the caller's read fails.
func fetchWithTimeout(ctx context.Context, client *http.Client, url string) (*http.Response, error) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, io.ErrUnexpectedEOF
	}
	return resp, nil // want `resp is returned but is tied to ctx \(made at line 18\) and cancel is deferred \(line 17\): once the function returns, reading its Body fails with context canceled`
}

// The timeout is set only on one branch, on a request made before it; on
// that branch the caller gets a dead response.
func fetchMaybeTimeout(ctx context.Context, req *http.Request, timeout time.Duration) (*http.Response, error) {
	if timeout > 0 {
		ctx, cancel := context.WithTimeout(ctx, timeout)
		defer cancel()
		req = req.WithContext(ctx)
	} else {
		req = req.WithContext(ctx)
	}
	req.Header.Set("Accept", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	return resp, nil // want `resp is returned but is tied to ctx`
}

func queryRecent(ctx context.Context, db *sql.DB) (*sql.Rows, error) {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	return db.QueryContext(ctx, "SELECT 1") // want `the result is returned but is tied to ctx \(made at line 53\)`
}

func queryRecentVar(ctx context.Context, db *sql.DB) (*sql.Rows, error) {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	rows, err := db.QueryContext(ctx, "SELECT id FROM t")
	return rows, err // want `rows is returned but is tied to ctx .* the rows are closed and Next stops early`
}

func beginWithTimeout(ctx context.Context, db *sql.DB) (*sql.Tx, error) {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	return tx, nil // want `tx is returned but is tied to ctx .* the transaction is rolled back`
}

func startCommand(ctx context.Context) (*exec.Cmd, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	cmd := exec.CommandContext(ctx, "sleep", "10")
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	return cmd, nil // want `cmd is returned but is tied to ctx .* a running process is killed`
}

// Negative: the body is read and closed before the function returns; the
// caller only looks at the status.
func fetchAndDecode(ctx context.Context, client *http.Client, url string, v any) (*http.Response, error) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return resp, json.NewDecoder(resp.Body).Decode(v)
}

// Negative: the response is handed to a function that reads it.
func fetchAndCheck(ctx context.Context, client *http.Client, req *http.Request) (*http.Response, error) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	resp, err := client.Do(req.WithContext(ctx))
	if err != nil {
		return nil, err
	}
	if err := drain(resp); err != nil {
		return nil, err
	}
	return resp, nil
}

func drain(resp *http.Response) error {
	_, err := io.Copy(io.Discard, resp.Body)
	return err
}

// Negative: the request carries the caller's context, not the one
// cancelled on return.
func fetchCallerCtx(ctx context.Context, client *http.Client, url string) (*http.Response, error) {
	tctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	if err := ping(tctx); err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := client.Do(req)
	return resp, err
}

func ping(ctx context.Context) error { return ctx.Err() }

// Negative: the command has run to completion before it is returned.
func runCommand(ctx context.Context) (*exec.Cmd, error) {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "true")
	err := cmd.Run()
	return cmd, err
}

// Negative: the transaction is committed before it is returned.
func commitAndReturn(ctx context.Context, db *sql.DB) (*sql.Tx, error) {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	return tx, tx.Commit()
}

// Negative: the variable is reassigned to a response made with a context
// that outlives the function before it is returned.
func fetchRetryDetached(ctx context.Context, client *http.Client, url string) (*http.Response, error) {
	tctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(tctx, http.MethodHead, url, nil)
	resp, err := client.Do(req)
	if err == nil {
		resp.Body.Close()
	}
	req, _ = http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	resp, err = client.Do(req)
	return resp, err
}

// Negative: the response to a HEAD request has no body to read.
func headWithTimeout(ctx context.Context, client *http.Client, url string) (*http.Response, error) {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodHead, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := client.Do(req)
	return resp, err
}
