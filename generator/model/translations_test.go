package model_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/playbookhq/playbook/generator/diag"
	"github.com/playbookhq/playbook/generator/model"
	"github.com/playbookhq/playbook/generator/source"
)

// buildFS builds the model of an in-memory content tree in English and
// Swedish.
func buildFS(t *testing.T, files map[string]string) (*model.Site, diag.List) {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	set, diags := source.Load(t.Context(), fsys, source.Options{KnownKeys: model.HandbookKeys})
	var inputs []*model.PageInput
	for _, doc := range set.Docs {
		inputs = append(inputs, &model.PageInput{Doc: doc})
	}
	site, d := model.Build(inputs, model.Options{Languages: []string{"en", "sv"}, SiteTitle: "Fixture"})
	return site, append(diags, d...)
}

func TestTranslationLinking(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		// want maps a page's path to the paths of its translations.
		want     map[string]string
		wantWarn string
	}{{
		name: "by file name",
		files: map[string]string{
			"_index.md": "# Home", "_index.sv.md": "# Hem",
			"teams/it/index.md": "# IT", "teams/it/index.sv.md": "# IT",
			"guides/a.md": "# A", "guides/a.sv.md": "# A på svenska",
		},
		want: map[string]string{
			"_index.md": "_index.sv.md", "_index.sv.md": "_index.md",
			"teams/it/index.md": "teams/it/index.sv.md", "teams/it/index.sv.md": "teams/it/index.md",
			"guides/a.md": "guides/a.sv.md", "guides/a.sv.md": "guides/a.md",
		},
	}, {
		name: "by exl-id across file names",
		files: map[string]string{
			"_index.md":                "# Home",
			"guides/working.md":        "---\nexl-id: 1f6a-77\n---\n# Working together",
			"guides/samarbete.sv.md":   "---\nexl-id: 1f6a-77\n---\n# Samarbete",
			"guides/other.md":          "---\nexl-id: other\n---\n# Other",
			"guides/nothing-alike.md":  "# Nothing",
			"guides/nothing-alike2.md": "# Nothing 2",
		},
		want: map[string]string{
			"guides/working.md": "guides/samarbete.sv.md", "guides/samarbete.sv.md": "guides/working.md",
			"guides/other.md": "", "guides/nothing-alike.md": "",
		},
	}, {
		name: "translationKey wins over exl-id",
		files: map[string]string{
			"_index.md":        "# Home",
			"a.md":             "---\ntranslationKey: shared\nexl-id: x1\n---\n# A",
			"b.sv.md":          "---\ntranslationKey: shared\nexl-id: x2\n---\n# B",
			"c.sv.md":          "---\nexl-id: x1\n---\n# C",
			"mixedcase.md":     "---\nTranslationKey: mk\n---\n# M",
			"mixedcase2.sv.md": "---\ntranslationkey: mk\n---\n# M2",
		},
		want: map[string]string{
			"a.md": "b.sv.md", "b.sv.md": "a.md", "c.sv.md": "",
			"mixedcase.md": "mixedcase2.sv.md", "mixedcase2.sv.md": "mixedcase.md",
		},
	}, {
		name: "a translation without the key joins by file name",
		files: map[string]string{
			"_index.md":   "# Home",
			"guide.md":    "---\nexl-id: g-1\n---\n# Guide",
			"guide.sv.md": "# Guide på svenska",
		},
		want: map[string]string{"guide.md": "guide.sv.md", "guide.sv.md": "guide.md"},
	}, {
		name: "the key beats the file name",
		files: map[string]string{
			"_index.md":   "# Home",
			"guide.md":    "---\nexl-id: g-1\n---\n# Guide",
			"guide.sv.md": "# Old Swedish guide",
			"ny.sv.md":    "---\nexl-id: g-1\n---\n# Ny guide",
		},
		want: map[string]string{"guide.md": "ny.sv.md", "ny.sv.md": "guide.md", "guide.sv.md": ""},
	}, {
		name: "duplicate key in one language",
		files: map[string]string{
			"_index.md": "# Home",
			"a.md":      "---\nexl-id: dup\n---\n# A",
			"b.md":      "---\ntitle: B\nexl-id: dup\n---\n# B",
			"a.sv.md":   "---\nexl-id: dup\n---\n# A sv",
		},
		want:     map[string]string{"a.md": "a.sv.md", "a.sv.md": "a.md", "b.md": "a.sv.md"},
		wantWarn: `b.md:3:1: warning: exl-id "dup" is also used by a.md in the same language`,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site, diags := buildFS(t, tt.files)
			if errs := diags.Errors(); len(errs) > 0 {
				t.Fatalf("errors:\n%s", errs)
			}
			for path, want := range tt.want {
				p := site.PageByPath(path)
				if p == nil {
					t.Fatalf("no page %s", path)
				}
				var got []string
				for _, q := range p.Translations {
					got = append(got, q.Path)
				}
				if strings.Join(got, " ") != want {
					t.Errorf("%s: translations %q, want %q", path, got, want)
				}
			}
			warnings := diags.Warnings().String()
			if tt.wantWarn != "" && !strings.Contains(warnings, tt.wantWarn) {
				t.Errorf("warnings:\n%s\nwant %s", warnings, tt.wantWarn)
			}
			if tt.wantWarn == "" && strings.Contains(warnings, "translation") {
				t.Errorf("unexpected warnings:\n%s", warnings)
			}
		})
	}
}
