package apis

// A PathEndKind says why a call ends the path it is on, for analyses that
// follow a function's control flow to its returns.
type PathEndKind int

const (
	PathExits      PathEndKind = iota + 1 // the call does not return (os.Exit, log.Fatal, t.FailNow, runtime.Goexit)
	PathTestFailed                        // the call marks a test failed (t.Error): what follows is a failure path
)

// PathEnds are the calls after which a function's path is not a normal
// return: the process or goroutine ends, or the test has already failed.
var PathEnds = Table[PathEndKind]{
	"os.Exit":                   PathExits,
	"runtime.Goexit":            PathExits,
	"log.Fatal":                 PathExits,
	"log.Fatalf":                PathExits,
	"log.Fatalln":               PathExits,
	"log.Panic":                 PathExits,
	"log.Panicf":                PathExits,
	"log.Panicln":               PathExits,
	"(*log.Logger).Fatal":       PathExits,
	"(*log.Logger).Fatalf":      PathExits,
	"(*log.Logger).Fatalln":     PathExits,
	"(*log.Logger).Panic":       PathExits,
	"(*log.Logger).Panicf":      PathExits,
	"(*log.Logger).Panicln":     PathExits,
	"(*testing.common).Fatal":   PathExits,
	"(*testing.common).Fatalf":  PathExits,
	"(*testing.common).FailNow": PathExits,
	"(*testing.common).Skip":    PathExits,
	"(*testing.common).Skipf":   PathExits,
	"(*testing.common).SkipNow": PathExits,
	"(testing.TB).Fatal":        PathExits,
	"(testing.TB).Fatalf":       PathExits,
	"(testing.TB).FailNow":      PathExits,
	"(testing.TB).Skip":         PathExits,
	"(testing.TB).Skipf":        PathExits,
	"(testing.TB).SkipNow":      PathExits,
	"(*testing.common).Error":   PathTestFailed,
	"(*testing.common).Errorf":  PathTestFailed,
	"(*testing.common).Fail":    PathTestFailed,
	"(testing.TB).Error":        PathTestFailed,
	"(testing.TB).Errorf":       PathTestFailed,
	"(testing.TB).Fail":         PathTestFailed,
}

// PathEndPkgs are packages whose functions end a test when they fail
// (testify's require calls t.FailNow). A path through any of their calls is
// taken as a possible test failure: analyses that look for a bad return
// path do not follow it. This list has no rows to resolve: the packages are
// not dependencies of o11ylint.
var PathEndPkgs = []string{
	"github.com/stretchr/testify/require",
}

// ProcessExits are the calls that end the process as the work a function
// does (a shutdown), not on an error: log.Fatal and t.Fatal are left out.
var ProcessExits = Table[struct{}]{
	"os.Exit":      {},
	"syscall.Exit": {},
}
