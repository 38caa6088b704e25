package abandonedsend

func probe(name string) int { return len(name) }

func mustEqual(a, b int) {
	if a != b {
		panic("mismatch")
	}
}

// --- negatives: a range over a table written out runs a fixed number of
// times; the function receives once per goroutine ---

func probeBoth() {
	results := make(chan int)
	for _, name := range []string{"primary", "replica"} {
		go func(n string) {
			results <- probe(n)
		}(name)
	}
	a := <-results
	mustEqual(a, 7)
	a = <-results
	mustEqual(a, 7)
}

func probeArray(names [3]string) int {
	results := make(chan int)
	for _, name := range names {
		go func() { results <- probe(name) }()
	}
	return <-results + <-results + <-results
}

// --- positives ---

// Three goroutines, two receives: the third blocks forever.
func probeTwoOfThree() int {
	results := make(chan int)
	for _, name := range []string{"a", "b", "c"} {
		go func() { results <- probe(name) }() // want `goroutine blocks forever on send to results once the function returns at line \d+ without receiving`
	}
	return <-results + <-results
}
