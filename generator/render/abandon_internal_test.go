package render

import (
	"context"
	"testing"
	"testing/fstest"
	"time"

	"github.com/playbookhq/playbook/generator/config"
	"github.com/playbookhq/playbook/generator/theme"
	"github.com/playbookhq/playbook/themes"
)

// TestAbandonedBuffersStayOut checks that a layout left running when its
// context ends keeps its buffers: neither the page it writes into nor the
// page's text it reads from goes back to the pool, where the next page
// would take it while the layout still uses it.
func TestAbandonedBuffersStayOut(t *testing.T) {
	slow := fstest.MapFS{"layouts/base.html": {Data: []byte(`{{range 20000000}}{{end}}{{.Content}}`)}}
	th, diags := theme.Load([]theme.Layer{{Name: "slow", FS: slow}, {Name: "themes/default", FS: themes.Default()}}, theme.Funcs("", nil))
	if diags.Err() != nil {
		t.Fatal(diags)
	}
	r := &Renderer{in: Input{Config: &config.Config{PageTimeout: time.Hour}, Theme: th}}
	page, content := r.buffer(), r.buffer()
	content.WriteString("<p>Text.</p>")
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if err := r.execute(ctx, page, "page", &theme.PageView{Content: htmlOf(content)}); err != context.Canceled {
		t.Fatalf("execute: %v, want context.Canceled", err)
	}
	r.put(page)
	r.put(content)
	for range 4 {
		if b := r.buffer(); b == page || b == content {
			t.Fatal("a buffer of the abandoned layout went back to the pool")
		}
	}
}
