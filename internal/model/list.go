package model

// Page selects a window of a list. Limit is clamped to [1, MaxLimit]; 0 means DefaultLimit.
type Page struct {
	Limit  int
	Offset int
}

// Paging bounds.
const (
	DefaultLimit = 50
	MaxLimit     = 500
)

// Normalize returns p with its limit and offset clamped.
func (p Page) Normalize() Page {
	if p.Limit <= 0 {
		p.Limit = DefaultLimit
	}
	if p.Limit > MaxLimit {
		p.Limit = MaxLimit
	}
	if p.Offset < 0 {
		p.Offset = 0
	}
	return p
}

// List is one page of results and the total number that matched.
type List[T any] struct {
	Items []T
	Total int
	Page  Page
}

// HasNext reports whether there are results after this page.
func (l List[T]) HasNext() bool { return l.Page.Offset+len(l.Items) < l.Total }

// HasPrev reports whether there are results before this page.
func (l List[T]) HasPrev() bool { return l.Page.Offset > 0 }

// NextOffset is the offset of the next page.
func (l List[T]) NextOffset() int { return l.Page.Offset + l.Page.Limit }

// PrevOffset is the offset of the previous page.
func (l List[T]) PrevOffset() int {
	if o := l.Page.Offset - l.Page.Limit; o > 0 {
		return o
	}
	return 0
}

// From is the 1-based position of the first item shown.
func (l List[T]) From() int {
	if len(l.Items) == 0 {
		return 0
	}
	return l.Page.Offset + 1
}

// To is the 1-based position of the last item shown.
func (l List[T]) To() int { return l.Page.Offset + len(l.Items) }

// PageInfo describes where a page sits in its list, for pagers.
type PageInfo struct {
	From, To, Total        int
	PrevOffset, NextOffset int
	HasPrev, HasNext       bool
}

// Info returns the page's position.
func (l List[T]) Info() PageInfo {
	return PageInfo{From: l.From(), To: l.To(), Total: l.Total, PrevOffset: l.PrevOffset(), NextOffset: l.NextOffset(), HasPrev: l.HasPrev(), HasNext: l.HasNext()}
}
