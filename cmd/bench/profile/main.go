// Command profile builds a site with playbook's builder under Go's CPU
// profiler, and optionally writes a heap profile at the end, for finding
// where a build spends its time:
//
//	go run ./cmd/bench/gencorpus -n 10000 DIR
//	go run ./cmd/bench/profile -cpuprofile cpu.prof -memprofile mem.prof DIR
//	go tool pprof -top cpu.prof
//
// -liveprofile writes the objects the build holds part-way through (by
// default 30 s in), which is what sets its peak memory:
//
//	go run ./cmd/bench/profile -liveprofile live.prof -liveafter 40s DIR
//	go tool pprof -sample_index=inuse_space -top live.prof
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"time"

	"github.com/playbookhq/playbook/generator/build"
	"github.com/playbookhq/playbook/themes"
)

func main() {
	if err := run(context.Background(), os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "profile:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string) error {
	fl := flag.NewFlagSet("profile", flag.ContinueOnError)
	cpu := fl.String("cpuprofile", "", "write a CPU profile to this file")
	mem := fl.String("memprofile", "", "write a heap profile (allocations) to this file")
	live := fl.String("liveprofile", "", "write a heap profile of the live objects to this file, -liveafter into the first build")
	liveAfter := fl.Duration("liveafter", 30*time.Second, "when to write -liveprofile")
	runs := fl.Int("runs", 1, "build this many times")
	dest := fl.String("d", "", "output folder (default: a temporary folder, removed at the end)")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if fl.NArg() != 1 {
		return fmt.Errorf("usage: profile [-cpuprofile FILE] [-memprofile FILE] [-liveprofile FILE [-liveafter D]] [-runs N] SITE")
	}
	if *dest == "" {
		tmp, err := os.MkdirTemp("", "playbook-profile-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		*dest = filepath.Join(tmp, "public")
	}
	b := build.New(build.Config{SourceDir: fl.Arg(0), DestDir: *dest, DefaultTheme: themes.Default(), NoGit: true})
	if *cpu != "" {
		f, err := os.Create(*cpu)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	if *live != "" {
		// A heap profile taken during the build shows what it holds at
		// its peak; one taken at the end shows only what survives it.
		timer := time.AfterFunc(*liveAfter, func() {
			if err := writeHeap(*live, "heap"); err != nil {
				fmt.Fprintln(os.Stderr, "profile:", err)
			}
		})
		defer timer.Stop()
	}
	for i := range *runs {
		start := time.Now()
		res, err := b.Build(ctx)
		if err != nil {
			return err
		}
		fmt.Printf("run %d: %d pages, %d sections in %v\n", i+1, res.Pages, res.Sections, time.Since(start).Round(time.Millisecond))
	}
	if *mem != "" {
		return writeHeap(*mem, "allocs")
	}
	return nil
}

// writeHeap writes the named heap profile ("heap" or "allocs") after a
// garbage collection, so that it counts only live objects.
func writeHeap(name, kind string) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	runtime.GC()
	if err := pprof.Lookup(kind).WriteTo(f, 0); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
