package generator_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/playbookhq/playbook/generator/diag"
)

// TestCheckKinds fails when the product code reports a diagnostic of a
// kind that diag.CheckKinds does not list (a site could not set it in
// [checks] without a warning), or when the list names a kind no code
// reports. It reads the kinds from the source: the first argument of
// AddKind, a Kind field in a composite literal, and what is assigned to
// a .Kind.
func TestCheckKinds(t *testing.T) {
	fset := token.NewFileSet()
	used := map[string]string{}
	err := filepath.WalkDir(".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(fset, p, nil, 0)
		if err != nil {
			return err
		}
		for lit := range kindLiterals(f) {
			if s, err := strconv.Unquote(lit.Value); err == nil {
				used[s] = fset.Position(lit.Pos()).String()
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	listed := diag.CheckKinds()
	if !slices.IsSorted(listed) {
		t.Errorf("diag.CheckKinds is not sorted: %q", listed)
	}
	for kind, pos := range used {
		if !slices.Contains(listed, kind) {
			t.Errorf("%s: kind %q is not in diag.CheckKinds", pos, kind)
		}
	}
	for _, kind := range listed {
		if _, ok := used[kind]; !ok {
			t.Errorf("diag.CheckKinds lists %q, which no code reports", kind)
		}
	}
}

// kindLiterals yields the string literals f uses as a diagnostic's kind.
func kindLiterals(f *ast.File) func(func(*ast.BasicLit) bool) {
	return func(yield func(*ast.BasicLit) bool) {
		ast.Inspect(f, func(n ast.Node) bool {
			var kinds []ast.Expr
			switch n := n.(type) {
			case *ast.CallExpr:
				if sel, ok := n.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "AddKind" && len(n.Args) > 0 {
					kinds = append(kinds, n.Args[0])
				}
			case *ast.CompositeLit:
				if sel, ok := n.Type.(*ast.SelectorExpr); ok && sel.Sel.Name == "Diagnostic" {
					for _, e := range n.Elts {
						if kv, ok := e.(*ast.KeyValueExpr); ok && isIdent(kv.Key, "Kind") {
							kinds = append(kinds, kv.Value)
						}
					}
				}
			case *ast.AssignStmt:
				for i, lhs := range n.Lhs {
					if sel, ok := lhs.(*ast.SelectorExpr); ok && sel.Sel.Name == "Kind" && i < len(n.Rhs) {
						kinds = append(kinds, n.Rhs[i])
					}
				}
			}
			for _, k := range kinds {
				if lit, ok := k.(*ast.BasicLit); ok && lit.Kind == token.STRING && !yield(lit) {
					return false
				}
			}
			return true
		})
	}
}

func isIdent(e ast.Expr, name string) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == name
}

// TestCheckKindsInReadme fails when a kind of diag.CheckKinds has no row
// in the README's table of checks, which says what each reports and what
// its default severity is.
func TestCheckKindsInReadme(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, table, _ := strings.Cut(string(b), "\n### Checks\n")
	table, _, _ = strings.Cut(table, "\n### ")
	var rows []string
	for l := range strings.SplitSeq(table, "\n") {
		if name, _, ok := strings.Cut(strings.TrimPrefix(l, "| "), " | "); ok && strings.HasPrefix(l, "| ") {
			rows = append(rows, name)
		}
	}
	for _, kind := range diag.CheckKinds() {
		if !slices.ContainsFunc(rows, func(name string) bool { return strings.Contains(name, "`"+kind+"`") }) {
			t.Errorf("the README's table of checks has no row for %q", kind)
		}
	}
}
