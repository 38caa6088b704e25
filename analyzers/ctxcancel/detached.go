package ctxcancel

import (
	"go/ast"
	"go/types"
	"strings"
)

// detachPhrases are the wordings by which a doc comment states that the
// function's work deliberately does not inherit the caller's cancellation:
// it must not be canceled with the caller, it is detached from the request
// or the caller's context, it outlives the request or the caller, or it
// runs independently of them. A function so documented has chosen a root
// context on purpose, which lost-context respects (see detachedByDoc).
//
// Each row is matched case-insensitively on the doc comment with its white
// space collapsed (a phrase may span lines) and with "cancelled" spelled
// "canceled". A phrase that does not itself say "not" counts only when the
// word before it is not a negation ("must not outlive the request" is the
// opposite statement). The rows name what the work is detached from (the
// caller, the request, a parent context) so that a comment that merely
// mentions a context ("uses ctx for the query") does not match.
var detachPhrases = []string{
	// not canceled with the caller
	"must not be canceled",
	"should not be canceled",
	"is not canceled when",
	"are not canceled when",
	"not be canceled with the",
	"not be canceled by the",
	"does not inherit the caller's",
	"must not inherit the caller's",
	"should not inherit the caller's",
	// detached
	"detached from the",
	"detaches from the",
	"detach it from the",
	"detached from its",
	// outlives
	"outlives the request",
	"outlive the request",
	"outlives the caller",
	"outlive the caller",
	"outlives its caller",
	"outlive its caller",
	"outlives the handler",
	"outlive the handler",
	// independent
	"independent of the caller",
	"independently of the caller",
	"independent of its caller",
	"independent of the request",
	"independently of the request",
	"independent of the parent context",
}

// negations are the words that, right before a phrase, turn it around.
var negations = map[string]bool{"not": true, "never": true, "cannot": true, "n't": true}

// statesDetachment reports whether the doc comment text uses one of
// detachPhrases, not negated.
func statesDetachment(text string) bool {
	t := strings.ToLower(strings.Join(strings.Fields(text), " "))
	t = strings.ReplaceAll(t, "cancelled", "canceled")
	t = strings.ReplaceAll(t, "’", "'")
	for _, p := range detachPhrases {
		for i := 0; ; {
			j := strings.Index(t[i:], p)
			if j < 0 {
				break
			}
			j += i
			i = j + len(p)
			if strings.Contains(p, "not ") || !negated(t[:j]) {
				return true
			}
		}
	}
	return false
}

// negated reports whether the last word of before is a negation.
func negated(before string) bool {
	words := strings.Fields(before)
	if len(words) == 0 {
		return false
	}
	w := strings.Trim(words[len(words)-1], ",;:()")
	return negations[w] || strings.HasSuffix(w, "n't")
}

// detachedByDoc reports whether the function declaration that holds u
// (u itself, or the one around a function literal), or the type of its
// receiver, has a doc comment that states the detachment (see
// detachPhrases): its root context is a documented decision.
func (c *checker) detachedByDoc(u *unit) bool {
	file := c.fileOf(u.body.Pos())
	if file == nil {
		return false
	}
	var decl *ast.FuncDecl
	for _, d := range file.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && within(fd, u.body.Pos()) {
			decl = fd
			break
		}
	}
	if decl == nil {
		return false
	}
	if decl.Doc != nil && statesDetachment(decl.Doc.Text()) {
		return true
	}
	if decl.Recv == nil || len(decl.Recv.List) == 0 {
		return false
	}
	t := c.pass.TypesInfo.TypeOf(decl.Recv.List[0].Type)
	if t == nil {
		return false
	}
	n, ok := types.Unalias(deref(t)).(*types.Named)
	if !ok {
		return false
	}
	doc := c.typeDoc(n.Origin().Obj())
	return doc != nil && statesDetachment(doc.Text())
}

// typeDoc returns the doc comment of the declaration of the type name
// obj in this package: its spec's, or its declaration's when that
// declares only this type.
func (c *checker) typeDoc(obj *types.TypeName) *ast.CommentGroup {
	file := c.fileOf(obj.Pos())
	if file == nil {
		return nil
	}
	for _, d := range file.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || !within(gd, obj.Pos()) {
			continue
		}
		for _, s := range gd.Specs {
			ts, ok := s.(*ast.TypeSpec)
			if !ok || ts.Name.Pos() != obj.Pos() {
				continue
			}
			if ts.Doc != nil {
				return ts.Doc
			}
			if len(gd.Specs) == 1 {
				return gd.Doc
			}
		}
	}
	return nil
}
