package source

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"

	"github.com/playbookhq/playbook/generator/diag"
	"github.com/playbookhq/playbook/generator/sitefs"
)

// Category is what a Docusaurus _category_.json (or .yml) says of its
// folder: the label the sidebar shows for it and its place among its
// neighbours; or what the .pages file of MkDocs' awesome-pages plugin
// says: its label, and the order of the pages and folders in it.
type Category struct {
	Label    string
	Position float64
	// HasPosition is set when the file gives a position, 0 included.
	HasPosition bool
	// PagesTitle is the title of the folder's .pages file, which names
	// the folder in the navigation even when it has a page of its own.
	PagesTitle string `json:",omitempty"`
	// Order names the folder's pages (by file name) and folders in the
	// order its .pages lists them, with "..." where the others go; without
	// "...", the others are left out of the navigation. It is nil without
	// a nav in .pages.
	Order []string `json:",omitempty"`
}

// maxCategorySize bounds a category file: a label, a position and a few
// settings.
const maxCategorySize = 64 << 10

// IsCategoryFile reports whether name is a Docusaurus category file or
// an awesome-pages .pages file: a file that says how its folder is listed.
func IsCategoryFile(name string) bool {
	switch path.Base(name) {
	case "_category_.json", "_category_.yml", "_category_.yaml", sitefs.AwesomePages:
		return true
	}
	return false
}

// SplitCategories reads the category files among files, which are not
// published, and returns what each says of its folder, keyed by the
// folder's path, with the other files. A file that cannot be read is
// reported and says nothing.
func SplitCategories(ctx context.Context, fsys fs.FS, files []string) (map[string]Category, []string, diag.List) {
	if !slices.ContainsFunc(files, IsCategoryFile) {
		return nil, files, nil
	}
	var diags diag.List
	cats := map[string]Category{}
	read := map[string]string{} // the file each folder's category came from
	rest := make([]string, 0, len(files))
	for _, f := range files {
		if !IsCategoryFile(f) {
			rest = append(rest, f)
			continue
		}
		if ctx.Err() != nil {
			break
		}
		if path.Base(f) == sitefs.AwesomePages {
			label, order, d := readAwesomePages(fsys, f)
			diags = append(diags, d...)
			c := cats[path.Dir(f)]
			c.Label, c.Order, c.PagesTitle = cmp.Or(c.Label, label), order, label
			cats[path.Dir(f)] = c
			continue
		}
		// _category_.json wins over the YAML forms, as the paths sort.
		if first, seen := read[path.Dir(f)]; seen {
			diags.AddKind("front-matter", diag.Warning, diag.Pos{File: f, Line: 1, Col: 1}, "left out: %s in the same folder gives its label and place", first)
			continue
		}
		c, pos, err := readCategory(fsys, f)
		if err != nil {
			diags.AddKind("front-matter", diag.Warning, pos, "%v; its folder's label and place are left as they were", err)
			continue
		}
		c.Order, c.PagesTitle = cats[path.Dir(f)].Order, cats[path.Dir(f)].PagesTitle // a .pages beside it (".pages" sorts first)
		c.Label = cmp.Or(c.Label, cats[path.Dir(f)].Label)
		cats[path.Dir(f)], read[path.Dir(f)] = c, path.Base(f)
	}
	return cats, rest, diags
}

// decodeSmallYAML decodes a small YAML (or JSON) file of settings, name,
// after the checks front matter gets: nothing nested past MaxNesting, no
// aliases that stand for more than MaxExpanded. Else it says where in the
// file (as the decoder's error does) and why, in one line.
func decodeSmallYAML(name string, data []byte) (map[string]any, diag.Pos, error) {
	pos := diag.Pos{File: name, Line: 1, Col: 1}
	if d := NestingError(name, 1, data, false, ""); d != nil {
		return nil, pos, errors.New(d.Msg)
	}
	if bytes.IndexByte(data, '*') >= 0 && expandedSize(data, MaxExpanded) > MaxExpanded {
		return nil, pos, errors.New("its YAML aliases (*name) stand for too much")
	}
	var raw map[string]any
	if err := yaml.Unmarshal(data, &raw); err != nil {
		msg, _, _ := strings.Cut(err.Error(), "\n")
		if m := yamlPosRE.FindStringSubmatch(msg); m != nil {
			pos.Line, _ = strconv.Atoi(m[1])
			pos.Col, _ = strconv.Atoi(m[2])
			msg = msg[len(m[0]):]
		}
		return nil, pos, errors.New(msg)
	}
	return raw, pos, nil
}

// yamlPosRE is where a YAML decoding error says it is: "[3:17] …".
var yamlPosRE = regexp.MustCompile(`^\[(\d+):(\d+)\]\s*`)

// readCategory reads the label and position of a category file (YAML
// reads JSON too), or says where and why it cannot.
func readCategory(fsys fs.FS, name string) (Category, diag.Pos, error) {
	pos := diag.Pos{File: name, Line: 1, Col: 1}
	data, err := sitefs.ReadFile(fsys, name, maxCategorySize)
	if err != nil {
		return Category{}, pos, err
	}
	raw, pos, err := decodeSmallYAML(name, data)
	if err != nil {
		return Category{}, pos, fmt.Errorf("cannot read %s: %v", path.Base(name), err)
	}
	var c Category
	if l, ok := raw["label"].(string); ok {
		c.Label = strings.TrimSpace(l)
	}
	switch v := raw["position"].(type) {
	case uint64:
		c.Position, c.HasPosition = float64(v), true
	case int64:
		c.Position, c.HasPosition = float64(v), true
	case float64:
		c.Position, c.HasPosition = v, true
	case string:
		if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
			c.Position, c.HasPosition = f, true
		}
	}
	if math.IsNaN(c.Position) || math.IsInf(c.Position, 0) {
		c.Position, c.HasPosition = 0, false // no place among numbers
	}
	return c, pos, nil
}

// readAwesomePages reads the title and the nav of a .pages file of MkDocs'
// awesome-pages plugin: the folder's label, and its pages (file names)
// and folders in order, with "..." where the rest go (the rest are left
// out of the navigation when it is not there). A nav entry may be
// a name, a title and a name ("CI/CD: ci.md", whose title playbook leaves
// to the page), "..." (with or without a filter after it), or a title and
// an address, which is left out. Without a nav, order is nil; what
// cannot be read is a warning, and says nothing.
//
// Written here: awesome-pages is a Python plugin, and its file is three
// keys of YAML.
func readAwesomePages(fsys fs.FS, name string) (label string, order []string, diags diag.List) {
	pos := diag.Pos{File: name, Line: 1, Col: 1}
	var data []byte
	var err error
	if ex, ok := fsys.(interface {
		ReadExempt(string, int64) ([]byte, error)
	}); ok {
		data, err = ex.ReadExempt(name, maxCategorySize)
	} else {
		data, err = fs.ReadFile(fsys, name)
	}
	var raw map[string]any
	if err == nil {
		raw, pos, err = decodeSmallYAML(name, data)
	} else {
		err = unwrapPath(err)
	}
	if err != nil {
		diags.AddKind("front-matter", diag.Warning, pos, "cannot read %s: %v; its folder's title and order are left as they were", path.Base(name), err)
		return "", nil, diags
	}
	if t, ok := raw["title"].(string); ok {
		label = strings.TrimSpace(t)
	}
	nav, ok := raw["nav"].([]any)
	if !ok {
		nav, ok = raw["arrange"].([]any) // the plugin's first name for it
	}
	if !ok {
		return label, nil, nil
	}
	rest := false
	order = []string{}
	for _, e := range nav {
		entry, _ := e.(string)
		if m, ok := e.(map[string]any); ok && len(m) == 1 {
			for _, v := range m {
				entry, _ = v.(string)
			}
		}
		entry = strings.TrimSpace(entry)
		switch {
		case strings.HasPrefix(entry, "..."):
			if !rest {
				order, rest = append(order, "..."), true
			}
		case entry == "" || strings.Contains(entry, "://") || strings.Contains(entry, "/"):
			// An address, or a path into another folder.
		default:
			order = append(order, entry)
		}
	}
	return label, order, nil
}
