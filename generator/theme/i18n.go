package theme

import (
	"errors"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/playbookhq/playbook/generator/diag"
	"github.com/playbookhq/playbook/generator/sitefs"
)

// Strings are the words of a theme's interface in each language: the
// "search", "on this page" and "last updated" of every page. They are read
// from i18n/<lang>.toml files, flat tables of key = "text":
//
//	search = "Sök"
//	last-updated = "Senast ändrad"
//
// Templates reach them through the T function: {{T "search" .Page.Lang}}.
type Strings struct {
	langs map[string]map[string]string
}

// aliases maps language codes to the code whose strings they use.
var aliases = map[string]string{"no": "nb", "nn": "nb"}

// LoadStrings reads i18n/*.toml from each layer, the first layer winning
// key by key: a site's own i18n/sv.toml may change one string and keep the
// theme's others. Misspelt keys that are near a known key draw a warning.
func LoadStrings(layers []Layer) (*Strings, diag.List) {
	var diags diag.List
	var files []stringsFile
	for i := len(layers) - 1; i >= 0; i-- {
		files = append(files, readStringsLayer(layers[i], i, &diags)...)
	}
	// Later files (nearer the site) override earlier ones.
	s := &Strings{langs: map[string]map[string]string{}}
	base := map[string]bool{}
	for _, f := range files {
		if s.langs[f.lang] == nil {
			s.langs[f.lang] = map[string]string{}
		}
		for k, v := range f.keys {
			s.langs[f.lang][k] = v
			if f.layer == len(layers)-1 {
				base[k] = true
			}
		}
	}
	warnTypos(files, base, &diags)
	return s, diags
}

// stringsFile is one i18n/<lang>.toml file of a layer.
type stringsFile struct {
	name, lang string
	// layer is the index of the file's layer.
	layer int
	keys  map[string]string
	lines map[string]int
}

// readStringsLayer reads the strings files of a layer, the layer-th.
func readStringsLayer(l Layer, layer int, diags *diag.List) []stringsFile {
	entries, err := fs.ReadDir(l.FS, "i18n")
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			diags.Warn(diag.Pos{File: path.Join(l.Name, "i18n")}, "skipped: %v", unwrapPath(err))
		}
		return nil
	}
	var files []stringsFile
	for _, e := range entries {
		if e.IsDir() || path.Ext(e.Name()) != ".toml" || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		name := path.Join(l.Name, "i18n", e.Name())
		if e.Type()&fs.ModeSymlink != 0 {
			diags.SymlinkSkipped(diag.Pos{File: name})
			continue
		}
		src, ok := readStringsFile(l.FS, e.Name(), name, diags)
		if !ok {
			continue
		}
		raw, ok := decodeStrings(src, name, diags)
		if !ok {
			continue
		}
		f := stringsFile{name: name, layer: layer, lang: strings.ToLower(strings.TrimSuffix(e.Name(), ".toml")), keys: map[string]string{}, lines: keyLines(src)}
		for _, k := range slices.Sorted(maps.Keys(raw)) {
			v, ok := stringValue(raw[k])
			if !ok {
				diags.Add(diag.Pos{File: name, Line: f.lines[k], Col: 1}, "string %q: want text in quotes, or a table with other = \"text\" as Hugo writes", k)
				continue
			}
			f.keys[k] = v
		}
		files = append(files, f)
	}
	return files
}

// readStringsFile reads i18n/<base> of fsys, which diagnostics call name.
// ok is false when it cannot be read.
func readStringsFile(fsys fs.FS, base, name string, diags *diag.List) (src []byte, ok bool) {
	src, err := sitefs.ReadFile(fsys, "i18n/"+base, MaxTextSize)
	var le *sitefs.LimitError
	switch {
	case errors.Is(err, sitefs.ErrNotRegular), errors.Is(err, sitefs.ErrOutside):
		diags.Warn(diag.Pos{File: name}, "skipped: %v", unwrapPath(err))
	case errors.As(err, &le):
		diags.Add(diag.Pos{File: name, Line: 1, Col: 1}, "%v for a strings file", le)
	case err != nil:
		diags.Add(diag.Pos{File: name}, "cannot read: %v", unwrapPath(err))
	default:
		return src, true
	}
	return nil, false
}

// decodeStrings decodes the TOML of the strings file name. ok is false
// when it is not valid TOML.
func decodeStrings(src []byte, name string, diags *diag.List) (raw map[string]any, ok bool) {
	_, err := toml.Decode(string(src), &raw)
	if err == nil {
		return raw, true
	}
	pos := diag.Pos{File: name, Line: 1, Col: 1}
	msg := err.Error()
	var perr toml.ParseError
	if errors.As(err, &perr) {
		// From the byte offset, as config.Load does.
		pos.Line, pos.Col = diag.LineCol(src, perr.Position.Start)
		msg = perr.Message
	}
	diags.Add(pos, "invalid strings file: %s", strings.TrimPrefix(msg, "toml: "))
	return nil, false
}

// warnTypos warns about keys that the last layer (the built-in theme),
// whose keys are base, lacks and that are one edit away from one of its
// keys: those are most likely typos.
func warnTypos(files []stringsFile, base map[string]bool, diags *diag.List) {
	candidates := slices.Sorted(maps.Keys(base))
	if len(candidates) == 0 {
		return
	}
	for _, f := range files {
		for _, k := range slices.Sorted(maps.Keys(f.keys)) {
			if base[k] {
				continue
			}
			if hint := diag.DidYouMean(k, candidates); hint != "" {
				diags.Warn(diag.Pos{File: f.name, Line: f.lines[k], Col: 1}, "unknown string %q%s", k, hint)
			}
		}
	}
}

// keyLines finds the line of each top-level key = value.
func keyLines(src []byte) map[string]int {
	lines := map[string]int{}
	for i, line := range strings.Split(string(src), "\n") {
		k, _, ok := strings.Cut(line, "=")
		if t := strings.TrimSpace(line); strings.HasPrefix(t, "[") && !strings.HasPrefix(t, "[[") && strings.HasSuffix(t, "]") {
			k, ok = t[1:len(t)-1], true // a table's header: [key]
		}
		if !ok {
			continue
		}
		k = strings.Trim(strings.TrimSpace(k), `"'`)
		if _, seen := lines[k]; !seen && k != "" {
			lines[k] = i + 1
		}
	}
	return lines
}

// stringValue returns the text of a string's value v: the value itself,
// or, as Hugo and go-i18n write strings, the "other" (else "one") entry
// of its table ([search] other = "Sök").
func stringValue(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case map[string]any:
		for _, form := range []string{"other", "one"} {
			if s, ok := v[form].(string); ok {
				return s, true
			}
		}
	}
	return "", false
}

// Lookup returns the text of key in lang and whether some file defines it.
// It tries the language ("pt-br"), its primary code ("pt"), an alias
// ("no" → "nb"), then English.
func (s *Strings) Lookup(key, lang string) (string, bool) {
	if s == nil {
		return "", false
	}
	lang = strings.ToLower(lang)
	tries := [...]string{lang, primary(lang), aliases[primary(lang)], "en"}
	for i, l := range tries {
		if l == "" || slices.Contains(tries[:i], l) {
			continue
		}
		if v, ok := s.langs[l][key]; ok {
			return v, true
		}
	}
	return "", false
}

// Own returns the text of key from lang's own strings (or its primary
// code's), without falling back to English.
func (s *Strings) Own(key, lang string) (string, bool) {
	if s == nil {
		return "", false
	}
	lang = strings.ToLower(lang)
	for _, l := range []string{lang, primary(lang)} {
		if v, ok := s.langs[l][key]; ok {
			return v, true
		}
	}
	return "", false
}

func primary(lang string) string {
	p, _, _ := strings.Cut(lang, "-")
	return p
}

// T returns the text of key in lang, or the key itself when no language
// has it, so a missing string shows on the page instead of vanishing.
func (s *Strings) T(key, lang string) string {
	if v, ok := s.Lookup(key, lang); ok {
		return v
	}
	return key
}

// Date formats t for lang: the "date-format" string is a Go layout
// ("2 January 2006") and "months" lists the twelve month names.
func (s *Strings) Date(t time.Time, lang string) string {
	layout := "2 January 2006"
	if v, ok := s.Lookup("date-format", lang); ok && v != "" {
		layout = v
	}
	months := strings.Fields(s.T("months", lang))
	if len(months) != 12 || !strings.Contains(layout, "January") {
		return t.Format(layout)
	}
	const mark = "\x00"
	out := t.Format(strings.ReplaceAll(layout, "January", mark))
	return strings.ReplaceAll(out, mark, months[t.Month()-1])
}
