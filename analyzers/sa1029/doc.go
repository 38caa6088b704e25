// Package sa1029 defines an Analyzer that reports inappropriate key types in
// calls to context.WithValue.
//
// # Analyzer SA1029
//
// SA1029: inappropriate key in call to context.WithValue
//
// It mirrors staticcheck's SA1029 (honnef.co/go/tools/staticcheck/sa1029,
// v0.8.2): the same name, the same findings at the same positions,
// and the same messages, so that //lint:ignore SA1029 and //nolint:SA1029
// directives keep working. It reads the static type of the key argument
// before its implicit conversion to any from go/types alone, instead of
// building staticcheck's IR for every package.
//
// The key of context.WithValue must be comparable and should not be of a
// built-in type, to avoid collisions between packages using context. Users
// of WithValue should define their own types for keys.
//
//	ctx = context.WithValue(ctx, "user", u) // reported: built-in type string
//
// Fix: an unexported key type of the package.
//
//	type userKey struct{}
//	ctx = context.WithValue(ctx, userKey{}, u)
//
// Reported: a key whose type is a predeclared basic type (string, int,
// ...), directly, through an alias, or as an untyped constant (which takes
// its default type); an empty anonymous struct (struct{}{}); a key whose type
// is not comparable. Left alone, as by staticcheck: named types (including a
// named struct{}), pointers, interfaces (a key already of type any, or nil),
// channels, and non-empty anonymous structs, and keys of a type parameter's
// type. One difference: staticcheck's IR also sees a call through a local
// variable holding context.WithValue (f := context.WithValue; f(ctx, "k",
// v)); this analyzer only sees direct calls.
//
// Findings are silenced with //nolint:SA1029 or //lint:ignore SA1029
// <reason>; generated files are skipped unless -SA1029.generated is set.
package sa1029
