// Package consts holds constants used by metric definitions in other packages.
package consts

const (
	Namespace = "shop"
	Subsystem = "http"
	BadName   = "requestLatency"
)
