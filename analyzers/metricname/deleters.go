package metricname

import (
	"go/ast"
	"go/types"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/o11ylint/o11ylint/analyzers/internal/apis"
)

// A deleterFact marks a function that deletes series of a metric vector
// passed as one of its parameters (a cleanup helper that takes the vector
// and the labels to remove), so that a call of it in another package gives
// the vector a managed lifecycle as a direct Delete does.
type deleterFact struct {
	Params []deleterParam
}

// A deleterParam is one parameter whose series the function deletes.
// Method is empty when the deletion is certain (the parameter is the
// receiver of a client_golang deletion, or is passed on to such a
// parameter); otherwise the parameter has an interface type and the
// function calls Method on it, which deletes series when the argument's
// own method of that name is a client_golang deletion: the call site
// decides, from the type of the argument it passes.
type deleterParam struct {
	Index  int
	Method string
}

func (*deleterFact) AFact() {}

func (f *deleterFact) String() string {
	var s []string
	for _, p := range f.Params {
		d := strconv.Itoa(p.Index)
		if p.Method != "" {
			d += "." + p.Method
		}
		s = append(s, d)
	}
	return "deletes series of params " + strings.Join(s, ", ")
}

// deleters finds the functions of the package that delete series of a
// vector parameter, and exports a deleterFact for the exported ones. A
// function deletes series of its parameter when it passes it to a
// deletion (the receiver of DeleteLabelValues, an argument of another
// deleter) or stores it in a struct field whose series the package
// deletes (a constructor that keeps the vector in the object that cleans
// up after it). A function literal, a parameter that is reassigned before
// the call, and a deletion on a value derived from the parameter (a field
// of it) are not followed.
func (c *checker) deleters(ins *inspector.Inspector, deletes *apis.Matcher[int]) map[*types.Func][]deleterParam {
	type body struct {
		fn     *types.Func
		decl   *ast.FuncDecl
		params map[types.Object]int
	}
	var bodies []body
	for cur := range ins.Root().Preorder((*ast.FuncDecl)(nil)) {
		decl := cur.Node().(*ast.FuncDecl)
		fn, ok := c.pass.TypesInfo.Defs[decl.Name].(*types.Func)
		if !ok || decl.Body == nil {
			continue
		}
		params := make(map[types.Object]int)
		sig := fn.Signature()
		for i := range sig.Params().Len() {
			params[sig.Params().At(i)] = i
		}
		bodies = append(bodies, body{fn, decl, params})
	}
	found := make(map[*types.Func][]deleterParam)
	deletedFields := make(map[types.Object]bool)
	for changed := true; changed; {
		changed = false
		for _, b := range bodies {
			// add records that b deletes series of what e denotes: of a
			// parameter, or of a field.
			add := func(e ast.Expr, method string) {
				if id, ok := apis.Unparen(e).(*ast.Ident); ok {
					if i, ok := b.params[c.pass.TypesInfo.Uses[id]]; ok && !deletesAt(b.fn, i, found) {
						found[b.fn] = append(found[b.fn], deleterParam{Index: i, Method: method})
						changed = true
					}
					return
				}
				if o := lhsObject(c.pass.TypesInfo, e); o != nil && method == "" && isField(o) && !deletedFields[o] {
					deletedFields[o] = true
					changed = true
				}
			}
			ast.Inspect(b.decl.Body, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.CallExpr:
					for _, p := range c.deletedArgs(n, deletes, found) {
						add(p.arg, p.method)
					}
				case *ast.KeyValueExpr:
					if id, ok := n.Key.(*ast.Ident); ok && deletedFields[c.pass.TypesInfo.Uses[id]] {
						add(n.Value, "")
					}
				case *ast.AssignStmt:
					for i, l := range n.Lhs {
						if o := lhsObject(c.pass.TypesInfo, l); o != nil && deletedFields[o] && len(n.Rhs) == len(n.Lhs) {
							add(n.Rhs[i], "")
						}
					}
				}
				return true
			})
		}
	}
	for fn, ps := range found {
		if fn.Exported() {
			c.pass.ExportObjectFact(fn, &deleterFact{Params: ps})
		}
	}
	return found
}

// isField reports whether o is a struct field.
func isField(o types.Object) bool {
	v, ok := o.(*types.Var)
	return ok && v.IsField()
}

// deletesAt reports whether fn is already known to delete series of its
// parameter i.
func deletesAt(fn *types.Func, i int, found map[*types.Func][]deleterParam) bool {
	return slices.ContainsFunc(found[fn], func(p deleterParam) bool { return p.Index == i })
}

// A deletedArg is an argument (or receiver) of a call whose series the
// call deletes: certainly when method is empty, or when the argument's
// own method of that name deletes series.
type deletedArg struct {
	arg    ast.Expr
	method string
}

// deletedArgs returns the expressions whose series call deletes: the
// receiver of a client_golang deletion or of an interface method that a
// deletion can implement (deletionShaped), and the
// arguments a deleter (of this package, found so far, or by its fact)
// deletes. An argument passed to a deleter's interface parameter counts
// when its type's method of that name is a client_golang deletion.
func (c *checker) deletedArgs(call *ast.CallExpr, deletes *apis.Matcher[int], found map[*types.Func][]deleterParam) []deletedArg {
	fn := apis.Callee(c.pass.TypesInfo, call)
	if fn == nil {
		return nil
	}
	if sel, ok := apis.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if _, ok := deletes.Lookup(fn); ok {
			return []deletedArg{{arg: sel.X}}
		}
		if recv := fn.Signature().Recv(); recv != nil && types.IsInterface(recv.Type()) && c.deletionShaped(fn) {
			return []deletedArg{{arg: sel.X, method: fn.Name()}}
		}
	}
	params, ok := found[fn]
	if !ok && fn.Pkg() != c.pass.Pkg {
		var f deleterFact
		if c.pass.ImportObjectFact(fn, &f) {
			params = f.Params
		}
	}
	var out []deletedArg
	for _, p := range params {
		if p.Index >= len(call.Args) || call.Ellipsis.IsValid() && p.Index == len(call.Args)-1 {
			continue
		}
		a := call.Args[p.Index]
		switch {
		case p.Method == "":
			out = append(out, deletedArg{arg: a})
		case c.methodDeletes(a, p.Method, deletes):
			out = append(out, deletedArg{arg: a})
		case types.IsInterface(c.pass.TypesInfo.TypeOf(a)):
			out = append(out, deletedArg{arg: a, method: p.Method})
		}
	}
	return out
}

// methodDeletes reports whether the method named name of the static type
// of e is a client_golang deletion.
func (c *checker) methodDeletes(e ast.Expr, name string, deletes *apis.Matcher[int]) bool {
	t := c.pass.TypesInfo.TypeOf(e)
	if t == nil || types.IsInterface(t) {
		return false
	}
	obj, _, _ := types.LookupFieldOrMethod(t, true, c.pass.Pkg, name)
	m, ok := obj.(*types.Func)
	if !ok {
		return false
	}
	_, ok = deletes.Lookup(m)
	return ok
}

// deletionShaped reports whether the interface method m can be implemented
// by a client_golang deletion: one of them has its name and signature. The
// deletions are resolved once per package, and only when a method of such
// a name is met.
func (c *checker) deletionShaped(m *types.Func) bool {
	if !deletionNames[m.Name()] {
		return false
	}
	if c.deletionMethods == nil {
		c.deletionMethods = c.resolveDeletions()
	}
	for _, f := range c.deletionMethods[m.Name()] {
		if types.Identical(f.Signature(), m.Signature()) {
			return true // receivers are ignored by Identical
		}
	}
	return false
}

// deletionNames are the method names of apis.VecDeletes.
var deletionNames = func() map[string]bool {
	names := make(map[string]bool)
	for key := range apis.VecDeletes {
		if _, name, ok := strings.Cut(key, ")."); ok {
			names[name] = true
		}
	}
	return names
}()

// resolveDeletions finds the methods of apis.VecDeletes among the
// packages this one imports, by name.
func (c *checker) resolveDeletions() map[string][]*types.Func {
	out := make(map[string][]*types.Func)
	for key := range apis.VecDeletes {
		recv, name, ok := strings.Cut(strings.TrimPrefix(key, "(*"), ").")
		if !ok {
			continue
		}
		dot := strings.LastIndex(recv, ".")
		if dot < 0 {
			continue
		}
		path, typeName := recv[:dot], recv[dot+1:]
		pkg := apis.ImportedPackage(c.pass.Pkg, func(p string) bool { return p == path })
		if pkg == nil {
			continue
		}
		tn, ok := pkg.Scope().Lookup(typeName).(*types.TypeName)
		if !ok {
			continue
		}
		obj, _, _ := types.LookupFieldOrMethod(types.NewPointer(tn.Type()), true, pkg, name)
		if f, ok := obj.(*types.Func); ok {
			out[name] = append(out[name], f)
		}
	}
	return out
}
