// Command playbook builds a team handbook site from a folder of Markdown.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx := notifyContext(context.Background())
	os.Exit(exitCode(run(ctx, os.Args[1:], os.Stdout, os.Stderr)))
}

// interrupted is the cause of a context cancelled by a signal.
type interrupted struct{ sig syscall.Signal }

func (e interrupted) Error() string { return "interrupted by " + e.sig.String() }

// notifyContext returns a context cancelled, with an interrupted cause, by
// the first SIGINT or SIGTERM. A second one ends the process at once. The
// handler stays for the life of the process: a signal that arrives after
// the work is done, while the process exits, leaves the work's exit code as
// it is, where the default action would kill the process.
func notifyContext(parent context.Context) context.Context {
	ctx, cancel := context.WithCancelCause(parent)
	ch := make(chan os.Signal, 2)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	go func() {
		sig, _ := (<-ch).(syscall.Signal)
		cancel(interrupted{sig})
		<-ch
		os.Exit(128 + int(sig))
	}()
	return ctx
}

// exitError carries an exit code: 1 for content errors, 2 for usage errors.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func exitCode(err error) int {
	var (
		ee  *exitError
		sig interrupted
	)
	switch {
	case err == nil:
		return 0
	case errors.As(err, &sig):
		return 128 + int(sig.sig)
	case errors.As(err, &ee):
		return ee.code
	}
	return 1
}

// run executes the command line args, writing to stdout and stderr.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	root := newRootCmd(stdout, stderr)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return nil
	}
	var ee *exitError
	if !errors.As(err, &ee) {
		// Errors cobra returns itself are usage errors.
		fmt.Fprintf(stderr, "Error: %v\nRun 'playbook --help' for usage.\n", err)
		return &exitError{code: 2, err: err}
	}
	if ee.err != nil && ee.err.Error() != "" {
		fmt.Fprintln(stderr, ee.err)
	}
	return err
}
