package main

import (
	"fmt"
	"io"

	"github.com/playbookhq/playbook/generator/diag"
)

// printDiags prints diagnostics as "path:line:col: message", sorted, with
// at most diag.MaxPerKind of each kind per file and a line counting the
// rest, so that a handbook with thousands of broken links gets a report
// that can be read. Exit codes count every error, shown or not.
func printDiags(w io.Writer, l diag.List) {
	fmt.Fprint(w, l.Summarize(diag.MaxPerKind).String())
}
