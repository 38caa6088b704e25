package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"

	"github.com/o11ylint/o11ylint/internal/sarif"
)

// runSARIF runs this same binary with -engine=load -json and the other
// arguments, so that flags and findings are exactly those of the in-process
// driver, and prints the findings as a SARIF 2.1.0 log. It returns the exit
// code. (The vet engine renders SARIF in runAdopt.)
func runSARIF(args []string) int {
	self, err := os.Executable()
	if err != nil {
		fmt.Fprintln(os.Stderr, "o11ylint:", err)
		return 1
	}
	var out bytes.Buffer
	cmd := exec.Command(self, append([]string{"-engine=" + engineLoad, "-json"}, args...)...)
	cmd.Stdout = &out
	cmd.Stderr = os.Stderr
	code := 0
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			fmt.Fprintln(os.Stderr, "o11ylint:", err)
			return 1
		}
		code = exit.ExitCode()
	}
	data := bytes.TrimSpace(out.Bytes())
	if len(data) == 0 {
		data = []byte("{}")
	}
	log, err := sarif.Convert(data, sourceRoot(), version())
	if err != nil {
		fmt.Fprintln(os.Stderr, "o11ylint:", err)
		return 1
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(log); err != nil {
		fmt.Fprintln(os.Stderr, "o11ylint:", err)
		return 1
	}
	return code
}

// sourceRoot returns the top of the git work tree holding the current
// directory, or the current directory: SARIF paths are relative to it.
func sourceRoot() string {
	if out, err := exec.Command("git", "rev-parse", "--show-toplevel").Output(); err == nil {
		if top := strings.TrimSpace(string(out)); top != "" {
			return top
		}
	}
	wd, _ := os.Getwd()
	return wd
}
