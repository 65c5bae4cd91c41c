package support

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// QueryOptions are the OData system query options a GET operation takes.
// Zero values are left out of the request.
type QueryOptions struct {
	Select  []string // $select: the properties to return
	Expand  []string // $expand: the relationships to include
	Filter  string   // $filter
	OrderBy []string // $orderby, such as "displayName desc"
	Search  string   // $search
	Top     int      // $top: at most this many items per page; 0 leaves it to the service
	Skip    int      // $skip
	Count   bool     // $count=true: include the total in Collection.Count
	// Extra holds any other query parameters, sent as they are.
	Extra url.Values
}

// addTo adds the options to a query.
func (q *QueryOptions) addTo(v url.Values) {
	list := func(name string, items []string) {
		if len(items) > 0 {
			v.Set(name, strings.Join(items, ","))
		}
	}
	list("$select", q.Select)
	list("$expand", q.Expand)
	list("$orderby", q.OrderBy)
	if q.Filter != "" {
		v.Set("$filter", q.Filter)
	}
	if q.Search != "" {
		v.Set("$search", q.Search)
	}
	if q.Top > 0 {
		v.Set("$top", strconv.Itoa(q.Top))
	}
	if q.Skip > 0 {
		v.Set("$skip", strconv.Itoa(q.Skip))
	}
	if q.Count {
		v.Set("$count", "true")
	}
	for k, vals := range q.Extra {
		for _, x := range vals {
			v.Add(k, x)
		}
	}
}

// ParseQueryOptions reads the system query options of a request. Options
// OData does not define, and parameters the operation does not document,
// land in Extra; a malformed value is an error.
func ParseQueryOptions(v url.Values, q *QueryOptions, documented ...string) error {
	for name, vals := range v {
		val := vals[len(vals)-1]
		switch strings.ToLower(name) {
		case "$select", "select":
			q.Select = splitList(val)
		case "$expand", "expand":
			q.Expand = splitList(val)
		case "$orderby", "orderby":
			q.OrderBy = splitList(val)
		case "$filter", "filter":
			q.Filter = val
		case "$search", "search":
			q.Search = val
		case "$top", "top":
			n, err := strconv.Atoi(val)
			if err != nil || n < 0 {
				return fmt.Errorf("$top must be a whole number, not %q", val)
			}
			q.Top = n
		case "$skip", "skip":
			n, err := strconv.Atoi(val)
			if err != nil || n < 0 {
				return fmt.Errorf("$skip must be a whole number, not %q", val)
			}
			q.Skip = n
		case "$count", "count":
			b, err := strconv.ParseBool(val)
			if err != nil {
				return fmt.Errorf("$count must be true or false, not %q", val)
			}
			q.Count = b
		default:
			if isDocumented(name, documented) {
				continue
			}
			if q.Extra == nil {
				q.Extra = url.Values{}
			}
			q.Extra[name] = vals
		}
	}
	return nil
}

func isDocumented(name string, documented []string) bool {
	for _, d := range documented {
		if strings.EqualFold(name, d) {
			return true
		}
	}
	return false
}

// splitList splits "a,b, c" on commas outside parentheses, as in
// "$expand=members($select=id,displayName),owners".
func splitList(s string) []string {
	var out []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			if depth > 0 {
				depth--
			}
		case ',':
			if depth == 0 {
				if part := strings.TrimSpace(s[start:i]); part != "" {
					out = append(out, part)
				}
				start = i + 1
			}
		}
	}
	if part := strings.TrimSpace(s[start:]); part != "" {
		out = append(out, part)
	}
	return out
}

// QueryValue returns a documented query parameter, matched case-insensitively.
func QueryValue(v url.Values, name string) string {
	for k, vals := range v {
		if strings.EqualFold(k, name) && len(vals) > 0 {
			return vals[len(vals)-1]
		}
	}
	return ""
}
