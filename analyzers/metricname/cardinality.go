package metricname

import (
	"fmt"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/o11ylint/o11ylint/analyzers/internal/apis"
	"github.com/o11ylint/o11ylint/analyzers/internal/lazyssa"
	"github.com/o11ylint/o11ylint/analyzers/internal/origin"
)

// formatters are the functions whose format argument parseVMFormat reads
// when they build a VictoriaMetrics/metrics name: the index of the format
// and of the variadic arguments.
var formatters = apis.Table[[2]int]{
	"fmt.Sprintf": {0, 1},
}

// valueSite is one call that supplies label values, metric names or
// attributes, seen in SSA.
type valueSite struct {
	call   ssa.CallInstruction
	callee *types.Func
	recv   ssa.Value   // receiver of a method call, or nil
	args   []ssa.Value // arguments, without the receiver
}

// highCardinalityLabelValues reports label values, attribute values and
// run-time metric names whose origin is unbounded or identifier-like
// (rule high-cardinality-label), at the calls that supply them:
// WithLabelValues, With(prometheus.Labels{...}), GetMetricWith*, CurryWith,
// MustNewConstMetric and friends; metric.WithAttributes(attribute.X(k, v))
// and WithAttributeSet(attribute.NewSet(...)); a VictoriaMetrics/metrics
// name formatted with fmt.Sprintf; and any metric or instrument name that is
// built at run time. The origin analysis decides: constants, choices among
// constants, r.Method, status codes, functions returning constants are
// bounded, and a value it knows nothing about is never reported.
func (c *checker) highCardinalityLabelValues(defs []*definition) {
	info := lazyssa.Of(c.pass)
	byPos := make(map[token.Pos]*definition, len(defs))
	for _, d := range defs {
		byPos[d.call.Lparen] = d
	}
	funcs := info.SrcFuncs
	if init := info.Pkg.Func("init"); init != nil {
		funcs = append(funcs[:len(funcs):len(funcs)], init)
	}
	stored := storedDefinitions(funcs, byPos)
	c.exportStored(stored)
	v := &valueChecker{
		checker:   c,
		byPos:     byPos,
		stored:    stored,
		imported:  make(map[types.Object]*definition),
		labels:    apis.NewMatcher(apis.LabelValueCalls),
		attrOpts:  apis.NewMatcher(apis.AttrOptions),
		attrCtors: apis.NewMatcher(apis.AttrCtors),
		sets:      apis.NewMatcher(apis.AttrSetCtors),
		fmts:      apis.NewMatcher(formatters),
		seen:      make(map[string]bool),
	}
	for _, fn := range info.SrcFuncs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(ssa.CallInstruction)
				if !ok || c.skip(call.Pos()) {
					continue
				}
				site, ok := newValueSite(call)
				if !ok {
					continue
				}
				if lv, ok := v.labels.Lookup(site.callee); ok {
					v.labelValues(site, lv)
				}
				if opt, ok := v.attrOpts.Lookup(site.callee); ok {
					v.attributeValues(site, opt)
				}
				if d := byPos[call.Pos()]; d != nil && !d.nameOK && !c.stubs[d] {
					v.nameValue(site, d)
				}
			}
		}
	}
	v.flush()
}

// newValueSite splits a call into callee, receiver and arguments.
func newValueSite(call ssa.CallInstruction) (valueSite, bool) {
	common := call.Common()
	fn := apis.SSACallee(common)
	if fn == nil {
		return valueSite{}, false
	}
	s := valueSite{call: call, callee: fn, args: common.Args}
	switch {
	case common.IsInvoke():
		s.recv = common.Value
	case fn.Signature().Recv() != nil && len(s.args) > 0:
		s.recv, s.args = s.args[0], s.args[1:]
	}
	return s, true
}

// storedDefinitions maps package variables and struct fields to the
// definition stored in them (var requests = prometheus.NewCounterVec(...),
// m.requests = ...), when exactly one definition is ever stored there.
func storedDefinitions(funcs []*ssa.Function, byPos map[token.Pos]*definition) map[any]*definition {
	stored := make(map[any]*definition)
	conflict := make(map[any]bool)
	for _, fn := range funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				st, ok := instr.(*ssa.Store)
				if !ok {
					continue
				}
				key := storageKey(st.Addr)
				if key == nil {
					continue
				}
				d := definitionOf(st.Val, byPos, nil)
				if d == nil {
					continue
				}
				if prev, ok := stored[key]; ok && prev != d {
					conflict[key] = true
				}
				stored[key] = d
			}
		}
	}
	for k := range conflict {
		delete(stored, k)
	}
	return stored
}

// storageKey returns the package variable or struct field addr denotes.
func storageKey(addr ssa.Value) any {
	switch a := addr.(type) {
	case *ssa.Global:
		return a
	case *ssa.FieldAddr:
		ptr, ok := a.X.Type().Underlying().(*types.Pointer)
		if !ok {
			return nil
		}
		st, ok := ptr.Elem().Underlying().(*types.Struct)
		if !ok || a.Field >= st.NumFields() {
			return nil
		}
		return st.Field(a.Field)
	}
	return nil
}

// definitionOf returns the definition v was made by: the constructor call
// itself, a wrapper of it (apis.MetricWrappers: go-kit's NewCounter(vec)),
// or a load of the variable or field it was stored in.
func definitionOf(v ssa.Value, byPos map[token.Pos]*definition, stored func(key any) *definition) *definition {
	for range 6 {
		switch x := v.(type) {
		case *ssa.Call:
			if d := byPos[x.Pos()]; d != nil {
				return d
			}
			i, ok := apis.MetricWrappers.Lookup(apis.SSACallee(x.Common()))
			if !ok || x.Common().IsInvoke() || i >= len(x.Call.Args) {
				return nil
			}
			v = x.Call.Args[i]
		case *ssa.ChangeType:
			v = x.X
		case *ssa.MakeInterface:
			v = x.X
		case *ssa.UnOp:
			if x.Op != token.MUL || stored == nil {
				return nil
			}
			if k := storageKey(x.X); k != nil {
				return stored(k)
			}
			return nil
		default:
			return nil
		}
	}
	return nil
}

// A valueChecker checks the values of one pass.
type valueChecker struct {
	*checker
	byPos     map[token.Pos]*definition
	stored    map[any]*definition
	imported  map[types.Object]*definition // from other packages' storedFacts
	labels    *apis.Matcher[apis.LabelValues]
	attrOpts  *apis.Matcher[apis.AttrOption]
	attrCtors *apis.Matcher[apis.AttrCtor]
	sets      *apis.Matcher[int]
	fmts      *apis.Matcher[[2]int]
	seen      map[string]bool

	// One unbounded or client-chosen value from one source given to the
	// same label of several metrics is one defect, fixed where the value
	// is made (normalise it once): reported once, at its first use, with
	// the others as related positions (flushed at the end).
	pending []*analysis.Diagnostic
	bySrc   map[string]*analysis.Diagnostic
}

// flush reports the pending findings.
func (v *valueChecker) flush() {
	for _, d := range v.pending {
		v.report.Report(*d)
	}
}

// labelValues checks the label values of a client_golang call.
func (v *valueChecker) labelValues(s valueSite, lv apis.LabelValues) {
	// The metric whose labels these are: the receiver (a …Vec) or the
	// *Desc argument of NewConstMetric and friends.
	src := s.recv
	if src == nil && len(s.args) > 0 {
		src = s.args[0]
	}
	d := definitionOf(src, v.byPos, v.storedDefinition)
	if v.stubs[d] {
		return // never registered
	}
	switch {
	case lv.Variadic >= 0 && lv.Variadic < len(s.args):
		elems := origin.Elems(s.args[lv.Variadic])
		var names []string
		if d != nil && d.labelsOK {
			for _, l := range d.labels {
				if !l.constant {
					names = append(names, l.name)
				}
			}
			if len(names) != len(elems) {
				names = nil
			}
		}
		for i, e := range elems {
			label := fmt.Sprintf("value %d", i+1)
			if names != nil {
				label = fmt.Sprintf("%q", names[i])
			}
			if d.isManaged(labelOrEmpty(names, i)) {
				continue
			}
			v.value(s, "label "+label+v.ofVector(d, src), labelOrEmpty(names, i), e, d != nil)
		}
	case lv.Map >= 0 && lv.Map < len(s.args):
		for name, e := range origin.MapEntries(s.args[lv.Map]) {
			if d.isManaged(name) {
				continue
			}
			v.value(s, fmt.Sprintf("label %q%s", name, v.ofVector(d, src)), name, e, d != nil)
		}
	case lv.Pairs >= 0 && lv.Pairs < len(s.args):
		v.labelPairs(s, d, origin.Elems(s.args[lv.Pairs]))
	}
}

// ofVector names the metric whose label values are given to vec: as
// ofMetric does when its definition d is in sight, otherwise by the
// variable or field it is loaded from (` of the metric in field
// queue.length`), so that a finding names the metric however the vector
// reached the call.
func (v *valueChecker) ofVector(d *definition, vec ssa.Value) string {
	if d != nil {
		return v.ofMetric(d)
	}
	load, ok := vec.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return ""
	}
	switch key := storageKey(load.X).(type) {
	case *ssa.Global:
		return fmt.Sprintf(" of the metric in variable %s", key.Name())
	case *types.Var:
		owner := ""
		if ptr, ok := load.X.(*ssa.FieldAddr).X.Type().Underlying().(*types.Pointer); ok {
			if named, ok := types.Unalias(ptr.Elem()).(*types.Named); ok {
				owner = named.Obj().Name() + "."
			}
		}
		return fmt.Sprintf(" of the metric in field %s%s", owner, key.Name())
	}
	return ""
}

// labelPairs checks go-kit's With(name, value, name, value, ...): each
// value is the value of the label named by the argument before it. A
// constant name known to be unbounded (user_id) is reported at the call
// when the definition in sight does not declare it (there it is reported
// already); each value is judged by its origin, ids included when the name
// is a constant (go-kit's interfaces cannot delete a series, so a label
// named at the call has no lifecycle the caller manages). A name that is not
// a constant, a trailing name without a value (go-kit pads it with
// "unknown") and a slice that is not built in the call (elems nil) are left
// alone.
func (v *valueChecker) labelPairs(s valueSite, d *definition, elems []ssa.Value) {
	for i := 1; i < len(elems); i += 2 {
		name, named := constStringValue(elems[i-1])
		if d.isManaged(name) {
			continue
		}
		of := v.ofVector(d, s.recv)
		what := fmt.Sprintf("label value %d%s", i/2+1, of)
		if named {
			what = fmt.Sprintf("label %q%s", name, of)
			if u, ok := v.unboundedLabelName(name); ok && !d.declares(name) {
				v.report.Reportf(s.call.Pos(), ruleHighCardinality, "%s", v.unboundedLabelMessage(name, of, u))
				continue
			}
		}
		v.value(s, what, name, elems[i], d != nil || named)
	}
}

// declares reports whether d names label among its constant label names.
func (d *definition) declares(label string) bool {
	return d != nil && slices.ContainsFunc(d.labels, func(l labelName) bool { return l.name == label })
}

func labelOrEmpty(names []string, i int) string {
	if names == nil {
		return ""
	}
	return names[i]
}

// attributeValues checks the attribute values of metric.WithAttributes and
// metric.WithAttributeSet(attribute.NewSet(...)).
func (v *valueChecker) attributeValues(s valueSite, opt apis.AttrOption) {
	var kvs []ssa.Value
	switch {
	case opt.Variadic >= 0 && opt.Variadic < len(s.args):
		kvs = origin.Elems(s.args[opt.Variadic])
	case opt.Set >= 0 && opt.Set < len(s.args):
		set, ok := s.args[opt.Set].(*ssa.Call)
		if !ok {
			return
		}
		ss, ok := newValueSite(set)
		if !ok {
			return
		}
		if i, ok := v.sets.Lookup(ss.callee); ok && i < len(ss.args) {
			kvs = origin.Elems(ss.args[i])
		}
	}
	for _, kv := range kvs {
		call, ok := kv.(*ssa.Call)
		if !ok {
			continue
		}
		ks, ok := newValueSite(call)
		if !ok {
			continue
		}
		ac, ok := v.attrCtors.Lookup(ks.callee)
		if !ok {
			continue
		}
		keyVal := ks.recv
		if ac.Key >= 0 && ac.Key < len(ks.args) {
			keyVal = ks.args[ac.Key]
		}
		key, ok := constStringValue(keyVal)
		if !ok || ac.Value >= len(ks.args) {
			continue
		}
		v.value(s, fmt.Sprintf("attribute %q", key), key, ks.args[ac.Value], true)
	}
}

// nameValue checks a metric or instrument name that is not a constant: a
// VictoriaMetrics/metrics name formatted with fmt.Sprintf is checked verb by
// verb (each lands in a label or in the name), any other name as a whole.
func (v *valueChecker) nameValue(s valueSite, d *definition) {
	if d.ctor.Opts >= 0 && d.ctor.Opts < len(s.args) && !d.ctor.VecOpt {
		fields := optsFields(s.args[d.ctor.Opts])
		for _, f := range []string{"Namespace", "Subsystem", "Name"} {
			if val, ok := fields[f]; ok {
				v.value(s, "the metric name ("+f+")", "", val, true)
			}
		}
		return
	}
	if d.ctor.Name < 0 || d.ctor.Name >= len(s.args) {
		return
	}
	name := s.args[d.ctor.Name]
	if d.ctor.Lib == apis.VictoriaMetrics {
		if call, ok := name.(*ssa.Call); ok {
			if fs, ok := newValueSite(call); ok {
				if idx, ok := v.fmts.Lookup(fs.callee); ok && idx[1] < len(fs.args) {
					if format, ok := constStringValue(fs.args[idx[0]]); ok {
						if verbs, ok := parseVMFormat(format); ok {
							args := origin.Elems(fs.args[idx[1]])
							for _, verb := range verbs {
								if verb.Arg >= len(args) {
									continue
								}
								what := "the metric name"
								if verb.Label != "" {
									what = fmt.Sprintf("label %q of %q", verb.Label, format)
								}
								v.value(s, what, verb.Label, unwrapInterface(args[verb.Arg]), true)
							}
							return
						}
					}
				}
			}
		}
	}
	v.value(s, "the metric name", "", name, true)
}

// unwrapInterface strips the conversion to any of a fmt argument.
func unwrapInterface(v ssa.Value) ssa.Value {
	if mi, ok := v.(*ssa.MakeInterface); ok {
		return mi.X
	}
	return v
}

// constStringValue returns the value of a string constant.
func constStringValue(v ssa.Value) (string, bool) {
	k, ok := v.(*ssa.Const)
	if !ok || k.Value == nil || k.Value.Kind() != constant.String {
		return "", false
	}
	return constant.StringVal(k.Value), true
}

// value classifies one value and reports it when its origin makes it
// unbounded or identifier-like.
//
// ids is false for the label values of a vector whose definition is out
// of sight (a parameter, a field filled from one): its label names and
// whether the program deletes its series are unknown, and a series per
// live object (a tenant, a session that is forgotten at its end) is the
// common reason to label by an id. Only values that are unbounded by
// their source (request data, error text) are reported there.
func (v *valueChecker) value(s valueSite, what, label string, val ssa.Value, ids bool) {
	if _, known := v.unboundedLabelName(label); known && label != "" {
		return // the label name itself is reported where it is defined
	}
	r := v.origin.Value(val)
	switch {
	case r.Class == origin.Identifier && !ids:
		return
	case r.Class == origin.Tenant && v.tenantsUnbounded:
		r.Class = origin.Unbounded
		r.Reason += " (-metricname.tenants=unbounded)"
	case r.Class == origin.Identifier && !v.tenantsUnbounded && (tenantDimension(label) || v.tenantScoped && (userDimension(label) || userWords(r))):
		return // the tenant: the label is the tenant dimension, or the value is the tenant id
	}
	if !r.Class.Reportable() || endpointLike(r, v.tenantsUnbounded) {
		return
	}
	key := fmt.Sprintf("%d/%s", s.call.Pos(), what)
	if v.seen[key] {
		return
	}
	v.seen[key] = true
	pos := s.call.Pos()
	if p := val.Pos(); p.IsValid() && v.pass.Fset.File(p) == v.pass.Fset.File(pos) && p > pos {
		pos = p
	}
	diag := analysis.Diagnostic{
		Pos:      pos,
		Category: ruleHighCardinality,
		Message:  fmt.Sprintf("%s gets %s value (%s): every distinct value is a new time series; %s", what, classArticle(r.Class), r.Reason, v.valueFix(label, r)),
	}
	if r.Pos.IsValid() && r.Pos != pos {
		diag.Related = []analysis.RelatedInformation{{Pos: r.Pos, Message: "the value comes from here"}}
	}
	if !r.Pos.IsValid() || label == "" || r.Class == origin.Identifier {
		// An id's fix is per metric (delete its series when the object
		// goes away): each use is its own defect.
		v.report.Report(diag)
		return
	}
	src := fmt.Sprintf("%d/%s", r.Pos, label)
	if first := v.bySrc[src]; first != nil {
		first.Related = append(first.Related, analysis.RelatedInformation{Pos: pos, Message: "and " + what + " here"})
		return
	}
	if v.bySrc == nil {
		v.bySrc = make(map[string]*analysis.Diagnostic)
	}
	v.bySrc[src] = &diag
	v.pending = append(v.pending, &diag)
}

// classArticle names a class with its article.
func classArticle(c origin.Class) string {
	if c == origin.Identifier {
		return "an identifier-like"
	}
	if c == origin.Client {
		return "a client-chosen"
	}
	return "an " + c.String()
}

// valueFix says what to do about an unbounded value of label.
func (v *valueChecker) valueFix(label string, r origin.Result) string {
	n := normaliseLabel(label)
	reason := strings.ToLower(r.Reason)
	switch {
	case r.Class == origin.Client && strings.Contains(r.What, "Host header"):
		return "a client sending made-up Host headers (scanners do) adds a series per name; map the host to the names the server serves and the rest to \"_other\", or check it against them first"
	case r.Class == origin.Client:
		return "a client sending made-up methods adds a series per method; map the method to the known ones (GET, HEAD, POST, PUT, PATCH, DELETE, CONNECT, OPTIONS, TRACE) and the rest to \"_OTHER\", as the OpenTelemetry HTTP conventions do, or check it first"
	case r.Class == origin.Tenant || strings.Contains(reason, "tenant"):
		return "label by a bounded class of tenants (plan, tier, shard) and keep the tenant id in logs and traces"
	case strings.Contains(n, "trace") || strings.Contains(n, "span_id") || strings.Contains(reason, "trace") || strings.Contains(reason, "span id"):
		return fixTrace
	case strings.Contains(reason, "path") || strings.Contains(reason, "url") || strings.Contains(reason, "uri") || strings.Contains(reason, "query"):
		return fixPath
	case strings.Contains(reason, "error"):
		return fixError
	case strings.Contains(reason, "address"):
		return fixAddr
	case strings.Contains(reason, "duration"):
		return "observe the duration as the sample value (a histogram), not as a label"
	case strings.Contains(reason, "time"):
		return fixTime
	}
	if u, ok := v.unboundedLabelName(label); ok {
		return u.fix
	}
	return "map it to a small fixed set (a switch over known constants) or drop the label"
}

// optsFields returns the values stored into the fields of an Opts composite
// literal passed by value (a load of a local complit Alloc), by field name.
func optsFields(v ssa.Value) map[string]ssa.Value {
	ld, ok := v.(*ssa.UnOp)
	if !ok || ld.Op != token.MUL {
		return nil
	}
	alloc, ok := ld.X.(*ssa.Alloc)
	if !ok || alloc.Referrers() == nil {
		return nil
	}
	st, ok := derefStruct(alloc.Type())
	if !ok {
		return nil
	}
	fields := make(map[string]ssa.Value)
	for _, ref := range *alloc.Referrers() {
		fa, ok := ref.(*ssa.FieldAddr)
		if !ok || fa.Field >= st.NumFields() || fa.Referrers() == nil {
			continue
		}
		for _, r := range *fa.Referrers() {
			if store, ok := r.(*ssa.Store); ok && store.Addr == fa {
				fields[st.Field(fa.Field).Name()] = store.Val
			}
		}
	}
	return fields
}

// derefStruct returns the struct type t points to.
func derefStruct(t types.Type) (*types.Struct, bool) {
	p, ok := t.Underlying().(*types.Pointer)
	if !ok {
		return nil, false
	}
	st, ok := p.Elem().Underlying().(*types.Struct)
	return st, ok
}

// weakReasons are the unbounded sources that, in a label value, are as often
// a configured endpoint (a remote-write URL, an alertmanager, a cluster
// peer) as request data: per-target metrics are an established Prometheus
// pattern, so they are not reported.
var weakReasons = []string{"the full URL", "a network address", "an IP address"}

// strongIdentWords are the words that alone make an identifier-like value
// name a per-entity value (sessionToken, orderUUID, userEmail, rawSQL).
var strongIdentWords = map[string]bool{
	"uuid": true, "uuids": true, "guid": true, "guids": true, "token": true, "tokens": true,
	"email": true, "emails": true, "username": true, "usernames": true, "sql": true, "stmt": true,
	"userid": true, "sessionid": true, "requestid": true, "reqid": true, "traceid": true,
	"spanid": true, "orderid": true, "customerid": true, "tenantid": true, "accountid": true,
}

// entityWords are the entities whose ids or keys grow with traffic or
// users; an id or key of anything else (a cluster member, a peer, a node, a
// rule group, a device: a configured peer, a disk or a network interface as
// often as a user's phone) is bounded by the deployment and per-target
// series of it are an established Prometheus pattern.
var entityWords = map[string]bool{
	"user": true, "customer": true, "tenant": true, "account": true, "session": true,
	"request": true, "req": true, "order": true, "trace": true, "span": true,
	"correlation": true, "transaction": true, "txn": true, "message": true,
	"msg": true, "lease": true, "invoice": true, "payment": true, "cart": true,
	"visitor": true, "enduser": true,
}

// tenantWords name the tenant of a multi-tenant server: its id is bounded by
// the deployment (the operator creates tenants), unless
// -metricname.tenants=unbounded.
var tenantWords = map[string]bool{"tenant": true, "tenantid": true, "tenants": true, "org": true, "orgid": true}

// tenantDimension reports whether a label name declares the metric's tenant
// dimension: tenant, tenant_id, org_id and the like.
func tenantDimension(label string) bool {
	words := strings.Split(normaliseLabel(label), "_")
	if len(words) == 0 || !tenantWords[words[0]] && words[0] != "organization" {
		return false
	}
	return len(words) == 1 || len(words) == 2 && (words[1] == "id" || words[1] == "ids" || words[1] == "name")
}

// userDimension reports whether a label is named for the user (user,
// user_id): in a tenant-scoped program, the tenant.
func userDimension(label string) bool {
	words := strings.Split(normaliseLabel(label), "_")
	return words[0] == "user" && (len(words) == 1 || len(words) == 2 && (words[1] == "id" || words[1] == "ids"))
}

// userWords reports whether an identifier-like value is named as the
// user's or org's id (userID, ch.UserID, orgID): in a tenant-scoped
// program, the tenant id.
func userWords(r origin.Result) bool {
	words := valueWords(r)
	switch words[0] {
	case "user", "userid", "org", "orgid", "tenant", "tenantid":
	default:
		return false
	}
	for _, w := range words[1:] {
		if w != "id" && w != "ids" {
			return false
		}
	}
	return true
}

// valueWords splits the name of the deciding expression of r (origin's
// Expr: "ch.UserID", "ids[i]", "orderKey(x)") into normalised words of its
// last name: user, id.
func valueWords(r origin.Result) []string {
	name := r.Expr
	if i := strings.IndexByte(name, '('); i >= 0 {
		name = name[:i]
	}
	name = name[strings.LastIndexAny(name, ".[")+1:]
	return strings.Split(normaliseLabel(name), "_")
}

// endpointLike reports whether a reportable origin is too weak for a label
// value: an unbounded source that is often configuration (weakReasons,
// matched on origin's What), or an identifier-like value whose name (origin's
// Expr, the expression as written) is neither inherently per-entity
// (strongIdentWords) nor the id or key of a traffic-scaled entity
// (entityWords: userID, orderKey; not peerID, memberID, groupKey). A result
// without those fields counts as weak (silent when unsure).
func endpointLike(r origin.Result, tenantsUnbounded bool) bool {
	switch r.Class {
	case origin.Unbounded:
		return slices.Contains(weakReasons, r.What)
	case origin.Identifier:
		if r.Expr == "" {
			return true
		}
		words := valueWords(r)
		entity, id := false, false
		for _, w := range words {
			if tenantWords[w] && !tenantsUnbounded {
				continue // a tenant is bounded by the deployment
			}
			if strongIdentWords[w] {
				return false
			}
			entity = entity || entityWords[w]
			id = id || w == "id" || w == "ids" || w == "key" || w == "keys"
		}
		return !(entity && id)
	}
	return false
}
