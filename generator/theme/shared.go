package theme

import (
	"html/template"
	"text/template/parse"
)

// A template reads parts of the PageView it is executed with. The
// analysis in this file finds the templates whose output is the same for
// every page of a language: those that read nothing of the view but the
// fields viewFields names and the page's language. Their output may be
// rendered once per language and layout and shared (see PageView.Shared).
// It also finds those that read no more than that and the page's parent
// and ancestors (breadcrumbs), whose output the pages of a folder share.

// class says what a value in a template depends on.
type class uint8

const (
	// perLang values are the same on every page of a language: constants,
	// the language, the site and what is computed from them alone.
	perLang class = iota
	// perFolder values are the same on every page of a language with the
	// same parent: the parent, the ancestors, and what is computed from
	// them and perLang values.
	perFolder
	// view is the PageView itself.
	view
	// page is the view's page.
	page
	// perPage values may differ from page to page.
	perPage
)

// viewFields are the fields of a PageView that are the same for every
// page of a language, and the class of each of the others that the
// analysis follows.
var viewFields = map[string]class{
	"Site": perLang, "Model": perLang, "CollabMap": perLang, "CollabTeams": perLang, "Feed": perLang,
	"Page": page,
}

// field returns the class of field name of a value of class c.
func field(c class, name string) class {
	switch c {
	case perLang, perFolder:
		return c
	case view:
		if fc, ok := viewFields[name]; ok {
			return fc
		}
	case page:
		switch name {
		case "Lang":
			return perLang
		case "Parent", "Ancestors":
			return perFolder
		}
	}
	return perPage
}

// Sharing says which pages a template's output is the same on, executed
// with their views (see Theme.Sharing).
type Sharing uint8

const (
	// ByPage: the output may differ from page to page.
	ByPage Sharing = iota
	// ByLanguage: the output is the same on every page of a language.
	ByLanguage
	// ByFolder: the output is the same on every page of a language that
	// has the same parent page.
	ByFolder
)

// sharedTemplates returns how the output of each template of set,
// executed with a PageView, is shared among pages, for the templates whose
// output pages share.
func sharedTemplates(set *template.Template) map[string]Sharing {
	byLang := &analysis{set: set, memo: map[call]bool{}, limit: perLang}
	byFolder := &analysis{set: set, memo: map[call]bool{}, limit: perFolder}
	out := map[string]Sharing{}
	for _, t := range set.Templates() {
		switch {
		case t.Tree == nil:
		case byLang.template(t.Name(), view):
			out[t.Name()] = ByLanguage
		case byFolder.template(t.Name(), view):
			out[t.Name()] = ByFolder
		}
	}
	return out
}

// call is a template executed with a dot of a class.
type call struct {
	name string
	dot  class
}

// analysis finds the templates of set whose output depends on nothing
// that varies more from page to page than values of class limit do.
type analysis struct {
	set   *template.Template
	limit class
	memo  map[call]bool
	// made lists the calls memo holds, in the order their analyses began.
	made []call
}

// variable is a template variable in scope and the class of its value.
type variable struct {
	name string
	c    class
}

// scope is where a template's nodes are analysed: the class of dot, and
// the variables in scope, innermost last.
type scope struct {
	dot  class
	vars []variable
}

// template reports whether template name, executed with a dot of class
// dot, writes the same on every page that values of class a.limit are the
// same on. A template that calls
// itself is assumed to while its own analysis is under way; when the
// assumption fails, what was concluded from it is forgotten.
func (a *analysis) template(name string, dot class) bool {
	k := call{name, dot}
	if ok, seen := a.memo[k]; seen {
		return ok
	}
	a.memo[k] = true
	start := len(a.made)
	a.made = append(a.made, k)
	t := a.set.Lookup(name)
	ok := t != nil && t.Tree != nil && t.Tree.Root != nil &&
		a.list(t.Tree.Root, &scope{dot: dot, vars: []variable{{"$", dot}}})
	if !ok {
		for _, c := range a.made[start+1:] {
			delete(a.memo, c)
		}
		a.made = a.made[:start+1]
	}
	a.memo[k] = ok
	return ok
}

// list reports whether the nodes of l, in scope s, write the same on
// every page that values of class a.limit are the same on. Variables declared in l go out of scope at
// its end.
func (a *analysis) list(l *parse.ListNode, s *scope) bool {
	if l == nil {
		return true
	}
	n := len(s.vars)
	defer func() { s.vars = s.vars[:n] }()
	for _, node := range l.Nodes {
		if !a.node(node, s) {
			return false
		}
	}
	return true
}

// node reports whether one node writes the same on every page that
// values of class a.limit are the same on.
func (a *analysis) node(node parse.Node, s *scope) bool {
	switch n := node.(type) {
	case *parse.TextNode, *parse.CommentNode, *parse.BreakNode, *parse.ContinueNode:
		return true
	case *parse.ActionNode:
		// A declaration writes nothing, but evaluating its value may fail
		// on one page and not on another: it too must read no more than
		// the limit allows, or be the view or its page, which are there
		// on every page.
		c, ok := a.pipe(n.Pipe, s)
		return ok && (c <= a.limit || len(n.Pipe.Decl) > 0 && (c == view || c == page))
	case *parse.TemplateNode:
		dot := perLang // a nil dot
		if n.Pipe != nil {
			c, ok := a.pipe(n.Pipe, s)
			if !ok {
				return false
			}
			dot = c
		}
		return a.template(n.Name, dot)
	case *parse.IfNode:
		return a.branch(&n.BranchNode, s, false)
	case *parse.WithNode:
		return a.branch(&n.BranchNode, s, true)
	case *parse.RangeNode:
		return a.branch(&n.BranchNode, s, true)
	}
	return false
}

// branch analyses an if, with or range: its pipeline must be the same on
// every page that values of class a.limit are the same on, and so must
// what its lists write. setsDot
// says that the first list runs with the pipeline's value, or elements,
// as dot.
func (a *analysis) branch(n *parse.BranchNode, s *scope, setsDot bool) bool {
	outer := len(s.vars)
	c, ok := a.pipe(n.Pipe, s)
	if !ok || c > a.limit {
		return false
	}
	inner := &scope{dot: s.dot, vars: s.vars}
	if setsDot {
		inner.dot = c
	}
	if !a.list(n.List, inner) {
		return false
	}
	s.vars = s.vars[:outer]
	return a.list(n.ElseList, s)
}

// pipe returns the class of a pipeline's value and declares or assigns
// its variables. ok is false when the pipeline assigns to a variable a
// value of another class than the one it was declared with, or uses
// something the analysis does not follow.
func (a *analysis) pipe(p *parse.PipeNode, s *scope) (c class, ok bool) {
	if p == nil {
		return perLang, true
	}
	var prev *class
	for _, cmd := range p.Cmds {
		cc, ok := a.command(cmd, s, prev)
		if !ok {
			return 0, false
		}
		prev = &cc
	}
	if prev != nil {
		c = *prev
	}
	for _, v := range p.Decl {
		if !a.bind(v.Ident[0], c, s, p.IsAssign) {
			return 0, false
		}
	}
	return c, true
}

// bind declares variable name with a value of class c, or when assign
// is set assigns it one.
func (a *analysis) bind(name string, c class, s *scope, assign bool) bool {
	if !assign {
		s.vars = append(s.vars, variable{name, c})
		return true
	}
	for i := len(s.vars) - 1; i >= 0; i-- {
		if s.vars[i].name == name {
			return s.vars[i].c == c
		}
	}
	return false
}

// command returns the class of a command's value; prev is the value the
// previous command of the pipeline passes it, if any.
func (a *analysis) command(cmd *parse.CommandNode, s *scope, prev *class) (class, bool) {
	if len(cmd.Args) == 0 {
		return 0, false
	}
	// Functions are the theme's and text/template's: what they return
	// depends on their arguments alone, as what a method returns depends
	// on its receiver and arguments.
	c, ok := a.arg(cmd.Args[0], s)
	if !ok {
		return 0, false
	}
	for _, arg := range cmd.Args[1:] {
		ac, ok := a.arg(arg, s)
		if !ok {
			return 0, false
		}
		c = join(c, ac)
	}
	if prev != nil {
		c = join(c, *prev)
	}
	return c, true
}

// arg returns the class of an argument of a command.
func (a *analysis) arg(n parse.Node, s *scope) (class, bool) {
	switch n := n.(type) {
	case *parse.DotNode:
		return s.dot, true
	case *parse.FieldNode:
		return a.fields(s.dot, n.Ident), true
	case *parse.VariableNode:
		for i := len(s.vars) - 1; i >= 0; i-- {
			if s.vars[i].name == n.Ident[0] {
				return a.fields(s.vars[i].c, n.Ident[1:]), true
			}
		}
		return 0, false
	case *parse.ChainNode:
		c, ok := a.arg(n.Node, s)
		return a.fields(c, n.Field), ok
	case *parse.PipeNode:
		return a.pipe(n, s)
	case *parse.StringNode, *parse.NumberNode, *parse.BoolNode, *parse.NilNode, *parse.IdentifierNode:
		return perLang, true
	}
	return 0, false
}

// fields returns the class of the value that a chain of field and method
// names leads to from a value of class c.
func (a *analysis) fields(c class, names []string) class {
	for _, name := range names {
		c = field(c, name)
	}
	return c
}

// join returns the class of a value computed from values of classes x
// and y: the same on every page of a language only when both are, and on
// every page of a folder only when both are that or more.
func join(x, y class) class {
	if x > perFolder || y > perFolder {
		return perPage
	}
	return max(x, y)
}
