package build_test

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strings"
	"testing"
	"time"

	"github.com/playbookhq/playbook/generator/build"
	"github.com/playbookhq/playbook/generator/output"
	"github.com/playbookhq/playbook/themes"
)

func TestZZScratchEdits(t *testing.T) {
	src := os.Getenv("ZZ_SITE")
	if src == "" {
		t.Skip()
	}
	debug.SetGCPercent(30)
	mem := output.NewMem()
	s := build.NewSession(build.Config{SourceDir: src, DefaultTheme: themes.Default(), NoGit: true}, mem)
	s.SetHot(func() []string { return []string{"index.html"} })
	if _, err := s.Rebuild(t.Context(), nil); err != nil {
		t.Fatal(err)
	}
	s.FinishRender(t.Context())
	s.FinishSearch(t.Context())
	runtime.GC()
	hf, _ := os.Create("/dev/shm/heap.prof")
	pprof.WriteHeapProfile(hf)
	hf.Close()
	cfg := filepath.Join(src, "playbook.toml")
	base := filepath.Join(src, "themes/default/layouts/base.html")
	for i := range 4 {
		kind := os.Getenv("ZZ_EDIT")
		var changed string
		if kind == "config" {
			b, _ := os.ReadFile(cfg)
			os.WriteFile(cfg, []byte(strings.Replace(string(b), "title = \"", "title = \"X", 1)), 0o644)
			changed = cfg
		} else {
			b, _ := os.ReadFile(base)
			os.WriteFile(base, []byte(strings.Replace(string(b), "<head>", "<head><meta name=x>", 1)), 0o644)
			changed = base
		}
		var f *os.File
		if i == 3 {
			f, _ = os.Create("/dev/shm/edit.prof")
			pprof.StartCPUProfile(f)
		}
		start := time.Now()
		if _, err := s.Rebuild(t.Context(), []string{changed}); err != nil {
			t.Fatal(err)
		}
		mid := time.Since(start)
		if f != nil && os.Getenv("ZZ_REBUILD_ONLY") != "" {
			pprof.StopCPUProfile()
			f = nil
		}
		if g := os.Getenv("ZZ_FINISH_GOGC"); g != "" {
			n := 0
			fmt.Sscan(g, &n)
			old := debug.SetGCPercent(n)
			defer debug.SetGCPercent(old)
		}
		if _, err := s.FinishRender(t.Context()); err != nil {
			t.Fatal(err)
		}
		debug.SetGCPercent(30)
		st, _ := os.ReadFile("/proc/self/status")
		hwm := ""
		for _, l := range strings.Split(string(st), "\n") {
			if strings.HasPrefix(l, "VmHWM") || strings.HasPrefix(l, "VmRSS") {
				hwm += l + " "
			}
		}
		t.Logf("%s edit: rebuild %v, all %v %s", kind, mid, time.Since(start), hwm)
		if f != nil {
			pprof.StopCPUProfile()
		}
		s.FinishSearch(t.Context())
	}
}
