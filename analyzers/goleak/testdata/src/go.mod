module fixtures

go 1.26.0

require golang.org/x/sync v0.23.0
