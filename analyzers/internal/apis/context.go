package apis

import "go/types"

// Package paths of the concurrency APIs.
const (
	ContextPkg  = "context"
	ErrgroupPkg = "golang.org/x/sync/errgroup"
	SignalPkg   = "os/signal"
	HTTPPkg     = "net/http"
)

// A CancelCtor describes a function that derives a context and returns a
// function that releases it.
type CancelCtor struct {
	Parent int // index of the parent context parameter
	Ctx    int // index of the derived context among the results
	Cancel int // index of the cancel function among the results
}

// CancelCtors are the functions whose cancel result must be called.
var CancelCtors = Table[CancelCtor]{
	"context.WithCancel":        {Parent: 0, Ctx: 0, Cancel: 1},
	"context.WithCancelCause":   {Parent: 0, Ctx: 0, Cancel: 1},
	"context.WithTimeout":       {Parent: 0, Ctx: 0, Cancel: 1},
	"context.WithTimeoutCause":  {Parent: 0, Ctx: 0, Cancel: 1},
	"context.WithDeadline":      {Parent: 0, Ctx: 0, Cancel: 1},
	"context.WithDeadlineCause": {Parent: 0, Ctx: 0, Cancel: 1},
	"os/signal.NotifyContext":   {Parent: 0, Ctx: 0, Cancel: 1},
}

// A CtxDerive describes a function that returns a context derived from a
// parent context argument (with or without a cancel function).
type CtxDerive struct {
	Parent int  // index of the parent context parameter
	Ctx    int  // index of the derived context among the results
	Value  bool // the derivation attaches a value (WithValue)
	Detach bool // the result is not cancelled with its parent (WithoutCancel)
}

// CtxDerivers lists every standard function that derives a context from a
// parent, including the CancelCtors.
var CtxDerivers = Table[CtxDerive]{
	"context.WithValue":                      {Parent: 0, Value: true},
	"context.WithoutCancel":                  {Parent: 0, Detach: true},
	"context.WithCancel":                     {Parent: 0},
	"context.WithCancelCause":                {Parent: 0},
	"context.WithTimeout":                    {Parent: 0},
	"context.WithTimeoutCause":               {Parent: 0},
	"context.WithDeadline":                   {Parent: 0},
	"context.WithDeadlineCause":              {Parent: 0},
	"os/signal.NotifyContext":                {Parent: 0},
	"golang.org/x/sync/errgroup.WithContext": {Parent: 0, Ctx: 1},
}

// A GroupCtor describes a function that makes a group of goroutines
// together with a context that the group cancels as soon as one of its
// goroutines returns an error.
type GroupCtor struct {
	Parent int // index of the parent context parameter
	Group  int // index of the group among the results
	Ctx    int // index of the group's context among the results
}

// GroupCtors are the functions that make a group with its own context.
var GroupCtors = Table[GroupCtor]{
	"golang.org/x/sync/errgroup.WithContext": {Parent: 0, Group: 0, Ctx: 1},
}

// CtxRoots are the functions that return a fresh, never-cancelled root context.
var CtxRoots = Table[struct{}]{
	"context.Background": {},
	"context.TODO":       {},
}

// A CtxSignal is a way to observe that a context is done.
type CtxSignal struct {
	Chan bool // the method returns a channel that is closed when done (Done)
}

// CtxSignals are the methods that observe cancellation of a context.
var CtxSignals = Table[CtxSignal]{
	"(context.Context).Done": {Chan: true},
	"(context.Context).Err":  {},
	"context.Cause":          {},
	"context.AfterFunc":      {},
}

// A CtxReader is a function that reads its context argument only for the
// values it carries (the current span, baggage, request-scoped log
// attributes) and never waits on its cancellation. Ctx is the index of the
// context parameter (receivers not counted).
type CtxReader struct {
	Ctx int
}

// CtxValueReaders are the functions whose context argument only carries
// values: passing a root context to one loses log and trace correlation,
// not cancellation.
var CtxValueReaders = Table[CtxReader]{
	OTelTracePkg + ".SpanFromContext":                            {Ctx: 0},
	OTelTracePkg + ".SpanContextFromContext":                     {Ctx: 0},
	"(" + OTelTracePkg + ".Tracer).Start":                        {Ctx: 0},
	"go.opentelemetry.io/otel/baggage.FromContext":               {Ctx: 0},
	OpenTracingPkg + ".SpanFromContext":                          {Ctx: 0},
	OpenTracingPkg + ".StartSpanFromContext":                     {Ctx: 0},
	"log/slog.DebugContext":                                      {Ctx: 0},
	"log/slog.InfoContext":                                       {Ctx: 0},
	"log/slog.WarnContext":                                       {Ctx: 0},
	"log/slog.ErrorContext":                                      {Ctx: 0},
	"log/slog.Log":                                               {Ctx: 0},
	"log/slog.LogAttrs":                                          {Ctx: 0},
	"(*log/slog.Logger).DebugContext":                            {Ctx: 0},
	"(*log/slog.Logger).InfoContext":                             {Ctx: 0},
	"(*log/slog.Logger).WarnContext":                             {Ctx: 0},
	"(*log/slog.Logger).ErrorContext":                            {Ctx: 0},
	"(*log/slog.Logger).Log":                                     {Ctx: 0},
	"(*log/slog.Logger).LogAttrs":                                {Ctx: 0},
	"(*log/slog.Logger).Enabled":                                 {Ctx: 0},
	"(go.opentelemetry.io/otel/metric.Int64Counter).Add":         {Ctx: 0},
	"(go.opentelemetry.io/otel/metric.Float64Counter).Add":       {Ctx: 0},
	"(go.opentelemetry.io/otel/metric.Int64UpDownCounter).Add":   {Ctx: 0},
	"(go.opentelemetry.io/otel/metric.Float64UpDownCounter).Add": {Ctx: 0},
	"(go.opentelemetry.io/otel/metric.Int64Histogram).Record":    {Ctx: 0},
	"(go.opentelemetry.io/otel/metric.Float64Histogram).Record":  {Ctx: 0},
	"(go.opentelemetry.io/otel/metric.Int64Gauge).Record":        {Ctx: 0},
	"(go.opentelemetry.io/otel/metric.Float64Gauge).Record":      {Ctx: 0},
}

// RequestCtx is the method that returns an HTTP request's context, which is
// cancelled when the handler returns.
var RequestCtx = Table[struct{}]{
	"(*net/http.Request).Context": {},
}

// CtxReplacers are the methods that return a copy of a request carrying the
// given context instead of its own: a root context passed to one is a
// deliberate detachment from the caller.
var CtxReplacers = Table[struct{}]{
	"(*net/http.Request).Clone":       {},
	"(*net/http.Request).WithContext": {},
}

// A JoinKind says how a Joiner row takes part in waiting for goroutines.
type JoinKind int

const (
	JoinStart JoinKind = iota + 1 // starts a joined goroutine (errgroup.Group.Go, WaitGroup.Go)
	JoinAdd                       // registers work (WaitGroup.Add)
	JoinDone                      // reports work done (WaitGroup.Done)
	JoinWait                      // waits for all registered work (Wait)
)

// Joiners are the APIs that join goroutines.
var Joiners = Table[JoinKind]{
	"(*sync.WaitGroup).Add":                     JoinAdd,
	"(*sync.WaitGroup).Done":                    JoinDone,
	"(*sync.WaitGroup).Wait":                    JoinWait,
	"(*sync.WaitGroup).Go":                      JoinStart,
	"(*golang.org/x/sync/errgroup.Group).Go":    JoinStart,
	"(*golang.org/x/sync/errgroup.Group).TryGo": JoinStart,
	"(*golang.org/x/sync/errgroup.Group).Wait":  JoinWait,
}

// A TimerKind says what a Timers row creates.
type TimerKind int

const (
	TimerOnce    TimerKind = iota + 1 // a channel that fires once (time.After)
	TimerTick                         // a channel that fires forever and cannot be stopped (time.Tick)
	TimerStopper                      // a Timer or Ticker that must be stopped
)

// NilChanTimers are the constructors of timers whose C field is nil: the
// function given to them runs instead of a send.
var NilChanTimers = Table[struct{}]{
	"time.AfterFunc": {},
}

// Timers are the time package's channel makers.
var Timers = Table[TimerKind]{
	"time.After":     TimerOnce,
	"time.Tick":      TimerTick,
	"time.NewTimer":  TimerStopper,
	"time.NewTicker": TimerStopper,
}

// A CtxBound describes a function whose result stays tied to a context
// after the call returns: the context argument (or the context that an
// argument is itself bound to) keeps governing what the caller does with
// the result. Once that context is cancelled, using the result fails.
type CtxBound struct {
	Arg      int      // index of the context argument, or of the bound argument when ViaArg
	ViaArg   bool     // the result is bound to whatever context the argument at Arg is bound to
	Result   int      // index of the bound value among the results
	Finished []string // methods and fields whose use in the function means it is done with the value
	Effect   string   // what a user of the value meets once the context is cancelled

	// Method is the index of an HTTP method argument, or 0 when there is
	// none (the context comes first): a request made for HEAD has a
	// response without a body, nothing to read once the context is gone.
	Method int
}

// CtxBoundResults are the standard functions whose results keep using the
// context they were made with (net.Dialer.DialContext and
// grpc.DialContext are not here: their context ends with the call).
var CtxBoundResults = Table[CtxBound]{
	"net/http.NewRequestWithContext":    {Arg: 0, Method: 1, Effect: "sending the request fails at once with context canceled"},
	"(*net/http.Request).WithContext":   {Arg: 0, Effect: "sending the request fails at once with context canceled"},
	"(*net/http.Request).Clone":         {Arg: 0, Effect: "sending the request fails at once with context canceled"},
	"(*net/http.Client).Do":             {Arg: 0, ViaArg: true, Finished: []string{"Body"}, Effect: "reading its Body fails with context canceled"},
	"(*net/http.Transport).RoundTrip":   {Arg: 0, ViaArg: true, Finished: []string{"Body"}, Effect: "reading its Body fails with context canceled"},
	"(net/http.RoundTripper).RoundTrip": {Arg: 0, ViaArg: true, Finished: []string{"Body"}, Effect: "reading its Body fails with context canceled"},
	"(*database/sql.DB).QueryContext":   {Arg: 0, Finished: []string{"Next", "NextResultSet", "Close"}, Effect: "the rows are closed and Next stops early with context canceled in Err"},
	"(*database/sql.Conn).QueryContext": {Arg: 0, Finished: []string{"Next", "NextResultSet", "Close"}, Effect: "the rows are closed and Next stops early with context canceled in Err"},
	"(*database/sql.Tx).QueryContext":   {Arg: 0, Finished: []string{"Next", "NextResultSet", "Close"}, Effect: "the rows are closed and Next stops early with context canceled in Err"},
	"(*database/sql.Stmt).QueryContext": {Arg: 0, Finished: []string{"Next", "NextResultSet", "Close"}, Effect: "the rows are closed and Next stops early with context canceled in Err"},
	"(*database/sql.DB).BeginTx":        {Arg: 0, Finished: []string{"Commit", "Rollback"}, Effect: "the transaction is rolled back and every later statement and Commit fails"},
	"(*database/sql.Conn).BeginTx":      {Arg: 0, Finished: []string{"Commit", "Rollback"}, Effect: "the transaction is rolled back and every later statement and Commit fails"},
	"os/exec.CommandContext":            {Arg: 0, Finished: []string{"Run", "Output", "CombinedOutput", "Wait"}, Effect: "starting the command fails, and a running process is killed"},
}

// IsRoundTrip reports whether a method named name with signature sig is
// the RoundTrip of an http.RoundTripper: RoundTrip(*http.Request)
// (*http.Response, error). The request it gets is one the program sends,
// served under the request's own context.
func IsRoundTrip(name string, sig *types.Signature) bool {
	if name != "RoundTrip" || sig.Recv() == nil || sig.Params().Len() != 1 || sig.Results().Len() != 2 {
		return false
	}
	return isPtrTo(sig.Params().At(0).Type(), HTTPPkg, "Request") && isPtrTo(sig.Results().At(0).Type(), HTTPPkg, "Response")
}

// isPtrTo reports whether t is *path.name.
func isPtrTo(t types.Type, path, name string) bool {
	p, ok := t.(*types.Pointer)
	if !ok {
		return false
	}
	n, ok := types.Unalias(p.Elem()).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == path && n.Obj().Name() == name
}
