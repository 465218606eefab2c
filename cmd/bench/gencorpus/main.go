// Command gencorpus writes the generated handbook that cmd/bench/compare.sh
// builds with playbook and with Hugo: generator/corpus.Generate, plus an
// _index.md in every folder that lacks one.
//
// playbook makes a section page for every folder, with or without an
// _index.md; Hugo makes nested folders sections only when they hold one.
// Adding them (title only) gives both tools the same tree of sections, so
// their navigation lists the same pages.
//
//	go run ./cmd/bench/gencorpus -n 10000 -seed 1 DIR
//	go run ./cmd/bench/gencorpus -n 10000 -teams 500 DIR   # 500 team folders side by side
package main

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/playbookhq/playbook/generator/corpus"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fl := flag.NewFlagSet("gencorpus", flag.ContinueOnError)
	n := fl.Int("n", 1000, "number of pages")
	seed := fl.Uint64("seed", 1, "random seed; the same n and seed give the same corpus")
	sections := fl.Bool("sections", true, "add an _index.md to every folder that has none")
	teams := fl.Int("teams", 0, "spread the pages over this many team folders instead of the nine named teams")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if fl.NArg() != 1 {
		return fmt.Errorf("usage: gencorpus [-n N] [-seed S] [-teams K] DIR")
	}
	dir := fl.Arg(0)
	if *n < 2 {
		return fmt.Errorf("-n must be at least 2")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := corpus.GenerateTeams(dir, *n, *teams, *seed); err != nil {
		return err
	}
	if *sections {
		return addSectionIndexes(filepath.Join(dir, "content"))
	}
	return nil
}

// addSectionIndexes writes content/<folder>/_index.md, holding only a
// title made from the folder's name, for every folder that has none.
func addSectionIndexes(content string) error {
	return filepath.WalkDir(content, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		idx := filepath.Join(p, "_index.md")
		if _, err := os.Stat(idx); err == nil {
			return nil
		}
		title := strings.ReplaceAll(d.Name(), "-", " ")
		title = strings.ToUpper(title[:1]) + title[1:]
		return os.WriteFile(idx, []byte(fmt.Sprintf("---\ntitle: %q\n---\n", title)), 0o644)
	})
}
