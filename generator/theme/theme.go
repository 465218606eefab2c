// Package theme loads a theme's html/template layouts and static assets and
// executes the layouts for pages.
//
// A theme is a folder with layouts/ and assets/. Themes are layered: the
// site's own themes/<name>/ is searched first, then the built-in default
// theme, so a site overrides any single template or asset by giving a file
// the same path.
//
// Only regular files are theme files: symbolic links, named pipes, devices
// and sockets in a layer are skipped with a warning. Files are read through
// sitefs.ReadFile, templates and strings files up to MaxTextSize, assets up
// to sitefs.MaxFileSize.
package theme

import (
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/playbookhq/playbook/generator/diag"
	"github.com/playbookhq/playbook/generator/sitefs"
)

// MaxTextSize is the largest template or strings file read: 1 MB.
const MaxTextSize = 1 << 20

// Layer is one folder of theme files.
type Layer struct {
	// Name is how diagnostics name the folder, for example "themes/default".
	Name string
	FS   fs.FS
}

// Theme is a loaded theme.
type Theme struct {
	kinds  map[string]*template.Template
	assets map[string]asset
	// shared holds, per layout, the templates whose output pages share
	// (see PageView.Shared).
	shared map[*template.Template]map[string]Sharing
}

type asset struct {
	layer fs.FS
	name  string // of the layer
	path  string
}

// Kinds are the layouts every theme provides, one per kind of page.
var Kinds = []string{"home", "section", "page", "404"}

// fallbacks maps the optional, more specific layouts to the layout used
// when a theme does not have them.
var fallbacks = map[string]string{
	"team": "page", "role": "page", "roles": "section",
	"checklists": "section", "tags": "section", "tag": "section", "owners": "section",
}

// Load parses the layouts of the layers, the first layer winning. funcs are
// made available to every template.
func Load(layers []Layer, funcs template.FuncMap) (*Theme, diag.List) {
	ld := &loader{files: map[string]Layer{}}
	for i := len(layers) - 1; i >= 0; i-- {
		ld.walk(layers[i])
	}
	all := template.FuncMap{"icon": noIcon}
	maps.Copy(all, funcs)
	base := ld.parseShared(template.New("").Funcs(all))
	if ld.diags.Err() != nil {
		return nil, ld.diags
	}
	t := &Theme{kinds: ld.parseKinds(base, layers[0].Name), assets: ld.assets(), shared: map[*template.Template]map[string]Sharing{}}
	if ld.diags.Err() != nil {
		return nil, ld.diags
	}
	for _, tpl := range t.kinds {
		tpl.Funcs(template.FuncMap{"icon": newIcons(tpl).get})
	}
	for _, tpl := range t.kinds {
		t.shared[tpl] = sharedTemplates(tpl)
	}
	return t, ld.diags
}

// icons renders the templates of a layout named icon-NAME, for the
// template function icon: the lists rendered in Go (see cards.go) show an
// icon in every entry, and a template call for each would cost what
// rendering the list in Go saves. Each icon is rendered once, when a page
// first asks for it, inside that page's layout (and so within its time
// limit), from a copy of the layout's templates in which an icon cannot
// place another with icon: icons take no data, and one that placed
// itself would recurse without end.
type icons struct {
	set  *template.Template
	mu   sync.Mutex
	done map[string]iconResult
}

type iconResult struct {
	html template.HTML
	err  error
}

// newIcons returns the icons of the layout tpl, which must not have been
// executed yet.
func newIcons(tpl *template.Template) *icons {
	set, _ := tpl.Clone() // cannot fail before tpl is executed
	set.Funcs(template.FuncMap{"icon": func(string) (template.HTML, error) {
		return "", errors.New("an icon cannot place another with icon; use {{template}}")
	}})
	return &icons{set: set, done: map[string]iconResult{}}
}

// get returns the icon called name: the template icon-NAME executed
// without data.
func (ic *icons) get(name string) (template.HTML, error) {
	ic.mu.Lock()
	r, ok := ic.done[name]
	ic.mu.Unlock()
	if ok {
		return r.html, r.err
	}
	if ic.set.Lookup("icon-"+name) == nil {
		r.err = fmt.Errorf("no icon %q: define a template named %q", name, "icon-"+name)
	} else {
		var b strings.Builder
		r.err = ic.set.ExecuteTemplate(&limitWriter{w: &b, left: chromeLimit}, "icon-"+name, nil)
		r.html = template.HTML(b.String()) // #nosec: the theme's own markup
	}
	ic.mu.Lock()
	ic.done[name] = r
	ic.mu.Unlock()
	return r.html, r.err
}

// noIcon stands for the function icon while the templates are parsed;
// each layout gets its own (newIcons).
func noIcon(name string) (template.HTML, error) {
	return "", fmt.Errorf("no icon %q outside a layout", name)
}

// loader finds a theme's files in its layers and parses its templates,
// collecting what goes wrong.
type loader struct {
	// files maps each theme file's path to the layer it is read from.
	files map[string]Layer
	diags diag.List
}

// walk records the regular files of a layer, overriding those of the
// layers walked before it, and warns about the files it skips.
func (ld *loader) walk(l Layer) {
	_ = fs.WalkDir(l.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p != "." {
				ld.diags.Warn(diag.Pos{File: l.Name + "/" + p}, "cannot read: %v", unwrapPath(err))
			}
			return nil
		}
		if d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			ld.diags.SymlinkSkipped(diag.Pos{File: l.Name + "/" + p})
			return nil
		}
		if !d.Type().IsRegular() {
			ld.diags.Warn(diag.Pos{File: l.Name + "/" + p}, "skipped: %s, not a regular file", sitefs.Kind(d.Type()))
			return nil
		}
		ld.files[p] = l
		return nil
	})
}

// assets returns the files under assets/, keyed by their path below it.
func (ld *loader) assets() map[string]asset {
	assets := map[string]asset{}
	for p, l := range ld.files {
		if rest, ok := strings.CutPrefix(p, "assets/"); ok {
			assets[rest] = asset{layer: l.FS, name: l.Name, path: p}
		}
	}
	return assets
}

// read returns a template's name for diagnostics (its layer's name and
// its path) and its text. The error is a missingError when no layer has
// the file and a readError when it cannot be read.
func (ld *loader) read(p string) (name, text string, err error) {
	l, ok := ld.files[p]
	if !ok {
		return "", "", missingError{}
	}
	b, err := sitefs.ReadFile(l.FS, p, MaxTextSize)
	if err != nil {
		err = readError{unwrapPath(err)}
	}
	return l.Name + "/" + p, string(b), err
}

// fail reports an error of reading or parsing a template.
func (ld *loader) fail(err error, name string) {
	var re readError
	var le *sitefs.LimitError
	switch {
	case errors.As(err, &le):
		ld.diags.Add(diag.Pos{File: name, Line: 1, Col: 1}, "%v for a template", le)
	case errors.As(err, &re):
		ld.diags.Add(diag.Pos{File: name}, "cannot read: %v", re.err)
	default:
		ld.diags = append(ld.diags, TemplateDiag(err, name))
	}
}

// parseShared parses base.html and the partials into base, which every
// layout is a clone of.
func (ld *loader) parseShared(base *template.Template) *template.Template {
	for _, p := range slices.Sorted(maps.Keys(ld.files)) {
		if !(strings.HasPrefix(p, "layouts/partials/") && strings.HasSuffix(p, ".html") || p == "layouts/base.html") {
			continue
		}
		name, text, err := ld.read(p)
		if err == nil {
			_, err = base.New(name).Parse(text)
		}
		if err != nil {
			ld.fail(err, name)
		}
	}
	return base
}

// parseKinds parses the layout of each kind of page, each in a clone of
// base, and reports the layouts every theme must have and this one lacks;
// first names the layer that should have them. A layout that is not a
// whole document is entered through base.html, when there is one.
func (ld *loader) parseKinds(base *template.Template, first string) map[string]*template.Template {
	kinds := map[string]*template.Template{}
	baseName := ""
	if l, ok := ld.files["layouts/base.html"]; ok {
		baseName = l.Name + "/layouts/base.html"
	}
	for _, kind := range append(slices.Clone(Kinds), slices.Sorted(maps.Keys(fallbacks))...) {
		name, text, err := ld.read("layouts/" + kind + ".html")
		_, missing := err.(missingError)
		if missing && fallbacks[kind] != "" {
			continue
		}
		if missing {
			ld.diags.Add(diag.Pos{File: first + "/layouts/" + kind + ".html"}, "theme has no %s layout", kind)
			continue
		}
		clone, _ := base.Clone()
		if err == nil {
			_, err = clone.New(name).Parse(text)
		}
		if err != nil {
			ld.fail(err, name)
			continue
		}
		entry := name
		if baseName != "" && clone.Lookup(name).Tree != nil && !definesRoot(text) {
			entry = baseName
		}
		kinds[kind] = clone.Lookup(entry)
	}
	return kinds
}

// missingError says that no layer has a template.
type missingError struct{}

func (missingError) Error() string { return "no such template" }

// readError is an error reading a template file, as opposed to parsing it.
type readError struct{ err error }

func (e readError) Error() string { return e.err.Error() }

func (e readError) Unwrap() error { return e.err }

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// definesRoot reports whether a layout is a whole document rather than
// blocks for base.html to place.
func definesRoot(text string) bool {
	return strings.Contains(strings.ToLower(text), "<!doctype")
}

// Execute writes the page of the given kind. It fails with
// ErrPageTooLarge once the page passes pageLimit bytes.
func (t *Theme) Execute(w io.Writer, kind string, data any) error {
	tpl, err := t.layout(kind)
	if err != nil {
		return err
	}
	return tpl.Execute(&limitWriter{w: w, left: pageLimit(data)}, data)
}

// Room for what a layout writes around a page's text, and how many times
// over it may write the text itself: a layout that writes more loops
// without end, and fails there instead of running until it fills the
// memory. A page is rendered with its text once (its table of contents is
// smaller), so no page of any size comes near.
const (
	chromeLimit = 16 << 20
	textTimes   = 8
)

// pageLimit returns the most a layout may write for a page with data.
func pageLimit(data any) int {
	if v, ok := data.(*PageView); ok {
		return chromeLimit + textTimes*len(v.Content)
	}
	return chromeLimit
}

// ErrPageTooLarge is the error of a template that writes more than a page
// can hold.
var ErrPageTooLarge = errors.New("the layout writes far more than the page's text: does a template loop without end?")

// limitWriter writes to w until left bytes are written, and then fails.
type limitWriter struct {
	w    io.Writer
	left int
}

func (l *limitWriter) Write(p []byte) (int, error) {
	if len(p) > l.left {
		return 0, ErrPageTooLarge
	}
	l.left -= len(p)
	return l.w.Write(p)
}

// layout returns the template set of a page kind, or of its fallback.
func (t *Theme) layout(kind string) (*template.Template, error) {
	tpl, ok := t.kinds[kind]
	if !ok {
		tpl, ok = t.kinds[fallbacks[kind]]
	}
	if !ok {
		return nil, fmt.Errorf("theme has no %s layout", kind)
	}
	return tpl, nil
}

// ExecuteTemplate executes the template called name (a partial such as
// "nav") as the layout for kind sees it. It fails as Execute does.
func (t *Theme) ExecuteTemplate(w io.Writer, kind, name string, data any) error {
	tpl, err := t.layout(kind)
	if err != nil {
		return err
	}
	return tpl.ExecuteTemplate(&limitWriter{w: w, left: pageLimit(data)}, name, data)
}

// Sharing says which pages the template called name, as the layout for
// kind sees it, writes the same on when it is executed with their views:
// every page of a language (ByLanguage) when it reads nothing of the view
// but the page's language, Site, Model, CollabMap, CollabTeams and Feed;
// every page of a language with the same parent (ByFolder) when it reads
// no more than that and the page's Parent and Ancestors.
func (t *Theme) Sharing(kind, name string) Sharing {
	tpl, err := t.layout(kind)
	if err != nil {
		return ByPage
	}
	return t.shared[tpl][name]
}

// Assets lists the theme's asset paths (relative to assets/), sorted.
func (t *Theme) Assets() []string { return slices.Sorted(maps.Keys(t.assets)) }

// ReadAsset returns an asset's content, at most sitefs.MaxFileSize bytes.
func (t *Theme) ReadAsset(p string) ([]byte, error) {
	a, ok := t.assets[p]
	if !ok {
		return nil, fs.ErrNotExist
	}
	return sitefs.ReadFile(a.layer, a.path, sitefs.MaxFileSize)
}

// AssetFile returns the path of an asset as diagnostics name it, for
// example "themes/default/assets/css/style.css".
func (t *Theme) AssetFile(p string) string {
	a, ok := t.assets[p]
	if !ok {
		return "assets/" + p
	}
	return a.name + "/" + a.path
}

// HasAsset reports whether the theme has the asset.
func (t *Theme) HasAsset(p string) bool {
	_, ok := t.assets[path.Clean(p)]
	return ok
}

var templateErr = regexp.MustCompile(`^template: (\S+?):(\d+):(?:(\d+):)? ?(.*)$`)

// TemplateDiag converts an html/template error to a diagnostic at the
// template file and line it names.
func TemplateDiag(err error, fallback string) diag.Diagnostic {
	if pe := (partError{}); errors.As(err, &pe) {
		err = pe.err
	}
	msg := err.Error()
	pos := diag.Pos{File: fallback}
	if m := templateErr.FindStringSubmatch(msg); m != nil {
		pos.File = m[1]
		pos.Line, _ = strconv.Atoi(m[2])
		pos.Col, _ = strconv.Atoi(m[3])
		msg = m[4]
	}
	return diag.Diagnostic{Pos: pos, Severity: diag.Error, Kind: "template", Msg: "template error: " + msg}
}
