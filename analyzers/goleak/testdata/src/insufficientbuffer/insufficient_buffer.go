// Package insufficientbuffer holds the fixtures of rule insufficient-buffer.
package insufficientbuffer

func a() error { return nil }
func b() error { return nil }
func c() error { return nil }

// --- positives ---

func threeSendersBufferOne() error {
	errc := make(chan error, 1)
	go func() { errc <- a() }()
	go func() { errc <- b() }()
	go func() { errc <- c() }() // want `2 sends to errc do not fit its buffer of 1 once the function returns at line \d+: make errc buffered for every sender, make\(chan error, 3\)`
	for i := 0; i < 3; i++ {
		if err := <-errc; err != nil {
			return err
		}
	}
	return nil
}

func countedLoopOfSenders() error {
	errc := make(chan error, 1)
	for i := 0; i < 4; i++ {
		go func() { errc <- a() }() // want `3 sends to errc do not fit its buffer of 1 once the function returns at line \d+: make errc buffered for every sender, make\(chan error, 4\)`
	}
	for range 4 {
		if err := <-errc; err != nil {
			return err
		}
	}
	return nil
}

// --- negatives: must stay silent ---

func twoSendersBufferOne() error {
	errc := make(chan error, 1)
	go func() { errc <- a() }()
	go func() { errc <- b() }()
	for i := 0; i < 2; i++ {
		if err := <-errc; err != nil {
			return err
		}
	}
	return nil
}

func bufferForAll() error {
	errc := make(chan error, 3)
	go func() { errc <- a() }()
	go func() { errc <- b() }()
	go func() { errc <- c() }()
	for i := 0; i < 3; i++ {
		if err := <-errc; err != nil {
			return err
		}
	}
	return nil
}

func uncountableSenders(fns []func() error) error {
	errc := make(chan error, 4)
	for _, f := range fns {
		go func() { errc <- f() }()
	}
	for range fns {
		if err := <-errc; err != nil {
			return err
		}
	}
	return nil
}

func bufferFromLength(fns []func() error) error {
	errc := make(chan error, len(fns))
	for _, f := range fns {
		go func() { errc <- f() }()
	}
	for range fns {
		if err := <-errc; err != nil {
			return err
		}
	}
	return nil
}

func countedLoopThatFits() error {
	errc := make(chan error, 1)
	for range 2 {
		go func() { errc <- a() }()
	}
	for range 2 {
		if err := <-errc; err != nil {
			return err
		}
	}
	return nil
}
