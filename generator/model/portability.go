package model

import (
	"bytes"
	"cmp"
	"fmt"
	"net/url"
	"path"
	"regexp"
	"strings"

	"github.com/playbookhq/playbook/generator/diag"
)

// checkPortability warns about Markdown that GitHub and GitLab, which show
// the same files, read differently from playbook (kind "portability"):
// wikilinks, {#id} after a heading and definition lists show there as
// literal text, a link to a page's .html name (as mdBook and Jekyll publish
// it) leads nowhere there, and a link to a heading by an anchor that GitHub
// and GitLab compute differently leads to the top of the page there. Each message
// names the form that works in both places.
func (s *Site) checkPortability() diag.List {
	var diags diag.List
	hosts := map[*Page]map[string][2]string{}
	hostIDs := func(p *Page) map[string][2]string {
		if _, ok := hosts[p]; !ok {
			hosts[p] = p.hostIDs()
		}
		return hosts[p]
	}
	for _, p := range s.pages {
		if p.Input == nil || p.Input.Doc == nil {
			continue
		}
		own := func(pos diag.Pos) bool { return pos.File == p.Path && pos.Line > 0 }
		lines := bytes.Split(p.Input.Doc.Src, []byte("\n"))
		for _, l := range p.Input.Links {
			if !own(l.Pos) || l.Absolute {
				continue // in an included file, which may sit elsewhere
			}
			inner, wiki := strings.CutPrefix(l.Dest, "[[")
			if l.Image && !wiki {
				continue
			}
			t, err := s.Lookup(p.Path, l.Dest)
			if err != nil {
				t = Target{} // nothing to suggest, nor to compare anchors with
			}
			if wiki {
				diags.AddKind("portability", diag.Warning, l.Pos, "wikilink [[%s shows as text on GitHub and GitLab; write a relative link to the file instead%s",
					inner, linkSuggestion(p, t, hostIDs))
				continue
			}
			if t.html {
				to, instead := t.Page.Path, "the Markdown file"
				if t.Page.Input == nil {
					to, instead = "the page of folder "+t.Page.Dir+"/", "the folder"
				}
				diags.AddKind("portability", diag.Warning, l.Pos, "link %q leads to %s here, as in mdBook and Jekyll, but GitHub and GitLab show no such file; link %s instead, which works here too%s",
					l.Dest, to, instead, linkSuggestion(p, t, hostIDs))
			}
			if t.rooted {
				to := t.File
				if t.Page != nil {
					to = t.Page.Path
				}
				diags.AddKind("portability", diag.Warning, l.Pos, "link %q leads to %s here, read from the content or site root as Docusaurus reads it, but GitHub and GitLab read it from the page's folder, where there is no such file; write the path from the page's folder instead, which works here too%s",
					l.Dest, strings.TrimPrefix(to, "/"), linkSuggestion(p, t, hostIDs))
			}
			if t.folded != "" {
				diags.AddKind("portability", diag.Warning, l.Pos, "link %q leads to %s here, written in another case, as DocFX and case-insensitive file systems find it, but GitHub and GitLab read names with their case, where there is no such file; write the name as the content has it, which works here too%s",
					l.Dest, t.folded, linkSuggestion(p, t, hostIDs))
			}
			if msg := anchorPortability(l.Dest, t, hostIDs, s.opts.Host); msg != "" {
				diags.AddKind("portability", diag.Warning, l.Pos, "%s", msg)
			}
		}
		for _, h := range p.Headings() {
			if !own(h.Pos) || h.Pos.Line > len(lines) {
				continue
			}
			if m := headingAttrRE.FindIndex(lines[h.Pos.Line-1]); m != nil {
				pos := h.Pos
				pos.Col = m[0] + 1
				attr := strings.TrimSpace(string(lines[h.Pos.Line-1][m[0]:m[1]]))
				if strings.Contains(attr, "#") && !h.Explicit || strings.Contains(h.Text, strings.TrimRight(attr, "# ")) {
					// Not an id playbook reads ({#a(b)}): the page shows
					// it as text too, and GitHub's anchor has it.
					continue
				}
				diags.AddKind("portability", diag.Warning, pos, "%s after a heading shows as text on GitHub and GitLab; remove it and link to the heading as #%s, the anchor GitHub gives it, which works here too",
					attr, GitHubID(cmp.Or(h.TextContent, h.Text)))
			}
		}
		for _, line := range definitionLists(p.Input.Doc.Src, p.Input.Doc.BodyOffset()) {
			diags.AddKind("portability", diag.Warning, diag.Pos{File: p.Path, Line: line, Col: 1},
				"definition list: GitHub and GitLab show each term and its \": definition\" as one paragraph; write a list of bold terms instead, such as \"- **Term**: definition\"")
		}
	}
	return diags
}

// anchorPortability says why the anchor of a link to dest, which leads to
// t, leads elsewhere on GitHub and GitLab, or returns "".
func anchorPortability(dest string, t Target, hostIDs func(*Page) map[string][2]string, host string) string {
	_, frag, ok := strings.Cut(dest, "#")
	if !ok || frag == "" || t.Page == nil || t.Page.Input == nil || t.Anchor == "" {
		return ""
	}
	anchor, words := cutTextFragment(t.Anchor)
	h, ok := headingByID(t.Page, anchor)
	if !ok {
		return "" // a checklist item's id: GitHub has none
	}
	ids, ok := hostIDs(t.Page)[h.ID]
	if !ok {
		return "" // from an included file: GitHub has no such heading
	}
	frag, _ = cutTextFragment(frag)
	written := frag
	if u, err := url.PathUnescape(frag); err == nil {
		written = u
	}
	switch {
	case ids[0] == ids[1] && written == ids[0]:
		return ""
	case written == ids[0] && (host != "gitlab" || ids[1] == ""), written == ids[1] && host != "github":
		// GitHub's and GitLab's anchors differ, so no spelling works on
		// both: one that works where the files are read is right.
		return ""
	case written == ids[0]:
		return fmt.Sprintf("anchor #%s of heading %q works here and on GitHub, but GitLab, where this handbook's files are, gives it #%s, so the link leads to the top of the page there; write #%s, which works here too",
			frag, h.Text, ids[1], ids[1]+words)
	case written == ids[1]:
		return fmt.Sprintf("anchor #%s of heading %q works here and on GitLab, but GitHub, where this handbook's files are, gives it #%s, so the link leads to the top of the page there; write #%s, which works here too",
			frag, h.Text, ids[0], ids[0]+words)
	}
	if h.Explicit && anchor == h.ID {
		// Link to the heading as it will be once its {#id} is gone, as
		// the warning on the heading says.
		gh := GitHubID(cmp.Or(h.TextContent, h.Text))
		if written == gh {
			// The link is right as it is; the warning on the heading
			// says what to change.
			return ""
		}
		return fmt.Sprintf("anchor #%s is the {#%s} of heading %q, which GitHub and GitLab show as text; remove it from the heading and link to #%s, which works here too",
			frag, h.ID, h.Text, gh+words)
	}
	if strings.ToLower(written) == ids[0] {
		// GitHub's page script finds a heading's anchor in any case;
		// GitLab matches it as written. Where GitLab's id differs from
		// GitHub's, no spelling works on both, and the link works on
		// GitHub as it is.
		if ids[1] != ids[0] {
			return ""
		}
		return fmt.Sprintf("anchor #%s of heading %q works here and on GitHub, which ignores case in anchors, but GitLab matches case, so the link leads to the top of the page there; write #%s, which works in all three",
			frag, h.Text, ids[0]+words)
	}
	if ids[1] == "" {
		return fmt.Sprintf("anchor #%s of heading %q works here, but GitHub gives it #%s, and GitLab gives its id to an earlier heading too, so the link leads elsewhere there; write #%s, which works here and on GitHub",
			frag, h.Text, ids[0], ids[0]+words)
	}
	where := "GitHub and GitLab give it #" + ids[0]
	if ids[1] != ids[0] {
		where = fmt.Sprintf("GitHub gives it #%s and GitLab #%s", ids[0], ids[1])
	}
	want := ids[0]
	if host == "gitlab" {
		want = ids[1] // where the files are; not "", which the case above took
	}
	return fmt.Sprintf("anchor #%s of heading %q works here, but %s, so the link leads to the top of the page there; write #%s, which works here too",
		frag, h.Text, where, want+words)
}

// headingAttrRE matches heading attributes at the end of a heading line:
// {#id}, {.class}, {#id .class key=value}, and kramdown's {: #id}.
var headingAttrRE = regexp.MustCompile(`\{:?\s*[#.][^{}]*\}\s*#*\s*\r?$`)

// linkSuggestion returns ": [Title](relative/path.md#anchor)", the link
// from p that GitHub and GitLab follow to t, where a link on p leads, or ""
// when it leads to no page.
func linkSuggestion(p *Page, t Target, hostIDs func(*Page) map[string][2]string) string {
	if t.Page == nil {
		return ""
	}
	href := ""
	switch {
	case t.Page.Input == nil:
		// A folder's generated page: GitHub lists the folder's files.
		href = strings.TrimSuffix(relPath(path.Dir(p.Path), path.Join(t.Page.Dir, "x")), "x")
		if href == "" {
			href = "./"
		}
	case t.Page != p:
		href = relPath(path.Dir(p.Path), t.Page.Path)
	case t.Anchor == "":
		href = path.Base(p.Path)
	}
	href = hrefEscaper.Replace(href)
	if t.Anchor != "" {
		anchor, words := cutTextFragment(t.Anchor)
		if id, ok := hostIDs(t.Page)[anchor]; ok {
			anchor = id[0]
		}
		href += "#" + anchor + strings.ReplaceAll(words, " ", "%20")
	}
	return fmt.Sprintf(": [%s](%s)", t.Page.Title, href)
}

// hrefEscaper escapes in a file's path what would end a link's address
// or change its meaning: a space, "#", "?", parentheses, and "%" itself.
var hrefEscaper = strings.NewReplacer("%", "%25", " ", "%20", "#", "%23", "?", "%3F", "(", "%28", ")", "%29")

// relPath returns the slash path to target from the folder dir, both
// relative to the content root.
func relPath(dir, target string) string {
	if dir == "." {
		return target
	}
	from := strings.Split(dir, "/")
	to := strings.Split(target, "/")
	i := 0
	for i < len(from) && i < len(to)-1 && from[i] == to[i] {
		i++
	}
	return strings.Repeat("../", len(from)-i) + strings.Join(to[i:], "/")
}

// headingByID returns the heading of p with the id.
func headingByID(p *Page, id string) (Heading, bool) {
	if i, ok := p.anchors[id]; ok && i >= 0 {
		return p.Headings()[i], true
	}
	return Heading{}, false
}

// gitLabBase returns what GitLab makes a heading's id from, given
// GitHub's (before either numbers repeats): GitLab squeezes runs of
// hyphens into one, and prefixes an id of digits alone with "anchor-", so
// that it does not read as an issue number.
func gitLabBase(gh string) string {
	for strings.Contains(gh, "--") {
		gh = strings.ReplaceAll(gh, "--", "-")
	}
	if gh != "" && strings.Trim(gh, "0123456789") == "" {
		return "anchor-" + gh
	}
	return gh
}

// definitionListRE matches the ": definition" line of a definition list.
var definitionListRE = regexp.MustCompile(`^ {0,3}:[ \t]+\S`)

// definitionLists returns the line of the first definition of each
// definition list in the body, outside fenced code. Terms separated by
// blank lines belong to one list.
func definitionLists(src []byte, body int) []int {
	var out []int
	line := 1 + bytes.Count(src[:body], []byte("\n"))
	prev, inList, terms := "", false, 0
	fence := ""
	for _, raw := range strings.Split(string(src[body:]), "\n") {
		l := strings.TrimRight(raw, "\r")
		t := strings.TrimLeft(l, " ")
		switch {
		case fence != "":
			if strings.HasPrefix(t, fence) && strings.Trim(t, fence[:1]+" ") == "" {
				fence = ""
			}
		case len(l)-len(t) < 4 && (strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~")):
			fence = t[:len(t)-len(strings.TrimLeft(t, t[:1]))]
			inList = false
		case definitionListRE.MatchString(l):
			if (!inList || terms > 1) && strings.TrimSpace(prev) != "" && !isBlockStart(prev) {
				out = append(out, line)
			}
			inList, terms = true, 0
		case strings.TrimSpace(l) == "":
		case len(l)-len(t) == 0:
			// A paragraph, or the next term of the list.
			terms++
		}
		prev = l
		line++
	}
	return out
}

// isBlockStart reports whether a line starts a block that cannot be a
// definition list's term: a heading, list item, quote, table row or fence.
func isBlockStart(l string) bool {
	t := strings.TrimSpace(l)
	for _, p := range []string{"#", "- ", "* ", "+ ", ">", "|", "```", "~~~"} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	return false
}

// cutTextFragment splits an anchor into the id and a text fragment's
// ":~:" and words after it, if it has them (see matchAnchor).
func cutTextFragment(anchor string) (id, words string) {
	if i := strings.Index(anchor, ":~:"); i >= 0 {
		return anchor[:i], anchor[i:]
	}
	return anchor, ""
}
