//go:build ignore

package main

this file does not even parse, and build constraints keep it out
