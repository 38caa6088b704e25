package ctx

func report(string) {}

func waivers() {
	report("lost-context")      //nolint:contextcheck // the flush must outlive the caller
	report("cancel-not-called") //nolint:govet // the cancel is handed to the pool
	report("cancel-not-called") //nolint:lostcancel
	report("growing-chain")     //nolint:fatcontext // one value per key
	//lint:ignore contextcheck detached on purpose
	report("lost-context")

	// A waiver for one defect does not cover another.
	report("growing-chain") //nolint:contextcheck // want `ctxcancel/growing-chain`
	report("lost-context")  //nolint:fatcontext // want `ctxcancel/lost-context`
	report("defer-in-loop") //nolint:govet // want `ctxcancel/defer-in-loop`
	report("lost-context")  //nolint:promlinter // want `ctxcancel/lost-context`
	report("lost-context")  // want `ctxcancel/lost-context`
}
