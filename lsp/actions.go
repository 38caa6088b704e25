package lsp

import (
	"bytes"
	"go/scanner"
	"go/token"
	"regexp"
	"slices"
	"strings"

	"go.lsp.dev/protocol"
)

// codeActions returns the quick fixes for the findings on the lines of the
// requested range: the suggested fixes, then //nolint insertions. None while
// the buffer differs from the analyzed text (the positions would be wrong).
func (s *server) codeActions(p *protocol.CodeActionParams) []protocol.CodeAction {
	actions := []protocol.CodeAction{}
	if len(p.Context.Only) > 0 && !slices.ContainsFunc(p.Context.Only, func(k protocol.CodeActionKind) bool {
		return k == protocol.QuickFix || strings.HasPrefix(string(protocol.QuickFix), string(k)+".")
	}) {
		return actions
	}
	name := filename(p.TextDocument.URI)
	s.mu.Lock()
	fr := s.files[name]
	var text *string
	if d := s.docs[name]; d != nil {
		t := d.text
		text = &t
	}
	s.mu.Unlock()
	if fr == nil || fr.content == nil || (text != nil && *text != string(fr.content)) {
		return actions
	}
	for _, f := range fr.findings {
		if f.diag.Range.End.Line < p.Range.Start.Line || f.diag.Range.Start.Line > p.Range.End.Line {
			continue
		}
		for i, fx := range f.fixes {
			edit := fx.edit
			actions = append(actions, protocol.CodeAction{
				Title:       fx.title,
				Kind:        protocol.QuickFix,
				Diagnostics: []protocol.Diagnostic{f.diag},
				IsPreferred: i == 0,
				Edit:        &edit,
			})
		}
		names := []string{Code(f.analyzer, f.category)}
		if names[0] != f.analyzer {
			names = append(names, f.analyzer)
		}
		for _, n := range names {
			te, ok := NolintEdit(fr.content, int(f.diag.Range.Start.Line), n)
			if !ok {
				continue
			}
			actions = append(actions, protocol.CodeAction{
				Title:       "suppress with //nolint:" + n,
				Kind:        protocol.QuickFix,
				Diagnostics: []protocol.Diagnostic{f.diag},
				Edit: &protocol.WorkspaceEdit{Changes: map[protocol.DocumentURI][]protocol.TextEdit{
					p.TextDocument.URI: {te},
				}},
			})
		}
	}
	return actions
}

var (
	nolintListRe = regexp.MustCompile(`^//\s*nolint:([\w,/-]+)`)
	nolintBareRe = regexp.MustCompile(`^//\s*nolint($|[^:\w])`)
)

// NolintEdit returns the edit that makes line (0-based) of Go source src
// carry a //nolint:name directive:
//
//   - a line without a trailing comment gets " //nolint:name" appended;
//   - a trailing //nolint:a,b comment gets ",name" added to its list;
//   - a line ending in another // comment gets "//nolint:name" on a line of
//     its own above it, with the same indentation (a directive alone on its
//     line covers the next line);
//   - a line that ends inside a raw string or a /* */ comment, or that a
//     bare //nolint already covers, gets none (ok is false).
func NolintEdit(src []byte, line int, name string) (edit protocol.TextEdit, ok bool) {
	lines := bytes.SplitAfter(src, []byte("\n"))
	if line < 0 || line >= len(lines) {
		return edit, false
	}
	text := strings.TrimRight(string(lines[line]), "\r\n")

	// Find the last token of the line, and whether a token spans its end.
	fset := token.NewFileSet()
	tf := fset.AddFile("", -1, len(src))
	var sc scanner.Scanner
	sc.Init(tf, src, func(token.Position, string) {}, scanner.ScanComments)
	var lastTok token.Token
	var lastLit string
	var lastPos token.Position
	for {
		pos, tok, lit := sc.Scan()
		if tok == token.EOF {
			break
		}
		p := fset.Position(pos)
		if p.Line-1 > line {
			break
		}
		if tok == token.SEMICOLON && lit == "\n" {
			continue // an automatic semicolon, not a real token
		}
		startLine := p.Line - 1
		endLine := startLine + strings.Count(lit, "\n")
		if startLine <= line && endLine > line {
			return edit, false // the line ends inside a raw string or a block comment
		}
		if endLine == line {
			lastTok, lastLit, lastPos = tok, lit, p
		}
	}
	eol := protocol.Position{Line: uint32(line), Character: uint32(utf16Len([]byte(text)))}
	if lastTok == token.COMMENT && strings.HasPrefix(lastLit, "//") {
		if m := nolintListRe.FindStringSubmatchIndex(lastLit); m != nil {
			for _, n := range strings.Split(lastLit[m[2]:m[3]], ",") {
				if n == name || n == "all" {
					return edit, false
				}
			}
			at := lastPos.Column - 1 + m[3] // byte column after the list
			pos := protocol.Position{Line: uint32(line), Character: uint32(utf16Len([]byte(text[:at])))}
			return protocol.TextEdit{Range: protocol.Range{Start: pos, End: pos}, NewText: "," + name}, true
		}
		if nolintBareRe.MatchString(lastLit) {
			return edit, false // a bare //nolint covers everything already
		}
		indent := text[:len(text)-len(strings.TrimLeft(text, " \t"))]
		bol := protocol.Position{Line: uint32(line)}
		return protocol.TextEdit{Range: protocol.Range{Start: bol, End: bol}, NewText: indent + "//nolint:" + name + "\n"}, true
	}
	return protocol.TextEdit{Range: protocol.Range{Start: eol, End: eol}, NewText: " //nolint:" + name}, true
}
