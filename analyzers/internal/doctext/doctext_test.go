package doctext

import "testing"

func TestDoc(t *testing.T) {
	src := "// Package x does things.\n//\n// # rule\n//\n//\tcode()\npackage x\n\nvar y = 1\n"
	want := "do things\n\nPackage x does things.\n\n# rule\n\n\tcode()"
	if got := Doc("do things", src); got != want {
		t.Errorf("Doc = %q, want %q", got, want)
	}
}
