package metricname

import (
	"go/types"
	"slices"
	"sort"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// A storedFact describes the metric definition kept in a package variable
// or struct field, for the packages that use it: a vector defined in one
// package (a metrics struct built by its constructor) gets its label
// values in another, and those values are checked there, against the
// names, the deleted labels and the registration of the definition.
type storedFact struct {
	Name     string   // the full name, or "" when built at run time
	Labels   []string // the variable label names, in order; nil if any is not a constant
	LabelsOK bool
	Managed  []string // labels whose series the program deletes ("" = all)
	Stub     bool     // never registered: its values are not checked
}

func (*storedFact) AFact() {}

func (f *storedFact) String() string {
	s := "stores " + f.Name + "(" + strings.Join(f.Labels, ", ") + ")"
	switch {
	case slices.Contains(f.Managed, ""):
		s += " deleting all series"
	case len(f.Managed) > 0:
		s += " deleting by " + strings.Join(f.Managed, ", ")
	}
	if f.Stub {
		s += " never registered"
	}
	return s
}

// exportStored exports a storedFact for each exported variable and field
// of this package that holds exactly one definition.
func (c *checker) exportStored(stored map[any]*definition) {
	for key, d := range stored {
		obj := storedObject(key)
		if obj == nil || obj.Pkg() != c.pass.Pkg || !obj.Exported() {
			continue // other packages cannot name it
		}
		f := &storedFact{Stub: c.stubs[d], LabelsOK: d.labelsOK}
		if d.nameOK {
			f.Name = d.name
		}
		if d.labelsOK {
			for _, l := range d.labels {
				if !l.constant {
					f.Labels = append(f.Labels, l.name)
				}
			}
		}
		for l := range d.managed {
			f.Managed = append(f.Managed, l)
		}
		sort.Strings(f.Managed)
		c.pass.ExportObjectFact(obj, f)
	}
}

// storedDefinition returns the definition kept in the variable or field
// key: found in this package, or described by the fact of the package
// that declares it.
func (v *valueChecker) storedDefinition(key any) *definition {
	if d := v.stored[key]; d != nil {
		return d
	}
	obj := storedObject(key)
	if obj == nil || obj.Pkg() == nil || obj.Pkg() == v.pass.Pkg {
		return nil
	}
	if d, ok := v.imported[obj]; ok {
		return d
	}
	var f storedFact
	var d *definition
	if v.pass.ImportObjectFact(obj, &f) {
		d = &definition{name: f.Name, nameOK: f.Name != "", labelsOK: f.LabelsOK, stub: f.Stub}
		for _, l := range f.Labels {
			d.labels = append(d.labels, labelName{name: l})
		}
		if len(f.Managed) > 0 {
			d.managed = make(map[string]bool)
			for _, l := range f.Managed {
				d.managed[l] = true
			}
		}
		if f.Stub {
			v.stubs[d] = true
		}
	}
	v.imported[obj] = d
	return d
}

// storedObject returns the variable or field of a storage key.
func storedObject(key any) types.Object {
	switch k := key.(type) {
	case *ssa.Global:
		return k.Object()
	case *types.Var:
		return k
	}
	return nil
}
