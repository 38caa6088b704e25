// Package suppress applies o11ylint's suppression directives inside the
// analyzers, so that the standalone CLI, go vet -vettool (which honours no
// directives of its own), golangci-lint and Bazel nogo all agree.
//
// Two directive forms are understood:
//
//	//nolint:goleak,ctxcancel // reason        (golangci-lint form; the reason is optional)
//	//nolint:goleak/abandoned-send             (one rule of one analyzer)
//	//lint:ignore goleak reason                (staticcheck form; the reason is required)
//
// A directive written for an equivalent linter (//nolint:contextcheck,
// //nolint:fatcontext, //lint:ignore SA1012 reason, ...: see Equivalents)
// also suppresses the o11ylint rule that reports the same defect.
//
// A bare //nolint or //nolint:all suppresses every analyzer. A directive
// applies to diagnostics on its own line, to the line below it when it
// stands alone on its line, and to a whole top-level declaration when it is
// in the declaration's doc comment or on the declaration's first line. As
// in golangci-lint, a directive standing alone above a syntax node that
// starts on the next line in the directive's column (a statement, a
// composite literal, an argument on its own line) covers every line of
// that node.
//
// Files that carry the standard "// Code generated ... DO NOT EDIT." header
// are skipped unless Options.IncludeGenerated is set.
//
// A directive that names an analyzer but is malformed (no reason after
// //lint:ignore, a space after "nolint:", an empty name) is itself reported
// by that analyzer, in category "malformed-directive": a silently ignored
// suppression is worse than a loud one.
package suppress

import (
	"flag"
	"fmt"
	"go/ast"
	"go/token"
	"os"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Options configures a Filter.
type Options struct {
	IncludeGenerated bool            // report in generated files too
	Disabled         map[string]bool // rules (categories) not to report
}

// A Filter reports diagnostics of one analyzer on one pass, dropping
// the suppressed ones.
type Filter struct {
	pass      *analysis.Pass
	name      string
	generated map[*token.File]bool
	disabled  map[string]bool
	lines     map[lineKey][]directive // directives by the line they cover
	spans     []span                  // declarations covered by a directive
	reported  map[token.Pos]bool      // positions reported so far
}

type lineKey struct {
	file *token.File
	line int
}

type directive struct {
	all   bool
	names []string // analyzer or analyzer/category
}

type span struct {
	pos, end token.Pos
	d        directive
}

// New scans the pass's files for directives and generated-file headers.
// It reports malformed directives that name the analyzer right away.
func New(pass *analysis.Pass, opts Options) *Filter {
	f := &Filter{
		pass:      pass,
		name:      pass.Analyzer.Name,
		generated: make(map[*token.File]bool),
		disabled:  opts.Disabled,
		lines:     make(map[lineKey][]directive),
	}
	for _, file := range pass.Files {
		tf := pass.Fset.File(file.Pos())
		if tf == nil {
			continue
		}
		if !opts.IncludeGenerated && generated(file) {
			f.generated[tf] = true
			continue
		}
		f.scan(file, tf)
	}
	return f
}

var (
	nolintRe = regexp.MustCompile(`^//\s*nolint(:\s*([\w,/-]*))?(\s*//.*|\s+.*)?$`)
	ignoreRe = regexp.MustCompile(`^//\s*lint:(ignore|file-ignore)(\s+(\S+))?(\s+(.*))?$`)
)

func (f *Filter) scan(file *ast.File, tf *token.File) {
	// Directives by line, with whether they stand alone on their line.
	declOf := make(map[int]ast.Decl) // first line (or doc line) -> declaration
	for _, d := range file.Decls {
		declOf[tf.Line(d.Pos())] = d
		var doc *ast.CommentGroup
		switch d := d.(type) {
		case *ast.FuncDecl:
			doc = d.Doc
		case *ast.GenDecl:
			doc = d.Doc
		}
		if doc != nil {
			for _, c := range doc.List {
				declOf[tf.Line(c.Pos())] = d
			}
		}
	}
	above := make(map[token.Position]directive) // the line and column below a directive alone on its line
	for _, cg := range file.Comments {
		for _, c := range cg.List {
			d, ok := f.parse(c)
			if !ok {
				continue
			}
			line := tf.Line(c.Pos())
			if decl, ok := declOf[line]; ok {
				f.spans = append(f.spans, span{decl.Pos(), decl.End(), d})
			}
			f.lines[lineKey{tf, line}] = append(f.lines[lineKey{tf, line}], d)
			if f.alone(tf, c) {
				f.lines[lineKey{tf, line + 1}] = append(f.lines[lineKey{tf, line + 1}], d)
				p := tf.Position(c.Pos())
				above[token.Position{Line: line + 1, Column: p.Column}] = d
			}
		}
	}
	if len(above) == 0 {
		return
	}
	ast.Inspect(file, func(n ast.Node) bool {
		if n == nil {
			return false
		}
		p := tf.Position(n.Pos())
		if d, ok := above[token.Position{Line: p.Line, Column: p.Column}]; ok {
			end := tf.Line(n.End())
			for l := p.Line + 1; l <= end; l++ {
				f.lines[lineKey{tf, l}] = append(f.lines[lineKey{tf, l}], d)
			}
			delete(above, token.Position{Line: p.Line, Column: p.Column}) // the outermost node
		}
		return true
	})
}

// generated reports whether file is generated code that findings should
// skip. The files of a cgo package reach analyzers as cmd/cgo's output, which
// carries a "Code generated by cmd/cgo" header but is the user's own code
// (with //line directives back to it): those are not skipped.
func generated(file *ast.File) bool {
	if !ast.IsGenerated(file) {
		return false
	}
	for _, cg := range file.Comments {
		if cg.Pos() >= file.Package {
			break
		}
		if strings.Contains(cg.Text(), "Code generated by cmd/cgo") {
			return false
		}
	}
	return true
}

// alone reports whether comment c is the first thing on its line, so that
// it also covers the line below.
func (f *Filter) alone(tf *token.File, c *ast.Comment) bool {
	read := f.pass.ReadFile
	if read == nil { // drivers older than analysis.Pass.ReadFile
		read = os.ReadFile
	}
	src, err := read(tf.Name())
	if err != nil {
		return false
	}
	start := tf.Offset(tf.LineStart(tf.Line(c.Pos())))
	end := tf.Offset(c.Pos())
	if end > len(src) || start > end {
		return false
	}
	return strings.TrimSpace(string(src[start:end])) == ""
}

// parse recognises a directive in c. It reports a malformed directive that
// names this analyzer.
func (f *Filter) parse(c *ast.Comment) (directive, bool) {
	text := c.Text
	if m := nolintRe.FindStringSubmatch(text); m != nil {
		if m[1] == "" { // bare //nolint
			return directive{all: true}, true
		}
		if strings.HasPrefix(m[1], ": ") || m[2] == "" {
			if strings.Contains(text, f.name) {
				f.malformed(c, "malformed //nolint directive %q: write //nolint:%s with no space after the colon", text, f.name)
			}
			return directive{}, false
		}
		var d directive
		for _, n := range strings.Split(m[2], ",") {
			switch {
			case n == "all":
				d.all = true
			case n == "":
				if strings.Contains(text, f.name) {
					f.malformed(c, "malformed //nolint directive %q: empty name in the list", text)
				}
			default:
				d.names = append(d.names, n)
			}
		}
		return d, true
	}
	if m := ignoreRe.FindStringSubmatch(text); m != nil {
		names := strings.Split(m[3], ",")
		if !f.names(names) {
			return directive{}, false
		}
		if m[1] == "file-ignore" {
			f.malformed(c, "//lint:file-ignore is not supported by o11ylint: use //lint:ignore %s reason on the line or declaration", f.name)
			return directive{}, false
		}
		if strings.TrimSpace(m[5]) == "" {
			f.malformed(c, "//lint:ignore %s needs a reason after the name: //lint:ignore %s why this is fine", m[3], m[3])
			return directive{}, false
		}
		return directive{names: names}, true
	}
	return directive{}, false
}

// names reports whether one of names selects this analyzer.
func (f *Filter) names(names []string) bool {
	for _, n := range names {
		if n == f.name || strings.HasPrefix(n, f.name+"/") {
			return true
		}
		for _, e := range Equivalents[n] {
			if e == f.name || strings.HasPrefix(e, f.name+"/") {
				return true
			}
		}
	}
	return false
}

func (f *Filter) malformed(c *ast.Comment, format string, args ...any) {
	f.pass.Report(analysis.Diagnostic{
		Pos:      c.Pos(),
		End:      c.End(),
		Category: "malformed-directive",
		Message:  fmt.Sprintf(format, args...),
	})
}

// covers reports whether directive d suppresses a diagnostic of category cat.
func (f *Filter) covers(d directive, cat string) bool {
	if d.all {
		return true
	}
	for _, n := range d.names {
		if n == f.name || n == f.name+"/"+cat || equivalent(n, f.name, cat) {
			return true
		}
	}
	return false
}

// Suppressed reports whether a diagnostic of category cat at pos is
// suppressed by a directive or lies in a skipped generated file.
func (f *Filter) Suppressed(pos token.Pos, cat string) bool {
	tf := f.pass.Fset.File(pos)
	if tf == nil {
		return false
	}
	if f.generated[tf] || f.disabled[cat] {
		return true
	}
	for _, d := range f.lines[lineKey{tf, tf.Line(pos)}] {
		if f.covers(d, cat) {
			return true
		}
	}
	for _, s := range f.spans {
		if s.pos <= pos && pos < s.end && f.covers(s.d, cat) {
			return true
		}
	}
	return false
}

// Report reports d unless it is suppressed.
func (f *Filter) Report(d analysis.Diagnostic) {
	if f.Suppressed(d.Pos, d.Category) {
		return
	}
	if f.reported == nil {
		f.reported = make(map[token.Pos]bool)
	}
	f.reported[d.Pos] = true
	f.pass.Report(d)
}

// Reported reports whether a diagnostic at pos has been reported through f:
// a later rule can leave a place that an earlier one explained alone.
func (f *Filter) Reported(pos token.Pos) bool { return f.reported[pos] }

// Reportf reports a diagnostic of category cat at pos unless it is suppressed.
func (f *Filter) Reportf(pos token.Pos, cat, format string, args ...any) {
	f.Report(analysis.Diagnostic{Pos: pos, Category: cat, Message: fmt.Sprintf(format, args...)})
}

// Generated reports whether the file holding pos is a skipped generated file.
// Analyzers can use it to skip work on such files altogether.
func (f *Filter) Generated(pos token.Pos) bool {
	tf := f.pass.Fset.File(pos)
	return tf != nil && f.generated[tf]
}

// Flags registers the suppression flags of one analyzer on fs (go vet and
// multichecker show them as -<analyzer>.generated and
// -<analyzer>.disable) and returns the options they fill. rules are the
// analyzer's rule names, the only ones -disable accepts: an unknown name is
// a flag error in every driver.
func Flags(fs *flag.FlagSet, rules ...string) *Options {
	o := new(Options)
	fs.BoolVar(&o.IncludeGenerated, "generated", false, "also report in generated files (// Code generated ... DO NOT EDIT.)")
	usage := "rules not to report, comma-separated"
	if len(rules) > 0 {
		usage += ": " + strings.Join(rules, ", ")
	}
	fs.Func("disable", usage, func(v string) error {
		disabled := make(map[string]bool)
		for _, r := range strings.Split(v, ",") {
			r = strings.TrimSpace(r)
			if r == "" {
				continue
			}
			if !slices.Contains(rules, r) {
				if len(rules) == 0 {
					return fmt.Errorf("unknown rule %q: this analyzer has no rules to disable", r)
				}
				return fmt.Errorf("unknown rule %q: valid rules are %s", r, strings.Join(rules, ", "))
			}
			disabled[r] = true
		}
		o.Disabled = disabled
		return nil
	})
	return o
}
