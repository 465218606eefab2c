package main

import (
	"fmt"
	"io"

	"github.com/playbookhq/playbook/generator/diag"
)

// printDiags prints diagnostics as "path:line:col: message", the warnings
// and then the errors, each sorted, so that the errors come last, next to
// the line that says the build failed, however many warnings there are.
// Of each kind it prints at most diag.MaxPerKind per file and a line
// counting the rest, so that a handbook with thousands of broken links
// gets a report that can be read. Exit codes count every error, shown or
// not.
func printDiags(w io.Writer, l diag.List) {
	fmt.Fprint(w, l.Warnings().Summarize(diag.MaxPerKind).String())
	fmt.Fprint(w, l.Errors().Summarize(diag.MaxPerKind).String())
}
