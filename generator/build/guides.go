package build

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/playbookhq/playbook/generator/markdown"
	"github.com/playbookhq/playbook/generator/source"
)

// guideTitle returns the user-guide-title of an Experience League TOC.md
// or metadata.md, as text, or "".
func guideTitle(d *source.Doc) string {
	for _, k := range slices.Sorted(maps.Keys(d.Front)) {
		if strings.EqualFold(k, "user-guide-title") && d.Front[k] != nil {
			return markdown.InlineText(strings.TrimSpace(fmt.Sprint(d.Front[k])))
		}
	}
	return ""
}
