package app

import (
	"context"

	"example.com/e2e/helper"
)

func suppressedNilContext() error {
	return helper.Call(nil, func(context.Context) error { return nil }) //nolint:SA1012 // exercised by the e2e test
}
