// Package app has findings of staticcheck's SA1012 (a nil context) for
// golangci-lint with o11ylint's plugins, some of them suppressed.
package app

import "context"

func use(ctx context.Context) {}

func Reported() {
	use(nil) // reported: line 10
}

func SuppressedByGolangci() {
	use(nil) //nolint:sa1012 // golangci-lint's lower-case name: golangci-lint drops it
}

func SuppressedByBoth() {
	use(nil) //nolint:SA1012 // o11ylint drops it before golangci-lint sees it
}

func SuppressedByO11ylint() {
	//lint:ignore SA1012 staticcheck's form, which only o11ylint understands here
	use(nil)
}

//nolint:sa1012 // a declaration's doc comment covers the declaration
func SuppressedDecl() {
	use(nil)
}

func AlsoReported() {
	use(nil) //nolint:errcheck // names another linter: reported, line 32
}
