package abandonedsend

import "errors"

type snapMeta struct{ index int }

func copySnapshot(src string) (*snapMeta, error) {
	if src == "" {
		return nil, errors.New("empty")
	}
	return &snapMeta{index: len(src)}, nil
}

func restore(src string) error { return nil }

// The goroutine sends on one of two channels; once the function returns
// early it blocks on whichever it reaches: one finding, the other send a
// related position.
func readSnapshot(src string) (*snapMeta, error) {
	errCh := make(chan error)
	metaCh := make(chan *snapMeta)
	go func() {
		meta, err := copySnapshot(src)
		if err != nil {
			errCh <- err // want `goroutine blocks forever on send to errCh once the function returns at line \d+ without receiving`
		} else {
			metaCh <- meta
		}
	}()
	if err := restore(src); err != nil {
		return nil, err
	}
	select {
	case err := <-errCh:
		return nil, err
	case meta := <-metaCh:
		return meta, nil
	}
}
