//go:build !linux

package tags

func Name() string { return "other" }
