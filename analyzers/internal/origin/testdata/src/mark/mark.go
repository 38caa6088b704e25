// Package mark holds the marker functions whose arguments the origin test
// probe classifies.
package mark

// S marks a value to classify.
func S(v any) {}

// Slice marks a slice whose elements to list.
func Slice(v []string) {}

// Map marks a map whose entries to list.
func Map(m map[string]string) {}
