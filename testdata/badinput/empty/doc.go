// Package empty has no code.
package empty
