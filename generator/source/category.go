package source

import (
	"context"
	"fmt"
	"io/fs"
	"path"
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
	rest := make([]string, 0, len(files))
	for _, f := range files {
		if !IsCategoryFile(f) {
			rest = append(rest, f)
			continue
		}
		if ctx.Err() != nil {
			break
		}
		c, err := readCategory(fsys, f)
		if err != nil {
			diags.AddKind("front-matter", diag.Warning, diag.Pos{File: f, Line: 1, Col: 1}, "%v; its folder's label and place are left as they were", err)
			continue
		}
		// _category_.json wins over the YAML forms, as the paths sort.
		if _, seen := cats[path.Dir(f)]; !seen {
			cats[path.Dir(f)] = c
		}
	}
	return cats, rest, diags
}

// readCategory reads the label and position of a category file; YAML
// reads JSON too.
func readCategory(fsys fs.FS, name string) (Category, error) {
	data, err := sitefs.ReadFile(fsys, name, maxCategorySize)
	if err != nil {
		return Category{}, err
	}
	var raw map[string]any
	if err := yaml.Unmarshal(data, &raw); err != nil {
		msg, _, _ := strings.Cut(err.Error(), "\n")
		return Category{}, fmt.Errorf("cannot read %s: %s", path.Base(name), msg)
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
	return c, nil
}
