// Package markdown renders the Markdown of lessons and module texts into HTML that is
// safe to put in a page: goldmark with raw HTML switched off (it is dropped, not
// passed through), and every link checked. A link is kept only when it points to an
// http, https or mailto address, or to a path on this site ("/me/purpose"); anything
// else (javascript:, data:, protocol-relative "//host" and the like) is replaced by its
// text. Images become their alternative text: lessons are words, and an image from
// elsewhere could track its readers.
package markdown

import (
	"bytes"
	"html/template"
	"net/url"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// MaxInput bounds what is rendered; longer input is cut (lessons are far shorter).
const MaxInput = 100_000

var md = goldmark.New(
	goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(linkFilter{}, 100))),
	// goldmark's HTML renderer escapes raw HTML unless html.WithUnsafe is given; it is not.
)

// Render turns Markdown into safe HTML.
func Render(src string) template.HTML {
	if len(src) > MaxInput {
		src = src[:MaxInput]
	}
	var b bytes.Buffer
	if err := md.Convert([]byte(src), &b); err != nil {
		return template.HTML("<p>" + template.HTMLEscapeString(src) + "</p>")
	}
	return template.HTML(b.String())
}

// SafeLink reports whether a link destination may be kept.
func SafeLink(dest string) bool {
	d := strings.TrimSpace(dest)
	if d == "" || strings.ContainsAny(d, "\\\x00\r\n\t") {
		return false
	}
	if strings.HasPrefix(d, "/") {
		return !strings.HasPrefix(d, "//")
	}
	u, err := url.Parse(d)
	if err != nil {
		return false
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		return u.Host != ""
	case "mailto":
		return u.Opaque != ""
	}
	return false
}

// linkFilter replaces unsafe links and every image by their text.
type linkFilter struct{}

func (linkFilter) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	var unwrap []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch x := n.(type) {
		case *ast.Link:
			if !SafeLink(string(x.Destination)) {
				unwrap = append(unwrap, x)
			}
		case *ast.AutoLink:
			if !SafeLink(string(x.URL(reader.Source()))) {
				unwrap = append(unwrap, x)
			}
		case *ast.Image:
			unwrap = append(unwrap, x)
		}
		return ast.WalkContinue, nil
	})
	for _, n := range unwrap {
		parent := n.Parent()
		if parent == nil {
			continue
		}
		if al, ok := n.(*ast.AutoLink); ok {
			t := ast.NewString(al.Label(reader.Source()))
			parent.ReplaceChild(parent, n, t)
			continue
		}
		for c := n.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.InsertBefore(parent, n, c)
			c = next
		}
		parent.RemoveChild(parent, n)
	}
}
