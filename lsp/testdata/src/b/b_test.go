package b

import "testing"

func TestF(t *testing.T) {
	leak("in a test")
}
