// Package b is for the test analyzer "demo", which reports calls of leak.
package b

func leak(string) int { return 0 }

func noleak(string) int { return 0 }

func g(string, int) {}

func F() {
	g("😀é", leak("x"))
}
