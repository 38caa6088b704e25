package adopt

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseDiff(t *testing.T) {
	diff := `diff --git a/a.go b/a.go
--- a/a.go
+++ b/a.go
@@ -3,0 +4,2 @@ func f() {
+x
+y
@@ -10 +12 @@
-old
+new
@@ -20,3 +22,0 @@
-gone
diff --git a/b.go b/b.go
deleted file mode 100644
--- a/b.go
+++ /dev/null
@@ -1 +0,0 @@
-x
`
	got := parseDiff("/r", diff)
	lines := got["/r/a.go"]
	for _, l := range []int{4, 5, 12} {
		if !lines[l] {
			t.Errorf("line %d not marked changed", l)
		}
	}
	if len(lines) != 3 {
		t.Errorf("changed lines %v, want 4, 5, 12", lines)
	}
	if _, ok := got["/r/b.go"]; ok || len(got) != 1 {
		t.Errorf("files %v, want only a.go", got)
	}
}

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{
		"the select at line 16 returns at line 20": "the select at line N returns at line N",
		"locked at a.go:12:3 and b.go:7":           "locked at a.go:N and b.go:N",
		"no numbers, make(chan int, 1)":            "no numbers, make(chan int, 1)",
	} {
		if got := normalize(in); got != want {
			t.Errorf("normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestEnclosing(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a.go")
	src := `package p

var x = 1

func F() {
	_ = 1
}

func (t *T) M() {
}

func (t G[K]) N() {}
`
	if err := os.WriteFile(file, []byte(src), 0o666); err != nil {
		t.Fatal(err)
	}
	x := newFuncIndex()
	for line, want := range map[int]string{3: "", 6: "F", 9: "(*T).M", 12: "G.N", 40: ""} {
		if got := x.enclosing(file, line); got != want {
			t.Errorf("line %d: enclosing %q, want %q", line, got, want)
		}
	}
	if got := x.enclosing(filepath.Join(dir, "missing.go"), 1); got != "" {
		t.Errorf("missing file: %q", got)
	}
}

func TestParseAndRenderJSON(t *testing.T) {
	in := `{"p": {"goleak": [{"category": "abandoned-send", "posn": "/a.go:3:4", "end": "/a.go:3:5", "message": "m", "related": [{"posn": "/a.go:1:1", "message": "r"}]}], "ctxcancel": {"error": "boom"}}}`
	fs, errs, err := ParseJSON([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 1 || fs[0].Analyzer != "goleak" || fs[0].Category != "abandoned-send" || fs[0].Line() != 3 || fs[0].File() != "/a.go" {
		t.Errorf("findings %+v", fs)
	}
	if len(errs) != 1 || errs[0] != (AnalyzerError{"p", "ctxcancel", "boom"}) {
		t.Errorf("errors %+v", errs)
	}
	var text bytes.Buffer
	RenderText(&text, fs, errs)
	if want := "p: ctxcancel: boom\n/a.go:3:4: m\n/a.go:1:1: \tr\n"; text.String() != want {
		t.Errorf("text %q, want %q", text.String(), want)
	}
	var js bytes.Buffer
	if err := RenderJSON(&js, fs, errs); err != nil {
		t.Fatal(err)
	}
	fs2, errs2, err := ParseJSON(js.Bytes())
	if err != nil || len(fs2) != 1 || string(fs2[0].Related) == "" || len(errs2) != 1 {
		t.Errorf("round trip: %v %+v %+v\n%s", err, fs2, errs2, js.String())
	}
	if _, _, err := ParseJSON([]byte(`{"p": {"goleak": 3}}`)); err == nil {
		t.Error("an unexpected entry is not an error")
	}
	if fs, _, err := ParseJSON(nil); err != nil || len(fs) != 0 {
		t.Errorf("empty output: %v %v", fs, err)
	}
}

func TestRenderTextContext(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a.go")
	if err := os.WriteFile(file, []byte("l1\nl2\nl3\nl4\nl5\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	fs := []Finding{{Analyzer: "a", Posn: file + ":2:1", End: file + ":3:2", Message: "m",
		Related: json.RawMessage(`[{"posn": "` + file + `:5:1", "message": "r"}]`)}}
	var buf bytes.Buffer
	RenderTextContext(&buf, fs, nil, 1)
	want := file + ":2:1: m\n1\tl1\n2\tl2\n3\tl3\n4\tl4\n" + file + ":5:1: \tr\n4\tl4\n5\tl5\n6\t\n"
	if buf.String() != want {
		t.Errorf("got\n%s\nwant\n%s", buf.String(), want)
	}
}

func TestBaseline(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a.go")
	if err := os.WriteFile(file, []byte("package p\n\nfunc F() {\n\t_ = 1\n\t_ = 2\n}\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	f := func(line, msg string) Finding {
		return Finding{Analyzer: "goleak", Category: "c", Posn: file + ":" + line + ":1", Message: msg}
	}
	path := filepath.Join(dir, "base.json")
	if err := WriteBaseline(path, []Finding{f("4", "x at line 4"), f("5", "x at line 5"), f("4", "y")}); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	if !strings.Contains(string(data), `"count": 2`) || !strings.Contains(string(data), `"file": "a.go"`) || !strings.Contains(string(data), `"function": "F"`) {
		t.Errorf("baseline file:\n%s", data)
	}
	b, err := ReadBaseline(path)
	if err != nil {
		t.Fatal(err)
	}
	// Moved lines still match; a third repeat is new; y was fixed.
	// A repeat of the same position and message (a test variant) is
	// decided once.
	kept, fixed := b.Filter([]Finding{f("5", "x at line 5"), f("5", "x at line 5"), f("4", "x at line 9"), f("5", "x at line 7"), f("5", "x at line 7")})
	if len(kept) != 2 || kept[0].Message != "x at line 7" || kept[1].Message != "x at line 7" || fixed != 1 {
		t.Errorf("kept %+v fixed %d, want the third x twice and 1 fixed", kept, fixed)
	}
	for name, data := range map[string]string{
		"bad.json":   "{",
		"extra.json": `{"o11ylint_baseline": 1, "findings": [], "x": 1}`,
		"ver.json":   `{"o11ylint_baseline": 2, "findings": []}`,
		"zero.json":  `{"o11ylint_baseline": 1, "findings": [{"file": "a.go", "analyzer": "goleak", "message": "m", "count": 0}]}`,
	} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(data), 0o666); err != nil {
			t.Fatal(err)
		}
		if _, err := ReadBaseline(p); err == nil || !strings.Contains(err.Error(), p+" is malformed") {
			t.Errorf("%s: error %v, want malformed naming the file", name, err)
		}
	}
	if _, err := ReadBaseline(filepath.Join(dir, "none.json")); err == nil || !strings.Contains(err.Error(), "none.json") {
		t.Errorf("missing file: %v", err)
	}
}
