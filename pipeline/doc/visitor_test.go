package doc

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// TestEveryBlockVisited holds each block kind to its Visitor method: every
// type with an Accept method calls the Visitor method named after it, and
// the Visitor has a method for every such type and no other. With that,
// a new block kind cannot be added without a Visitor method, and every
// visitor in the program must then handle it to compile.
func TestEveryBlockVisited(t *testing.T) {
	fset := token.NewFileSet()
	pkgs, err := parser.ParseDir(fset, ".", func(fi fs.FileInfo) bool { return !strings.HasSuffix(fi.Name(), "_test.go") }, 0)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, f := range pkgs["doc"].Files {
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Name.Name != "Accept" || fn.Recv == nil {
				continue
			}
			star, ok := fn.Recv.List[0].Type.(*ast.StarExpr)
			if !ok {
				t.Errorf("%s: Accept must have a pointer receiver", fset.Position(fn.Pos()))
				continue
			}
			typ := star.X.(*ast.Ident).Name
			kinds = append(kinds, typ)
			recv := fn.Recv.List[0].Names[0].Name
			ok = len(fn.Body.List) == 1
			if ok {
				es, isExpr := fn.Body.List[0].(*ast.ExprStmt)
				call, isCall := es.X.(*ast.CallExpr)
				ok = isExpr && isCall
				if ok {
					sel, isSel := call.Fun.(*ast.SelectorExpr)
					arg, isIdent := call.Args[0].(*ast.Ident)
					ok = isSel && sel.Sel.Name == typ && isIdent && arg.Name == recv
				}
			}
			if !ok {
				t.Errorf("%s: (*%s).Accept must be { v.%s(%s) }", fset.Position(fn.Pos()), typ, typ, recv)
			}
		}
	}
	sort.Strings(kinds)
	vt := reflect.TypeOf((*Visitor)(nil)).Elem()
	var methods []string
	for i := range vt.NumMethod() {
		methods = append(methods, vt.Method(i).Name)
	}
	if !reflect.DeepEqual(kinds, methods) {
		t.Errorf("block kinds with Accept %v, Visitor methods %v: they must be the same", kinds, methods)
	}
}

// TestNoEmbeddedVisitor checks that no type in the program embeds a
// Visitor: an embedded interface would satisfy Visitor for methods the type
// never wrote, and a new block kind would then panic at run time instead of
// failing to compile.
func TestNoEmbeddedVisitor(t *testing.T) {
	root := filepath.Join("..", "..")
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules" || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			var fields *ast.FieldList
			switch n := n.(type) {
			case *ast.StructType:
				fields = n.Fields
			case *ast.InterfaceType:
				fields = n.Methods
			default:
				return true
			}
			for _, fl := range fields.List {
				if len(fl.Names) > 0 {
					continue
				}
				typ := fl.Type
				if s, ok := typ.(*ast.StarExpr); ok {
					typ = s.X
				}
				name := ""
				switch x := typ.(type) {
				case *ast.Ident:
					name = x.Name
				case *ast.SelectorExpr:
					if pkg, ok := x.X.(*ast.Ident); ok && pkg.Name == "doc" {
						name = x.Sel.Name
					}
				}
				if name == "Visitor" {
					t.Errorf("%s: embeds a Visitor; write every method instead", fset.Position(fl.Pos()))
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
