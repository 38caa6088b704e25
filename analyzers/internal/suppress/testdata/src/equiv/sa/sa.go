package sa

func report(string) {}

func waivers() {
	report("") //nolint:staticcheck // nil is what the API documents
	//lint:ignore SA1012 the callee accepts nil
	report("")
	report("") //nolint:govet // want `SA1012/`
}
