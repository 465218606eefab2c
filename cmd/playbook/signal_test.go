package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/playbookhq/playbook/generator/corpus"
)

// TestInterruptedBuild stops `playbook build` with SIGINT and SIGTERM at
// points spread over a whole build, so that every phase is hit, and checks
// that each stops within a second (see stopLimit) with exit 130 or 143,
// removes its staging folder and leaves the previous output as it was; and
// that check stops as promptly. The build runs in a child process that
// handles signals as main does.
func TestInterruptedBuild(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("needs SIGINT and SIGTERM")
	}
	if args := os.Getenv("PLAYBOOK_SIGNAL_CHILD"); args != "" {
		ctx := notifyContext(context.Background())
		fmt.Fprintln(os.Stderr, "ready")
		os.Exit(exitCode(run(ctx, strings.Split(args, "\n"), os.Stdout, os.Stderr)))
	}
	if testing.Short() {
		t.Skip("builds a 600-page site several times")
	}
	site := t.TempDir()
	if err := corpus.Generate(site, 600, 1); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	command := func(args ...string) *exec.Cmd {
		cmd := exec.Command(os.Args[0], "-test.run=^TestInterruptedBuild$", "-test.count=1")
		cmd.Env = append(os.Environ(), "PLAYBOOK_SIGNAL_CHILD="+strings.Join(args, "\n"))
		return cmd
	}
	child := func() *exec.Cmd { return command("build", "-q", "-s", site, "-d", dest) }

	// The previous output, and how long a whole build takes once the
	// files are in the cache.
	var whole time.Duration
	for range 2 {
		start := time.Now()
		if out, err := child().CombinedOutput(); err != nil {
			t.Fatalf("build: %v\n%s", err, out)
		}
		whole = time.Since(start)
	}
	before := snapshotDir(t, dest)
	t.Logf("a whole build takes %v", whole)

	var slowest time.Duration
	interrupted := 0
	for i, at := range []float64{0.02, 0.15, 0.3, 0.5, 0.7, 0.9} {
		sig, code := syscall.SIGINT, 130
		if i%2 == 1 {
			sig, code = syscall.SIGTERM, 143
		}
		cmd := start(t, child())
		time.Sleep(time.Duration(at * float64(whole)))
		sent := time.Now()
		_ = cmd.Process.Signal(sig)
		err := cmd.Wait()
		took := time.Since(sent)
		slowest = max(slowest, took)
		var ee *exec.ExitError
		if errors.As(err, &ee) && ee.ExitCode() == code {
			interrupted++
			t.Logf("%s at %.0f%% of a build: stopped in %v", sig, at*100, took.Round(time.Millisecond))
		} else {
			// A build that finished before the signal wrote the same site.
			t.Logf("%s at %.0f%% of a build: %v", sig, at*100, err)
			if err != nil {
				t.Errorf("%s: want exit %d, got %v", sig, code, err)
			}
		}
		if took > stopLimit(whole) {
			t.Errorf("%s at %.0f%% of a build: took %v to stop", sig, at*100, took)
		}
		if snapshotDir(t, dest) != before {
			t.Fatalf("%s at %.0f%%: the previous output changed", sig, at*100)
		}
		if entries, _ := os.ReadDir(filepath.Dir(dest)); len(entries) != 1 {
			t.Fatalf("%s at %.0f%%: left beside the destination: %v", sig, at*100, entries)
		}
	}
	t.Logf("slowest stop: %v", slowest)
	if interrupted == 0 {
		t.Error("every build finished before its signal: nothing was interrupted")
	}
	checkStopsPromptly(t, func() *exec.Cmd { return command("check", "-s", site) }, whole)
}

// TestSignalAfterTheWork sends SIGINT to a child whose command has
// finished and who is on its way out: the command's exit code stands, as
// it must for a build that finished just before a signal (a default action
// restored at that point would end the process as killed).
func TestSignalAfterTheWork(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("needs SIGINT")
	}
	if os.Getenv("PLAYBOOK_LATE_SIGNAL_CHILD") != "" {
		ctx := notifyContext(context.Background())
		err := run(ctx, []string{"version"}, io.Discard, os.Stderr)
		_ = syscall.Kill(os.Getpid(), syscall.SIGINT)
		time.Sleep(200 * time.Millisecond) // time for the signal to arrive
		os.Exit(exitCode(err))
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestSignalAfterTheWork$", "-test.count=1")
	cmd.Env = append(os.Environ(), "PLAYBOOK_LATE_SIGNAL_CHILD=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("want exit 0, got %v\n%s", err, out)
	}
}

// stopLimit is how long a child may take to stop: a second, or a fifth of
// a whole build when the machine is so busy that a build takes more than
// five seconds, so that the limit follows the machine's speed at the time.
func stopLimit(whole time.Duration) time.Duration {
	return max(time.Second, whole/5)
}

// checkStopsPromptly checks that check stops as promptly as build. A
// check that finished before the signal proves nothing, so it is tried
// again with the signal sent sooner, at last as soon as the child handles
// signals.
func checkStopsPromptly(t *testing.T, check func() *exec.Cmd, whole time.Duration) {
	t.Helper()
	for _, wait := range []time.Duration{whole / 3, whole / 10, 0} {
		cmd := start(t, check())
		time.Sleep(wait)
		sent := time.Now()
		_ = cmd.Process.Signal(syscall.SIGINT)
		err := cmd.Wait()
		took := time.Since(sent)
		if err == nil && wait > 0 {
			t.Logf("check finished within %v, before the signal", wait)
			continue
		}
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != 130 {
			t.Errorf("check: want exit 130, got %v", err)
		}
		if took > stopLimit(whole) {
			t.Errorf("check took %v to stop", took)
		}
		return
	}
}

// start starts a child and waits until it handles signals.
func start(t *testing.T, cmd *exec.Cmd) *exec.Cmd {
	t.Helper()
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	r := bufio.NewReader(stderr)
	if line, err := r.ReadString('\n'); line != "ready\n" {
		t.Fatalf("child: %q %v", line, err)
	}
	go func() { _, _ = io.Copy(io.Discard, r) }()
	return cmd
}
