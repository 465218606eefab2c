package render

import (
	"context"

	"github.com/playbookhq/playbook/generator/internal/work"
	"github.com/playbookhq/playbook/generator/model"
	"github.com/playbookhq/playbook/generator/output"
	"github.com/playbookhq/playbook/generator/search"
)

// SearchFiles builds the search index of a site from its pages' analyses
// by source path, made by a.
func SearchFiles(site *model.Site, analyses map[string]*search.Analysis, a *search.Analyzer) []search.File {
	return search.Build(site, analyses, a, search.Options{}).Files()
}

// WriteFiles writes files to w on every core (a search index has a file
// per page and more).
func WriteFiles(ctx context.Context, w output.Writer, files []search.File) error {
	errs := make([]error, len(files))
	work.Each(ctx, len(files), func(i int) {
		errs[i] = w.WriteFile(files[i].Name, files[i].Data)
	})
	if err := ctx.Err(); err != nil {
		return err
	}
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// Extras writes the sitemap, robots.txt, the alias redirects and the
// feeds. Written after the content files, they win over content files of
// the same name.
func (r *Renderer) Extras(w output.Writer) error {
	if err := r.Sitemap(w); err != nil {
		return err
	}
	if err := r.Robots(w); err != nil {
		return err
	}
	if err := r.Aliases(w); err != nil {
		return err
	}
	return r.Feeds(w)
}
