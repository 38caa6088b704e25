// Package a holds one finding of staticcheck's SA1012 (a nil context) and
// one that a //nolint directive suppresses.
package a

import "context"

func use(ctx context.Context) {}

func Nil() {
	use(nil)
}

func Suppressed() {
	use(nil) //nolint:SA1012 // the directive is honoured in the editor too
}
