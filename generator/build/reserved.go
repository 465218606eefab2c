package build

import (
	"github.com/playbookhq/playbook/generator/model"
	"github.com/playbookhq/playbook/generator/search"
	"github.com/playbookhq/playbook/generator/theme"
)

// reservedPaths lists what the build writes beside the pages, the content
// files and the alias redirects (see renderPages, copyFiles, writeExtras
// and writeFeeds), so that the model reports a page, an alias or a file
// that would take one of them. The feeds are reserved in every language
// whether or not the git history gives them pages, so that the same
// content is accepted with and without git.
func reservedPaths(th *theme.Theme) []model.Reserved {
	var out []model.Reserved
	if th != nil {
		for _, a := range th.Assets() {
			out = append(out, model.Reserved{Name: "assets/" + a, What: "the theme's file " + th.AssetFile(a)})
		}
	}
	return append(out,
		model.Reserved{Name: "assets/css/chroma.css", What: "the code-highlighting stylesheet"},
		model.Reserved{Name: "404.html", What: "the not-found page", PerLanguage: true},
		model.Reserved{Name: "sitemap.xml", What: "the sitemap"},
		model.Reserved{Name: "robots.txt", What: "the generated robots.txt"},
		model.Reserved{Name: "feed.xml", What: "the feed", PerLanguage: true},
		// The owners page, whether or not pages have owners yet: adding an
		// owner, or a CODEOWNERS file, must not take a page's URL.
		model.Reserved{Name: "owners/index.html", What: "the generated owners page", PerLanguage: true},
		model.Reserved{Name: search.Dir + "/", What: "the search index"},
	)
}
