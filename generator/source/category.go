package source

import (
	"context"
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
// neighbours.
type Category struct {
	Label    string
	Position float64
	// HasPosition is set when the file gives a position, 0 included.
	HasPosition bool
}

// maxCategorySize bounds a category file: a label, a position and a few
// settings.
const maxCategorySize = 64 << 10

// IsCategoryFile reports whether name is a Docusaurus category file.
func IsCategoryFile(name string) bool {
	switch path.Base(name) {
	case "_category_.json", "_category_.yml", "_category_.yaml":
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
		cats[path.Dir(f)], read[path.Dir(f)] = c, path.Base(f)
	}
	return cats, rest, diags
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
	var raw map[string]any
	if err := yaml.Unmarshal(data, &raw); err != nil {
		msg, _, _ := strings.Cut(err.Error(), "\n")
		if m := yamlPosRE.FindStringSubmatch(msg); m != nil {
			pos.Line, _ = strconv.Atoi(m[1])
			pos.Col, _ = strconv.Atoi(m[2])
			msg = msg[len(m[0]):]
		}
		return Category{}, pos, fmt.Errorf("cannot read %s: %s", path.Base(name), msg)
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
