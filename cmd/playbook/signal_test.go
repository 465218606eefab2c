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
// that each stops within a second with exit 130 or 143, removes its staging
// folder and leaves the previous output as it was; and that check stops
// as promptly. The build runs in a
// child process that handles signals as main does.
func TestInterruptedBuild(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("needs SIGINT and SIGTERM")
	}
	if args := os.Getenv("PLAYBOOK_SIGNAL_CHILD"); args != "" {
		ctx, stop := notifyContext(context.Background())
		fmt.Fprintln(os.Stderr, "ready")
		err := run(ctx, strings.Split(args, "\n"), os.Stdout, os.Stderr)
		stop()
		os.Exit(exitCode(err))
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
			t.Logf("%s at %.0f%% of a build: stopped in %v", sig, at*100, took.Round(time.Millisecond))
		} else {
			// A build that finished before the signal wrote the same site.
			t.Logf("%s at %.0f%% of a build: %v", sig, at*100, err)
			if err != nil {
				t.Errorf("%s: want exit %d, got %v", sig, code, err)
			}
		}
		if took > time.Second {
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

	// check stops as promptly.
	cmd := start(t, command("check", "-s", site))
	time.Sleep(whole / 3)
	sent := time.Now()
	_ = cmd.Process.Signal(syscall.SIGINT)
	err := cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 130 {
		t.Errorf("check: want exit 130, got %v", err)
	}
	if took := time.Since(sent); took > time.Second {
		t.Errorf("check took %v to stop", took)
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
