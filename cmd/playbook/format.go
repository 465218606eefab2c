package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/playbookhq/playbook/generator/diag"
)

// The output formats of check and report.
const (
	formatText   = "text"
	formatJSON   = "json"
	formatGitHub = "github"
)

// checkFormat is a --format flag that takes one of a list of formats.
type checkFormat struct {
	value   string
	allowed []string
}

func (f *checkFormat) String() string { return f.value }
func (f *checkFormat) Type() string   { return "format" }
func (f *checkFormat) Set(s string) error {
	for _, a := range f.allowed {
		if s == a {
			f.value = s
			return nil
		}
	}
	return fmt.Errorf("want %s", strings.Join(f.allowed, ", "))
}

// dateFlag is a --date flag: a day as 2026-09-30, or "today".
type dateFlag struct {
	t   time.Time
	set bool
}

func (d *dateFlag) String() string {
	if !d.set {
		return ""
	}
	return d.t.Format(time.DateOnly)
}
func (d *dateFlag) Type() string { return "date" }
func (d *dateFlag) Set(s string) error {
	if s == "today" {
		y, m, day := time.Now().Date()
		d.t, d.set = time.Date(y, m, day, 0, 0, 0, 0, time.UTC), true
		return nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return fmt.Errorf("want a day such as 2026-09-30, or today")
	}
	d.t, d.set = t, true
	return nil
}

// addDateFlag adds --date to a command's flags.
func addDateFlag(f *pflag.FlagSet, d *dateFlag) {
	f.Var(d, "date", "reference `DAY` for review dates (2026-09-30, or today); default: $SOURCE_DATE_EPOCH, else the day of the site's newest commit")
}

// referenceDate is the --date given, else the day of SOURCE_DATE_EPOCH
// (seconds since 1970, the reproducible-builds convention), else zero: the
// build then takes the day of the site's newest commit.
func referenceDate(d *dateFlag) (time.Time, error) {
	if d.set {
		return d.t, nil
	}
	if v := os.Getenv("SOURCE_DATE_EPOCH"); v != "" {
		n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		if err != nil {
			return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q: want a number of seconds since 1970", v)
		}
		return time.Unix(n, 0).UTC(), nil
	}
	return time.Time{}, nil
}

// diagJSON is one diagnostic in --format json.
type diagJSON struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Col      int    `json:"col"`
	Severity string `json:"severity"`
	Kind     string `json:"kind"`
	Message  string `json:"message"`
}

// checkJSON is the output of check --format json.
type checkJSON struct {
	OK          bool       `json:"ok"`
	Errors      int        `json:"errors"`
	Warnings    int        `json:"warnings"`
	Pages       int        `json:"pages"`
	Sections    int        `json:"sections"`
	Diagnostics []diagJSON `json:"diagnostics"`
}

// writeJSON writes every diagnostic, sorted, as one JSON document. ok
// says whether the check passed.
func writeJSON(w io.Writer, l diag.List, ok bool, pages, sections int) error {
	l.Sort()
	out := checkJSON{OK: ok, Errors: len(l.Errors()), Warnings: len(l.Warnings()), Pages: pages, Sections: sections, Diagnostics: []diagJSON{}}
	for _, d := range l {
		out.Diagnostics = append(out.Diagnostics, diagJSON{File: d.Pos.File, Line: d.Pos.Line, Col: d.Pos.Col, Severity: d.Severity.String(), Kind: d.Kind, Message: d.Msg})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// writeGitHub writes the diagnostics as GitHub Actions workflow commands,
// which GitHub shows as annotations on the files of a pull request:
//
//	::error file=content/a.md,line=3,col=5,title=broken-link::broken link "b.md"
//
// Paths are made relative to the repository by putting the site folder
// (a relative -s) before them. The report is summarized as the text one is
// (20 of a kind per file, then a line counting the rest).
func writeGitHub(w io.Writer, l diag.List, site string) {
	site = filepath.ToSlash(filepath.Clean(site))
	for _, d := range l.Summarize(diag.MaxPerKind) {
		file := d.Pos.File
		if site != "." && !filepath.IsAbs(site) && file != "" {
			file = site + "/" + file
		}
		var props []string
		if file != "" {
			props = append(props, "file="+ghProperty(file))
		}
		if d.Pos.Line > 0 {
			props = append(props, "line="+strconv.Itoa(d.Pos.Line))
		}
		if d.Pos.Col > 0 {
			props = append(props, "col="+strconv.Itoa(d.Pos.Col))
		}
		if d.Kind != "" {
			props = append(props, "title="+ghProperty(d.Kind))
		}
		fmt.Fprintf(w, "::%s %s::%s\n", d.Severity, strings.Join(props, ","), ghData(d.Msg))
	}
}

// ghData escapes a workflow command's message.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProperty escapes a workflow command's property value.
func ghProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
