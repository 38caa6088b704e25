package ctxcancel

import "testing"

func TestStatesDetachment(t *testing.T) {
	for _, tc := range []struct {
		doc  string
		want bool
	}{
		{"Flush must not be canceled when the caller's context is.", true},
		{"Flush must not be\ncancelled when the caller's context is.", true},
		{"Rebuild runs detached from the request context.", true},
		{"The upload outlives the request.", true},
		{"Compact runs independently of the caller's cancellation.", true},
		{"Settle is not cancelled when the request ends.", true},
		{"Push must NOT inherit the caller’s deadline.", true},
		{"Lookup reads the row with the given context.", false},
		{"Refresh must not outlive the request.", false},
		{"The entry is never detached from the caller.", false},
		{"It doesn't outlive the caller.", false},
		{"", false},
	} {
		if got := statesDetachment(tc.doc); got != tc.want {
			t.Errorf("statesDetachment(%q) = %v, want %v", tc.doc, got, tc.want)
		}
	}
}
