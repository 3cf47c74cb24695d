package markdown

import (
	"regexp"
	"strings"
	"testing"
)

func TestRender(t *testing.T) {
	for _, tc := range []struct {
		name, in       string
		want, unwanted []string
	}{
		{"headings and lists", "## Walk the chain\n\n1. **One**\n2. *Two*\n", []string{"<h2>Walk the chain</h2>", "<ol>", "<strong>One</strong>", "<em>Two</em>"}, nil},
		{"raw HTML is dropped", "Hello <script>alert(1)</script> <b onclick=x>bold</b>\n\n<div>block</div>", []string{"Hello"}, []string{"<script", "<b ", "onclick", "<div"}},
		{"javascript link becomes text", "[click](javascript:alert(1))", []string{"click"}, []string{"href", "javascript"}},
		{"data link becomes text", "[x](data:text/html;base64,PHNjcmlwdD4=)", []string{"x"}, []string{"href"}},
		{"protocol-relative link becomes text", "[x](//evil.example/a)", []string{"x"}, []string{"href"}},
		{"https link stays", "[guide](https://example.org/a?b=1)", []string{`<a href="https://example.org/a?b=1">guide</a>`}, nil},
		{"mailto stays", "<mailto:people@example.org>", []string{`href="mailto:people@example.org"`}, nil},
		{"site path stays", "[Your purpose](/me/purpose)", []string{`<a href="/me/purpose">Your purpose</a>`}, nil},
		{"images become their text", "![a tracking pixel](https://evil.example/p.gif)", []string{"a tracking pixel"}, []string{"<img", "evil.example"}},
		{"autolink to ftp becomes text", "<ftp://files.example/x>", []string{"ftp://files.example/x"}, []string{"href"}},
		{"quotes are escaped", `"Tom & Jerry" <3`, []string{"&quot;Tom &amp; Jerry&quot; &lt;3"}, nil},
	} {
		got := string(Render(tc.in))
		for _, w := range tc.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: %q lacks %q", tc.name, got, w)
			}
		}
		for _, u := range tc.unwanted {
			if strings.Contains(got, u) {
				t.Errorf("%s: %q contains %q", tc.name, got, u)
			}
		}
	}
}

var (
	tagRe  = regexp.MustCompile(`<\s*/?\s*([a-zA-Z][a-zA-Z0-9]*)([^>]*)>`)
	attrRe = regexp.MustCompile(`([a-zA-Z-]+)\s*=\s*"([^"]*)"`)
	// The tags CommonMark produces without raw HTML and without images.
	allowedTags = map[string]bool{"p": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "ul": true, "ol": true,
		"li": true, "em": true, "strong": true, "a": true, "code": true, "pre": true, "blockquote": true, "hr": true, "br": true}
)

// hrefOK is what a rendered link may point to: an http, https or mailto address, or a
// path on this site. goldmark percent-encodes destinations, so the check is on the
// rendered form.
func hrefOK(h string) bool {
	l := strings.ToLower(h)
	switch {
	case strings.HasPrefix(l, "http://"), strings.HasPrefix(l, "https://"), strings.HasPrefix(l, "mailto:"):
		return true
	case strings.HasPrefix(l, "/"):
		return !strings.HasPrefix(l, "//") && !strings.HasPrefix(l, "/\\")
	}
	return false
}

// checkSafe fails when rendered HTML holds a tag, an attribute or a link the renderer
// must never produce.
func checkSafe(t *testing.T, in, out string) {
	t.Helper()
	for _, m := range tagRe.FindAllStringSubmatch(out, -1) {
		tag := strings.ToLower(m[1])
		if !allowedTags[tag] {
			t.Fatalf("input %q produced tag <%s>: %q", in, tag, out)
		}
		for _, a := range attrRe.FindAllStringSubmatch(m[2], -1) {
			name, val := strings.ToLower(a[1]), a[2]
			switch {
			case name == "href" && tag == "a":
				unescaped := strings.NewReplacer("&amp;", "&", "&quot;", `"`, "&#39;", "'", "&lt;", "<", "&gt;", ">").Replace(val)
				if !hrefOK(unescaped) {
					t.Fatalf("input %q produced link %q: %q", in, val, out)
				}
			case name == "start" && tag == "ol", name == "class" && tag == "code", name == "title" && tag == "a":
			default:
				t.Fatalf("input %q produced attribute %s on <%s>: %q", in, name, tag, out)
			}
		}
	}
	if strings.Contains(strings.ToLower(out), "<script") || strings.Contains(strings.ToLower(out), "javascript:") && strings.Contains(out, "href") {
		t.Fatalf("input %q produced %q", in, out)
	}
}

// FuzzRender checks that no input makes the renderer emit a tag, attribute or link
// outside the safe set. The seed corpus runs as a unit test.
func FuzzRender(f *testing.F) {
	for _, s := range []string{
		"# Title\n\nText with **bold** and [a link](https://example.org).",
		"<script>alert(1)</script>",
		"<img src=x onerror=alert(1)>",
		"[x](javascript:alert(1))",
		"[x](JaVaScRiPt:alert(1))",
		"[x](  javascript:alert(1) )",
		"[x](java\tscript:alert(1))",
		"[x](&#106;avascript:alert(1))",
		"[x](%6Aavascript:alert(1))",
		"[x](vbscript:msgbox)",
		"[x](data:text/html,<script>alert(1)</script>)",
		"[x](//evil.example)",
		"[x](/\\evil.example)",
		"<javascript:alert(1)>",
		"<https://example.org/a>",
		"![alt](https://evil.example/pixel.png)",
		"[![alt](x.png)](https://example.org)",
		"[x]: javascript:alert(1)\n\n[x]",
		"```html\n<script>alert(1)</script>\n```",
		"<a href=\"https://example.org\" onclick=\"x\">y</a>",
		"<!-- comment --> <?php echo 1; ?> <![CDATA[x]]>",
		"[x](mailto:a@example.org?subject=hi)",
		"[x](https://example.org \"a title\")",
		"> quote\n\n- a\n- b\n\n3. c\n\n---\n\n`code`  \nbreak",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		checkSafe(t, in, string(Render(in)))
	})
}
