package metricname

import (
	"fmt"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/o11ylint/o11ylint/analyzers/internal/apis"
	"github.com/o11ylint/o11ylint/analyzers/internal/lazyssa"
)

// An observation is a value of known time unit that a metric records.
type observation struct {
	pos       token.Pos // the recording call
	unit      string    // "seconds", "milliseconds", ... of the value
	timestamp bool      // a point in time (Unix), not a duration
	from      string    // where the value comes from: "time.Since", "Duration.Milliseconds()"
}

// durationUnits are the time.Duration and time.Time methods whose results
// have a time unit, with the unit; Unix* results are timestamps.
var durationUnits = map[string]observation{
	"(time.Duration).Seconds":      {unit: "seconds", from: "Duration.Seconds()"},
	"(time.Duration).Milliseconds": {unit: "milliseconds", from: "Duration.Milliseconds()"},
	"(time.Duration).Microseconds": {unit: "microseconds", from: "Duration.Microseconds()"},
	"(time.Duration).Nanoseconds":  {unit: "nanoseconds", from: "Duration.Nanoseconds()"},
	"(time.Duration).Minutes":      {unit: "minutes", from: "Duration.Minutes()"},
	"(time.Duration).Hours":        {unit: "hours", from: "Duration.Hours()"},
	"(time.Time).Unix":             {unit: "seconds", timestamp: true, from: "Time.Unix()"},
	"(time.Time).UnixMilli":        {unit: "milliseconds", timestamp: true, from: "Time.UnixMilli()"},
	"(time.Time).UnixMicro":        {unit: "microseconds", timestamp: true, from: "Time.UnixMicro()"},
	"(time.Time).UnixNano":         {unit: "nanoseconds", timestamp: true, from: "Time.UnixNano()"},
}

// measuredDurations make the durations whose Seconds() the message names.
var measuredDurations = map[string]bool{"time.Since": true, "time.Until": true, "(time.Time).Sub": true}

// recordCalls are the client_golang methods that record a value: the index
// of the value among the arguments (receiver excluded). SetToCurrentTime
// records the current Unix time.
var recordCalls = map[string]int{
	"Add":              0,
	"Observe":          0,
	"Set":              0,
	"SetToCurrentTime": -1,
}

// constMetrics make a metric from a Desc (argument 0) and a value.
var constMetrics = map[string]int{
	apis.PrometheusPkg + ".NewConstMetric":                         2,
	apis.PrometheusPkg + ".MustNewConstMetric":                     2,
	apis.PrometheusPkg + ".NewConstMetricWithCreatedTimestamp":     2,
	apis.PrometheusPkg + ".MustNewConstMetricWithCreatedTimestamp": 2,
}

// vecAccessors return a vector's child or curried vector.
var vecAccessors = map[string]bool{
	"With": true, "WithLabelValues": true, "GetMetricWith": true, "GetMetricWithLabelValues": true,
	"CurryWith": true, "MustCurryWith": true,
}

// observations finds, for the client_golang counters, gauges, histograms,
// summaries and Descs of defs, the first recording of a value whose time
// unit the SSA flow shows: Add, Observe and Set on the metric or on a child
// of its vector
// (With, WithLabelValues), SetToCurrentTime, and the value of
// MustNewConstMetric for a Desc. The value flows through conversions,
// local variables, choices and functions of the package whose every return
// has the same unit; arithmetic (d.Seconds()*1000, d/time.Millisecond)
// ends the flow: silent.
func (c *checker) observations(defs []*definition) map[*definition]*observation {
	ssaInfo := lazyssa.Of(c.pass)
	if ssaInfo == nil {
		return nil
	}
	byPos := make(map[token.Pos]*definition)
	byObj := make(map[types.Object][]*definition)
	for _, d := range defs {
		if d.ctor.Lib != apis.Prometheus || !d.nameOK {
			continue
		}
		switch d.ctor.Kind {
		case apis.Counter, apis.Gauge, apis.Histogram, apis.Summary, apis.KindUnknown:
		default:
			continue
		}
		byPos[d.call.Lparen] = d
		stored := d.stored
		if stored == nil && d.ctor.Kind == apis.KindUnknown {
			// A Desc: exposure does not follow it; where is it kept?
			recv := d.directReceiver
			stored = c.storedInto(d)
			d.directReceiver = recv
		}
		if stored != nil {
			byObj[stored] = append(byObj[stored], d)
		}
	}
	if len(byPos) == 0 {
		return nil
	}
	out := make(map[*definition]*observation)
	for _, fn := range ssaInfo.SrcFuncs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(*ssa.Call)
				if !ok {
					continue
				}
				common := call.Common()
				callee := apis.SSACallee(common)
				if callee == nil || callee.Pkg() == nil || callee.Pkg().Path() != apis.PrometheusPkg {
					continue
				}
				var recv, val ssa.Value
				var obs *observation
				if i, ok := constMetrics[apis.FullName(callee)]; ok && i < len(common.Args) {
					recv, val = common.Args[0], common.Args[i]
				} else if i, ok := recordCalls[callee.Name()]; ok && callee.Signature().Recv() != nil {
					args := common.Args
					if common.IsInvoke() {
						recv = common.Value
					} else if len(args) > 0 {
						recv, args = args[0], args[1:]
					}
					if i < 0 {
						obs = &observation{unit: "seconds", timestamp: true, from: "SetToCurrentTime"}
					} else if i < len(args) {
						val = args[i]
					}
				} else {
					continue
				}
				d := c.recorded(recv, byPos, byObj, 0)
				if d == nil || out[d] != nil {
					continue
				}
				if obs == nil && val != nil {
					obs = c.unitOf(val, 0)
				}
				if obs != nil {
					o := *obs
					o.pos = call.Pos()
					out[d] = &o
				}
			}
		}
	}
	return out
}

// recorded returns the definition whose metric v is: the constructor call
// itself (a local), the variable or field it is stored into (when only
// one definition is), or a child of its vector.
func (c *checker) recorded(v ssa.Value, byPos map[token.Pos]*definition, byObj map[types.Object][]*definition, depth int) *definition {
	if depth > 6 || v == nil {
		return nil
	}
	one := func(o types.Object) *definition {
		if ds := byObj[o]; len(ds) == 1 {
			return ds[0]
		}
		return nil
	}
	switch x := v.(type) {
	case *ssa.MakeInterface:
		return c.recorded(x.X, byPos, byObj, depth+1)
	case *ssa.ChangeInterface:
		return c.recorded(x.X, byPos, byObj, depth+1)
	case *ssa.TypeAssert:
		return c.recorded(x.X, byPos, byObj, depth+1)
	case *ssa.Extract:
		if x.Index == 0 {
			return c.recorded(x.Tuple, byPos, byObj, depth+1)
		}
	case *ssa.Call:
		if d := byPos[x.Pos()]; d != nil {
			return d
		}
		common := x.Common()
		if fn := apis.SSACallee(common); fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == apis.PrometheusPkg && vecAccessors[fn.Name()] {
			if common.IsInvoke() {
				return c.recorded(common.Value, byPos, byObj, depth+1)
			}
			if len(common.Args) > 0 {
				return c.recorded(common.Args[0], byPos, byObj, depth+1)
			}
		}
	case *ssa.UnOp:
		if x.Op != token.MUL {
			return nil
		}
		switch a := x.X.(type) {
		case *ssa.Global:
			return one(a.Object())
		case *ssa.FieldAddr:
			if st, ok := structOf(a.X.Type()); ok && a.Field < st.NumFields() {
				return one(st.Field(a.Field))
			}
		}
	case *ssa.Field:
		if st, ok := structOf(x.X.Type()); ok && x.Field < st.NumFields() {
			return one(st.Field(x.Field))
		}
	}
	return nil
}

func structOf(t types.Type) (*types.Struct, bool) {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	return st, ok
}

// unitOf returns the time unit of the value v, or nil.
func (c *checker) unitOf(v ssa.Value, depth int) *observation {
	if depth > 6 {
		return nil
	}
	switch x := v.(type) {
	case *ssa.Convert:
		if _, arith := x.X.(*ssa.BinOp); arith {
			return nil // d / time.Millisecond: a count
		}
		if isDuration(x.X.Type()) {
			return &observation{unit: "nanoseconds", from: "a time.Duration converted to a number"}
		}
		return c.unitOf(x.X, depth+1)
	case *ssa.ChangeType:
		return c.unitOf(x.X, depth+1)
	case *ssa.Phi:
		var got *observation
		for _, e := range x.Edges {
			if _, isConst := e.(*ssa.Const); isConst {
				continue
			}
			o := c.unitOf(e, depth+1)
			if o == nil || got != nil && (o.unit != got.unit || o.timestamp != got.timestamp) {
				return nil
			}
			if got == nil {
				got = o
			}
		}
		return got
	case *ssa.Call:
		common := x.Common()
		if fn := apis.SSACallee(common); fn != nil {
			if o, ok := durationUnits[apis.FullName(fn)]; ok {
				if o.unit == "seconds" && !o.timestamp && len(common.Args) > 0 {
					if src, ok := common.Args[0].(*ssa.Call); ok {
						if f := apis.SSACallee(src.Common()); f != nil && measuredDurations[apis.FullName(f)] {
							o.from = apis.DisplayName(f)
						}
					}
				}
				return &o
			}
		}
		callee := common.StaticCallee()
		if callee == nil || callee.Pkg == nil || callee.Pkg.Pkg != c.pass.Pkg || len(callee.Blocks) == 0 {
			return nil
		}
		var got *observation
		for _, b := range callee.Blocks {
			ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
			if !ok || len(ret.Results) == 0 {
				continue
			}
			o := c.unitOf(ret.Results[0], depth+1)
			if o == nil || got != nil && (o.unit != got.unit || o.timestamp != got.timestamp) {
				return nil
			}
			got = o
		}
		if got != nil {
			o := *got
			o.from = callee.Name() + "(), which returns " + got.from
			return &o
		}
	}
	return nil
}

func isDuration(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "time" && n.Obj().Name() == "Duration"
}

// observedUnitProblem says what is wrong with d's name given the unit of
// what it records, or "": the name must end in the base unit, _seconds
// (_timestamp_seconds for a point in time), and the values must be in it.
// A name that ends in another unit word is left to the unit rules of
// metricName unless that unit is not a time at all.
func observedUnitProblem(d *definition, o *observation, lineNo int) string {
	word := unitWord(d.name)
	base, named := units[word], false
	if base != "" {
		named = true
	} else if _, b, ok := nonBaseUnit(d.name); ok {
		base, named = b, true
	} else if _, ok := unitAbbreviation(d.name); ok {
		base, named = "seconds", true // s, ms, h: reported as abbreviations
	}
	what := o.unit
	if o.timestamp {
		what = "Unix timestamps in " + o.unit
	}
	line := fmt.Sprintf("%s (line %d)", o.from, lineNo)
	switch {
	case !named:
		stem := strings.TrimSuffix(d.name, "_total")
		suffix := "_seconds"
		if o.timestamp && !strings.HasSuffix(stem, "_timestamp") {
			suffix = "_timestamp_seconds" // a name that says timestamp lacks only the unit
		}
		rename := stem + suffix
		if strings.HasSuffix(d.name, "_total") {
			rename += "_total"
		}
		fix := "rename it " + rename
		if o.unit != "seconds" {
			fix = "record seconds (" + secondsFix(o) + ") and rename it " + rename
		}
		return fmt.Sprintf("metric %q has no unit in its name but records %s from %s: dashboards and recording rules cannot tell the unit, and the Prometheus naming conventions put the base unit in the name; %s (a rename of a published metric breaks its queries)", d.name, what, line, fix)
	case base != "seconds":
		return fmt.Sprintf("metric %q says %s but records %s from %s: every query reads the values in the wrong unit; record seconds and name it _seconds", d.name, word, what, line)
	case word == "seconds" && o.unit != "seconds":
		return fmt.Sprintf("metric %q says seconds but records %s from %s: every query reads the values in the wrong unit; record seconds (%s)", d.name, what, line, secondsFix(o))
	}
	return ""
}

// secondsFix says how to get seconds instead of o's unit.
func secondsFix(o *observation) string {
	if o.timestamp {
		return "float64(t.UnixNano())/1e9 or t.Unix()"
	}
	return "d.Seconds()"
}
