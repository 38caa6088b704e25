package apis

import (
	"go/types"
	"strings"
)

// A Table maps full function names to rows of knowledge about them.
type Table[R any] map[string]R

// Lookup returns the row for fn, matching its full name exactly.
// It does not match implementations of interface methods; use a Matcher.
func (t Table[R]) Lookup(fn *types.Func) (R, bool) {
	r, ok := t[FullName(fn)]
	return r, ok
}

// A Matcher looks up rows for functions, and for a method of a concrete type
// also the row of an interface method it implements. It caches per
// receiver type; make one per analysis pass (no global state).
type Matcher[R any] struct {
	table  Table[R]
	pkgs   map[string]bool       // packages declaring a row's function or method
	ifaces map[string][]ifaceRow // method name -> interface rows with that method
	cache  map[*types.Func]result[R]
}

type ifaceRow struct {
	key      string // full name of the interface method
	pkgPath  string // package declaring the interface
	typeName string // interface type name
}

type result[R any] struct {
	row R
	ok  bool
}

// NewMatcher returns a Matcher over t.
func NewMatcher[R any](t Table[R]) *Matcher[R] {
	m := &Matcher[R]{table: t, pkgs: make(map[string]bool), ifaces: make(map[string][]ifaceRow), cache: make(map[*types.Func]result[R])}
	for key := range t {
		m.pkgs[keyPackage(key)] = true
		pkgPath, typeName, method, ok := splitMethodKey(key)
		if !ok {
			continue
		}
		m.ifaces[method] = append(m.ifaces[method], ifaceRow{key, pkgPath, typeName})
	}
	return m
}

// keyPackage returns the path of the package declaring a key's function or
// method: "context" for "context.WithCancel" and "(context.Context).Done",
// "sync" for "(*sync.Mutex).Lock".
func keyPackage(key string) string {
	if strings.HasPrefix(key, "(") {
		if close := strings.Index(key, ")."); close >= 0 {
			key = strings.TrimPrefix(key[1:close], "*")
		}
	}
	if dot := strings.LastIndex(key, "."); dot >= 0 {
		return key[:dot]
	}
	return key
}

// MayMatch reports, without building fn's full name, whether Lookup can
// find a row for fn: fn belongs to a package that declares a row, or it is
// a method named like an interface method of a row. A fast filter for
// callers that test every function a package refers to.
func (m *Matcher[R]) MayMatch(fn *types.Func) bool {
	if fn == nil {
		return false
	}
	if fn.Pkg() != nil && m.pkgs[fn.Pkg().Path()] {
		return true
	}
	_, named := m.ifaces[fn.Name()]
	return named
}

// splitMethodKey splits "(pkg/path.Type).Method" (no pointer star: only
// value-receiver keys can name interface methods).
func splitMethodKey(key string) (pkgPath, typeName, method string, ok bool) {
	if !strings.HasPrefix(key, "(") || strings.HasPrefix(key, "(*") {
		return "", "", "", false
	}
	close := strings.Index(key, ").")
	if close < 0 {
		return "", "", "", false
	}
	recv, method := key[1:close], key[close+2:]
	dot := strings.LastIndex(recv, ".")
	if dot < 0 {
		return "", "", "", false
	}
	return recv[:dot], recv[dot+1:], method, true
}

// Lookup returns the row for fn: by exact full name, or, for a method of a
// concrete type, the row of an interface method of the same name that the
// receiver type implements.
func (m *Matcher[R]) Lookup(fn *types.Func) (R, bool) {
	if fn == nil {
		var zero R
		return zero, false
	}
	fn = fn.Origin()
	if r, ok := m.cache[fn]; ok {
		return r.row, r.ok
	}
	row, ok := m.lookup(fn)
	m.cache[fn] = result[R]{row, ok}
	return row, ok
}

func (m *Matcher[R]) lookup(fn *types.Func) (R, bool) {
	if r, ok := m.table[fn.FullName()]; ok {
		return r, true
	}
	var zero R
	sig, _ := fn.Type().(*types.Signature)
	if sig == nil || sig.Recv() == nil {
		return zero, false
	}
	recv := sig.Recv().Type()
	if types.IsInterface(recv) {
		// An interface that embeds a known interface: its method object is
		// the embedded one, which the exact lookup above already tried.
		return zero, false
	}
	for _, ir := range m.ifaces[fn.Name()] {
		iface := findInterface(fn.Pkg(), ir.pkgPath, ir.typeName)
		if iface == nil {
			continue
		}
		if types.Implements(recv, iface) || types.Implements(types.NewPointer(recv), iface) {
			return m.table[ir.key], true
		}
	}
	return zero, false
}

// findInterface finds the named interface type among pkg and its imports
// (transitively, as far as the type checker recorded them).
func findInterface(pkg *types.Package, path, name string) *types.Interface {
	p := ImportedPackage(pkg, func(p string) bool { return p == path })
	if p == nil {
		return nil
	}
	tn, _ := p.Scope().Lookup(name).(*types.TypeName)
	if tn == nil {
		return nil
	}
	iface, _ := tn.Type().Underlying().(*types.Interface)
	return iface
}
