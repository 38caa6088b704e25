// Package words splits identifiers and prose into lower-case words, for
// rules that read the meaning a name or a doc comment states.
package words

import (
	"strings"
	"unicode"
)

// Split splits an identifier into lower-case words at camelCase humps,
// acronym boundaries ("URLPath" is url, path), underscores, hyphens, dots
// and digits.
func Split(name string) []string {
	var out []string
	rs := []rune(name)
	start := -1
	flush := func(end int) {
		if start >= 0 && end > start {
			out = append(out, strings.ToLower(string(rs[start:end])))
		}
		start = -1
	}
	for i, r := range rs {
		if !unicode.IsLetter(r) {
			flush(i)
			continue
		}
		if start < 0 {
			start = i
			continue
		}
		prev := rs[i-1]
		switch {
		case unicode.IsLower(prev) && unicode.IsUpper(r):
			flush(i)
			start = i
		case unicode.IsUpper(prev) && unicode.IsUpper(r) && i+1 < len(rs) && unicode.IsLower(rs[i+1]):
			flush(i)
			start = i
		}
	}
	flush(len(rs))
	return out
}

// Prose returns the lower-case words of a text: runs of letters.
func Prose(text string) []string {
	f := strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) })
	for i, w := range f {
		f[i] = strings.ToLower(w)
	}
	return f
}
