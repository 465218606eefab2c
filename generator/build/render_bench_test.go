//go:build unix

package build

import (
	"runtime"
	"sync/atomic"
	"syscall"
	"testing"

	"github.com/playbookhq/playbook/generator/render"
)

// countWriter counts the bytes written to it and keeps none.
type countWriter struct{ n atomic.Int64 }

func (w *countWriter) WriteFile(_ string, data []byte) error {
	w.n.Add(int64(len(data)))
	return nil
}

// Borrows makes countWriter an output.Borrower, as the output folder is.
func (w *countWriter) Borrows() {}

// BenchmarkRenderPages renders every page of a generated 1,000-page
// handbook, after the stages before rendering have run once, and reports
// per page the time, the CPU time of the process (which, unlike the time,
// does not grow when other work shares the machine) and the allocations.
func BenchmarkRenderPages(b *testing.B) {
	f := generatedFront(b, 1000)
	pages := len(f.site.Pages())
	b.ReportAllocs()
	var w countWriter
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	cpu := cpuNanos()
	b.ResetTimer()
	for b.Loop() {
		r := render.New(f.renderInput())
		if d, err := r.Pages(b.Context(), &w, nil, nil); err != nil || d.Err() != nil {
			b.Fatal(err, d.Err())
		}
	}
	cpu = cpuNanos() - cpu
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(cpu)/float64(b.N*pages), "cpu-ns/page")
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/float64(b.N*pages), "allocs/page")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*pages), "ns/page")
	b.ReportMetric(float64(w.n.Load())/float64(b.N*pages), "B-out/page")
}

// cpuNanos returns the CPU time the process has used, user and system, in
// nanoseconds.
func cpuNanos() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
