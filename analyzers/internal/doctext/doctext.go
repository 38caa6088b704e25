// Package doctext builds an Analyzer.Doc from an analyzer's doc.go, so that
// `o11ylint help NAME`, go vet and the generated docs/NAME.md all say what
// the package documentation says.
package doctext

import "strings"

// Doc returns title, a blank line, and the package comment of the Go source
// file src (doc.go, embedded with go:embed) without its comment markers. The
// title is the one line that `o11ylint help` lists, in the x/tools style:
// "report goroutines that can never finish".
func Doc(title, src string) string {
	var b strings.Builder
	for line := range strings.SplitSeq(src, "\n") {
		if strings.HasPrefix(line, "package ") {
			break
		}
		line = strings.TrimPrefix(line, "//")
		line = strings.TrimPrefix(line, " ")
		b.WriteString(line)
		b.WriteByte('\n')
	}
	return title + "\n\n" + strings.TrimSpace(b.String())
}
