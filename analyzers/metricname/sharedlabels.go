package metricname

import (
	"fmt"
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// sharedLabels gathers the problems of label names that a definition takes
// from an expression outside its own call, typically a []string variable
// that several vectors share: the defect is in that expression, so it is
// reported once there, naming every metric that uses it, not once per
// metric at the same place.
type sharedLabels struct {
	order   []sharedKey
	metrics map[sharedKey][]string
}

// A sharedKey is one problem of one shared label name: its position, its
// rule and its message with the metric's part ("of" and the name) cut out.
type sharedKey struct {
	pos       token.Pos
	rule, msg string
}

// metricMark stands for the metric's part of a message in a sharedKey.
const metricMark = "\x00"

// outside reports whether the label l lies outside d's constructor call.
func (d *definition) outside(l labelName) bool {
	return l.pos < d.call.Pos() || l.pos >= d.call.End()
}

// add records msg, a problem of label l of d under rule, in which of is
// d's part (` of "name"`).
func (s *sharedLabels) add(l labelName, rule, msg, of string) {
	if s.metrics == nil {
		s.metrics = make(map[sharedKey][]string)
	}
	k := sharedKey{pos: l.pos, rule: rule, msg: msg}
	if of != "" && strings.Contains(msg, of) {
		k.msg = strings.Replace(msg, of, metricMark, 1)
	}
	if _, ok := s.metrics[k]; !ok {
		s.order = append(s.order, k)
	}
	s.metrics[k] = append(s.metrics[k], strings.TrimPrefix(of, " of "))
}

// report reports each recorded problem once, at the shared label, naming
// the metrics that take it.
func (s *sharedLabels) report(c *checker) {
	for _, k := range s.order {
		ms := s.metrics[k]
		of := " of " + ms[0]
		if len(ms) > 1 {
			of = fmt.Sprintf(" of %s and %s", strings.Join(ms[:len(ms)-1], ", "), ms[len(ms)-1])
		}
		c.report.Report(analysis.Diagnostic{Pos: k.pos, Category: k.rule, Message: strings.Replace(k.msg, metricMark, of, 1)})
	}
}
