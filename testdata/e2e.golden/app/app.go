// Package app uses package helper; its findings depend on facts about helper.
package app

import (
	"context"

	"example.com/e2e/helper"
)

func nilContext() error {
	return helper.Call(context.TODO(), func(context.Context) error { return nil })
}
