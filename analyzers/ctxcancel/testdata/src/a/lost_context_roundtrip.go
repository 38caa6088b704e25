package a

import (
	"context"
	"net"
	"net/http"
	"time"
)

// A transport that dials a new connection for each request.
type perRequestTransport struct{ addr string }

// Positive: the dial ignores the request's cancellation: a client that
// gives up still waits for the dial (and its timeout) to finish.
func (t perRequestTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	d := net.Dialer{Timeout: time.Second}
	conn, err := d.DialContext(context.Background(), "tcp", t.addr) // want `context.Background\(\) is passed to Dialer.DialContext although r.Context\(\) is in reach`
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	return nil, nil
}

// Negative: a method named RoundTrip of another shape is no transport.
type rtStep struct{}

func (rtStep) RoundTrip(r *http.Request) error {
	_, err := net.Dial("tcp", r.Host)
	query(context.Background(), r.Host)
	return err
}
