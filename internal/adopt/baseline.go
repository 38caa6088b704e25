package adopt

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// BaselineVersion is the version of the baseline file format.
const BaselineVersion = 1

// A Baseline is the set of findings recorded at one time, matched without
// line numbers so that edits elsewhere in a file do not resurrect them.
//
// The file is JSON:
//
//	{"o11ylint_baseline": 1, "findings": [
//	  {"file": "pkg/a.go", "analyzer": "goleak", "rule": "blocked-send",
//	   "function": "(*T).Run", "message": "...", "count": 1}]}
//
// file is relative to the baseline file's directory, with forward slashes;
// function is the innermost enclosing function declaration ("" at package
// level); message has its line numbers taken out.
type Baseline struct {
	Version  int     `json:"o11ylint_baseline"`
	Findings []Entry `json:"findings"`
	dir      string
}

// An Entry is one baseline record; Count is how many identical findings it
// stands for.
type Entry struct {
	File     string `json:"file"`
	Analyzer string `json:"analyzer"`
	Rule     string `json:"rule"`
	Function string `json:"function"`
	Message  string `json:"message"`
	Count    int    `json:"count"`
}

func (e Entry) key() Entry { e.Count = 0; return e }

// NewBaseline records findings; dir is where the baseline file will live,
// and file names are stored relative to it.
func NewBaseline(dir string, findings []Finding) *Baseline {
	b := &Baseline{Version: BaselineVersion, dir: absDir(dir)}
	counts := make(map[Entry]int)
	funcs := newFuncIndex()
	for _, f := range Dedup(findings) {
		counts[b.entry(f, funcs)]++
	}
	for e, n := range counts {
		e.Count = n
		b.Findings = append(b.Findings, e)
	}
	sort.Slice(b.Findings, func(i, j int) bool {
		a, c := b.Findings[i], b.Findings[j]
		if a.File != c.File {
			return a.File < c.File
		}
		if a.Function != c.Function {
			return a.Function < c.Function
		}
		if a.Analyzer != c.Analyzer {
			return a.Analyzer < c.Analyzer
		}
		if a.Rule != c.Rule {
			return a.Rule < c.Rule
		}
		return a.Message < c.Message
	})
	if b.Findings == nil {
		b.Findings = []Entry{}
	}
	return b
}

// WriteBaseline records findings in the file named path.
func WriteBaseline(path string, findings []Finding) error {
	b := NewBaseline(filepath.Dir(path), findings)
	data, err := json.MarshalIndent(b, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, append(data, '\n'), 0o666); err != nil {
		return fmt.Errorf("writing baseline: %v", err)
	}
	return nil
}

// ReadBaseline reads a baseline file written by WriteBaseline.
func ReadBaseline(path string) (*Baseline, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading baseline: %v", err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var b Baseline
	if err := dec.Decode(&b); err != nil {
		return nil, fmt.Errorf("baseline %s is malformed: %v", path, err)
	}
	if b.Version != BaselineVersion {
		return nil, fmt.Errorf("baseline %s is malformed: want \"o11ylint_baseline\": %d, got %d", path, BaselineVersion, b.Version)
	}
	for i, e := range b.Findings {
		if e.File == "" || e.Analyzer == "" || e.Message == "" || e.Count < 1 {
			return nil, fmt.Errorf("baseline %s is malformed: entry %d needs file, analyzer, message and a count of at least 1", path, i+1)
		}
	}
	b.dir = absDir(filepath.Dir(path))
	return &b, nil
}

// Filter returns the findings not in the baseline, and how many baseline
// findings no longer occur (fixed), so the file can shrink.
func (b *Baseline) Filter(findings []Finding) (kept []Finding, fixed int) {
	left := make(map[Entry]int)
	for _, e := range b.Findings {
		left[e.key()] += e.Count
	}
	funcs := newFuncIndex()
	// A finding reported in both a package and its test variant is one
	// finding: decided once, the same way for each copy.
	decided := make(map[dedupKey]bool)
	for _, f := range findings {
		dk := dedupKey{f.Analyzer, f.Posn, f.Message}
		keep, seen := decided[dk]
		if !seen {
			k := b.entry(f, funcs)
			if keep = left[k] == 0; !keep {
				left[k]--
			}
			decided[dk] = keep
		}
		if keep {
			kept = append(kept, f)
		}
	}
	for _, n := range left {
		fixed += n
	}
	return kept, fixed
}

var lineNumRe = regexp.MustCompile(`(\.go)?:\d+(:\d+)?\b|\bline \d+\b`)

// normalize takes line and column numbers out of a message: positions of
// other statements it mentions move with every edit.
func normalize(msg string) string {
	return lineNumRe.ReplaceAllStringFunc(msg, func(s string) string {
		if strings.HasPrefix(s, "line ") {
			return "line N"
		}
		if strings.HasPrefix(s, ".go") {
			return ".go:N"
		}
		return ":N"
	})
}

func (b *Baseline) entry(f Finding, funcs *funcIndex) Entry {
	file, line, _ := SplitPosn(f.Posn)
	abs := file
	if !filepath.IsAbs(abs) {
		abs, _ = filepath.Abs(abs)
	}
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		abs = r
	}
	rel := abs
	if r, err := filepath.Rel(b.dir, abs); err == nil {
		rel = r
	}
	return Entry{
		File:     filepath.ToSlash(rel),
		Analyzer: f.Analyzer,
		Rule:     f.Category,
		Function: funcs.enclosing(abs, line),
		Message:  normalize(f.Message),
	}
}

func absDir(dir string) string {
	if a, err := filepath.Abs(dir); err == nil {
		dir = a
	}
	if r, err := filepath.EvalSymlinks(dir); err == nil {
		dir = r
	}
	return dir
}

// funcIndex finds enclosing function declarations, parsing each file once.
type funcIndex struct {
	files map[string]*parsedFile
}

type parsedFile struct {
	fset  *token.FileSet
	decls []*ast.FuncDecl
}

func newFuncIndex() *funcIndex { return &funcIndex{files: make(map[string]*parsedFile)} }

// enclosing returns the name of the innermost function declaration of file
// containing line, as "Name", "T.Name" or "(*T).Name"; "" when none.
func (x *funcIndex) enclosing(file string, line int) string {
	pf, ok := x.files[file]
	if !ok {
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, file, nil, parser.SkipObjectResolution)
		if f != nil || err == nil {
			pf = &parsedFile{fset: fset}
			for _, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok {
					pf.decls = append(pf.decls, fd)
				}
			}
		}
		x.files[file] = pf
	}
	if pf == nil {
		return ""
	}
	for _, fd := range pf.decls {
		start, end := pf.fset.Position(fd.Pos()).Line, pf.fset.Position(fd.End()).Line
		if start <= line && line <= end {
			return funcName(fd)
		}
	}
	return ""
}

func funcName(fd *ast.FuncDecl) string {
	if fd.Recv == nil || len(fd.Recv.List) == 0 {
		return fd.Name.Name
	}
	t := fd.Recv.List[0].Type
	star := false
	if s, ok := t.(*ast.StarExpr); ok {
		star, t = true, s.X
	}
	switch g := t.(type) {
	case *ast.IndexExpr:
		t = g.X
	case *ast.IndexListExpr:
		t = g.X
	}
	name := "?"
	if id, ok := t.(*ast.Ident); ok {
		name = id.Name
	}
	if star {
		return "(*" + name + ")." + fd.Name.Name
	}
	return name + "." + fd.Name.Name
}
