package build

import (
	"github.com/playbookhq/playbook/generator/model"
	"github.com/playbookhq/playbook/generator/theme"
)

// listTitles are the interface strings that title the list pages the
// model generates, by layout.
var listTitles = map[string]string{"checklists": "checklists", "tags": "tags", "owners": "owners"}

// titleListPages titles the generated list pages (/checklists/, /tags/,
// /owners/) in their language, so that every place that names them (the
// language switcher, <title>, the sitemap, the search index) names them
// as the page does.
func titleListPages(site *model.Site, strs *theme.Strings) {
	for _, p := range site.Pages() {
		if key, ok := listTitles[p.Layout]; ok && p.Generated && p.Input == nil {
			if t, ok := strs.Lookup(key, p.Lang); ok {
				p.Title = t
			}
		}
	}
}
