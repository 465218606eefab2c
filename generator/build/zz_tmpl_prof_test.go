package build

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"testing"
	"time"

	"github.com/playbookhq/playbook/generator/output"
	"github.com/playbookhq/playbook/themes"
)

func TestZZTemplateEditProfile(t *testing.T) {
	dir := os.Getenv("ZZ_SITE")
	if dir == "" {
		t.Skip()
	}
	ctx := context.Background()
	layout := filepath.Join(dir, "themes/default/layouts/base.html")
	base, _ := fs.ReadFile(themes.Default(), "layouts/base.html")
	os.MkdirAll(filepath.Dir(layout), 0o755)
	os.WriteFile(layout, base, 0o644)
	defer os.RemoveAll(filepath.Join(dir, "themes"))
	s := NewSession(Config{SourceDir: dir, DefaultTheme: themes.Default(), NoGit: true}, output.NewMem())
	t0 := time.Now()
	if _, err := s.Rebuild(ctx, nil); err != nil {
		t.Fatal(err)
	}
	s.FinishRender(ctx)
	s.FinishSearch(ctx)
	t.Logf("first %v", time.Since(t0))
	runtime.GC()
	hf, _ := os.Create(os.Getenv("ZZ_PROF") + ".heap")
	pprof.Lookup("heap").WriteTo(hf, 0)
	hf.Close()
	f, _ := os.Create(os.Getenv("ZZ_PROF"))
	pprof.StartCPUProfile(f)
	for i := 0; i < 3; i++ {
		os.WriteFile(layout, []byte(strings.Replace(string(base), "</body>", "<span hidden>e"+string(rune('a'+i))+"</span></body>", 1)), 0o644)
		t1 := time.Now()
		if _, err := s.Rebuild(ctx, []string{layout}); err != nil {
			t.Fatal(err)
		}
		t2 := time.Now()
		s.FinishRender(ctx)
		t3 := time.Now()
		s.FinishSearch(ctx)
		t.Logf("rebuild %v finish %v search %v", t2.Sub(t1), t3.Sub(t2), time.Since(t3))
	}
	pprof.StopCPUProfile()
}
