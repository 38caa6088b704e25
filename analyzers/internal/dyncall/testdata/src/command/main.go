// Package main is imported by no package: its exported fields and
// functions are its own.
package main

func drain() {}

type Hooks struct{ OnStart func() }

func newHooks() *Hooks { return &Hooks{OnStart: drain} }

func (h *Hooks) start() {
	h.OnStart() // want "calls drain"
}

func Apply(f func()) {
	f() // want "calls drain"
}

func main() {
	newHooks().start()
	Apply(drain)
}
