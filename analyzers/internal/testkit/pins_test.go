package testkit

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/mod/modfile"
)

// TestFixturePins checks that every fixture module requires the libraries at
// exactly the versions the root go.mod pins, so that the fixtures and the
// apis tables see the same library code.
func TestFixturePins(t *testing.T) {
	root := filepath.Join("..", "..", "..")
	rootMod := parse(t, filepath.Join(root, "go.mod"))
	pins := make(map[string]string)
	for _, r := range rootMod.Require {
		pins[r.Mod.Path] = r.Mod.Version
	}
	n := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || d.Name() != "go.mod" || !strings.Contains(filepath.ToSlash(path), "/testdata/") {
			return nil
		}
		n++
		for _, r := range parse(t, path).Require {
			if want, ok := pins[r.Mod.Path]; ok && want != r.Mod.Version {
				t.Errorf("%s requires %s %s; the root go.mod pins %s", path, r.Mod.Path, r.Mod.Version, want)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("no fixture module found under any testdata directory: the walk is broken")
	}
	t.Logf("%d fixture modules checked", n)
}

func parse(t *testing.T, path string) *modfile.File {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := modfile.Parse(path, data, nil)
	if err != nil {
		t.Fatal(err)
	}
	return f
}
