// Package empty has nothing for goleak to look at.
package empty
