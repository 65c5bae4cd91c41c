package support

import (
	"cmp"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// The fake's OData query engine: compileListQuery checks and compiles a
// list request's $filter, $orderby and $select once, and the FakeStore
// applies them to its JSON objects (strings, json.Numbers, bools, nils,
// maps and slices, as encoding/json decodes them with UseNumber).
//
// It understands the part of OData v4 that Graph's docs use: comparisons,
// in, and/or/not, parentheses, and startswith/endswith/contains. Anything
// else is a 400 that says the fake does not support it, never a filter
// that quietly matches something else, so that a test against the fake
// cannot pass on a query the fake misread.
//
// Values compare the way Graph compares them rather than by the letter of
// OData: strings case-insensitively (Graph's string properties mostly
// are; a GUID or date-time written bare compares as its text), numbers
// exactly as decimals, and values of different kinds are never equal. A
// missing property is null.

// listQuery is the compiled $filter, $orderby and $select of a request.
type listQuery struct {
	filter  *filterExpr  // nil matches every item
	orderBy []queryOrder // by the first key, then the next...
	selects []string     // nil selects every property
}

// queryOrder is one $orderby item.
type queryOrder struct {
	path []string
	desc bool
}

// filterMaxDepth bounds the nesting of parentheses, not and function
// calls, so that a hostile $filter cannot exhaust the stack.
const filterMaxDepth = 100

// queryError is the 400 of a query option the fake cannot apply.
func queryError(format string, args ...any) error {
	return &Error{StatusCode: http.StatusBadRequest, Code: CodeBadRequest, Message: fmt.Sprintf(format, args...)}
}

// compileListQuery checks and compiles q's Filter, OrderBy and Select. The
// fake has no relationships to expand and no index to search, so Expand
// and Search are errors rather than ignored.
func compileListQuery(q *QueryOptions) (*listQuery, error) {
	lq := &listQuery{}
	if q == nil {
		return lq, nil
	}
	if len(q.Expand) > 0 {
		return nil, queryError("the fake does not support $expand")
	}
	if q.Search != "" {
		return nil, queryError("the fake does not support $search")
	}
	if q.Filter != "" {
		f, err := parseFilter(q.Filter)
		if err != nil {
			return nil, err
		}
		lq.filter = f
	}
	for _, item := range q.OrderBy {
		fields := strings.Fields(item)
		if len(fields) == 0 || len(fields) > 2 || strings.ContainsAny(item, "()") {
			return nil, queryPathError("$orderby", strings.TrimSpace(item))
		}
		path, ok := queryPath(fields[0])
		if !ok {
			return nil, queryPathError("$orderby", fields[0])
		}
		o := queryOrder{path: path}
		if len(fields) == 2 {
			switch strings.ToLower(fields[1]) {
			case "asc":
			case "desc":
				o.desc = true
			default:
				return nil, queryError("invalid $orderby: %s is not asc or desc", queryQuote(fields[1]))
			}
		}
		lq.orderBy = append(lq.orderBy, o)
	}
	all := false
	for _, s := range q.Select {
		switch s = strings.TrimSpace(s); {
		case s == "":
		case s == "*":
			all = true
		case !queryName(s):
			return nil, queryPathError("$select", s)
		default:
			lq.selects = append(lq.selects, s)
		}
	}
	if all {
		lq.selects = nil
	}
	return lq, nil
}

// queryPathError is the error for s, which is not a property path, in
// option: OData syntax beyond the subset (a function, a cast, a nested
// $select) is unsupported, and anything else is invalid.
func queryPathError(option, s string) error {
	if strings.ContainsAny(s, "/().$@:") {
		return queryError("the fake does not support %s in %s", queryQuote(s), option)
	}
	return queryError("invalid %s: %s is not a property", option, queryQuote(s))
}

// match reports whether obj passes $filter (true when there is none).
func (lq *listQuery) match(obj map[string]any) bool {
	return lq == nil || lq.filter == nil || queryTruth(lq.filter.eval(obj))
}

// sort sorts items in place, stably, by $orderby (no-op without one).
// Nulls and missing properties come first ascending and last descending;
// values of different kinds order by kind, so the order is total.
func (lq *listQuery) sort(items []map[string]any) {
	if lq == nil || len(lq.orderBy) == 0 || len(items) < 2 {
		return
	}
	// Each item's keys are reduced once, not at every comparison.
	n := len(lq.orderBy)
	keys := make([]queryScalar, len(items)*n)
	for i, obj := range items {
		for j, o := range lq.orderBy {
			keys[i*n+j] = queryScalarOf(queryLookup(obj, o.path))
		}
	}
	order := make([]int, len(items))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		for j, o := range lq.orderBy {
			c := compareQueryScalars(keys[a*n+j], keys[b*n+j], true)
			if o.desc {
				c = -c
			}
			if c != 0 {
				return c
			}
		}
		return 0
	})
	sorted := make([]map[string]any, len(items))
	for i, k := range order {
		sorted[i] = items[k]
	}
	copy(items, sorted)
}

// project returns a copy of obj with only the $select'ed properties plus
// "id" and every key starting with "@odata."; obj itself when no $select.
// The copy is a new map, but its values are obj's own.
func (lq *listQuery) project(obj map[string]any) map[string]any {
	if lq == nil || lq.selects == nil {
		return obj
	}
	out := make(map[string]any, len(lq.selects)+2)
	for k, v := range obj {
		if k == "id" || strings.HasPrefix(k, "@odata.") {
			out[k] = v
		}
	}
	for _, name := range lq.selects {
		if k, ok := queryKey(obj, name); ok {
			out[k] = obj[k]
		}
	}
	return out
}

// queryKey finds name in obj: exactly, or else case-insensitively, as
// OData's names are in Graph. Of several keys that differ only in case it
// takes the least, so that the answer does not depend on map order.
func queryKey(obj map[string]any, name string) (string, bool) {
	if _, ok := obj[name]; ok {
		return name, true
	}
	found, ok := "", false
	for k := range obj {
		if strings.EqualFold(k, name) && (!ok || k < found) {
			found, ok = k, true
		}
	}
	return found, ok
}

// queryLookup returns the value at path in obj, nil if there is none.
func queryLookup(obj map[string]any, path []string) any {
	var v any = obj
	for _, seg := range path {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		k, ok := queryKey(m, seg)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

// queryName reports whether s is a property name: a letter or underscore,
// then letters, digits and underscores.
func queryName(s string) bool {
	for i, r := range s {
		if !(r == '_' || unicode.IsLetter(r) || i > 0 && unicode.IsDigit(r)) {
			return false
		}
	}
	return s != ""
}

// queryPath splits a property path, "address/city", into its names.
func queryPath(s string) ([]string, bool) {
	path := strings.Split(s, "/")
	for _, name := range path {
		if !queryName(name) {
			return nil, false
		}
	}
	return path, true
}

// queryQuote quotes s for a message, cut short if long.
func queryQuote(s string) string {
	if len(s) > 40 {
		return strconv.Quote(strings.ToValidUTF8(s[:40], "") + "…")
	}
	return strconv.Quote(s)
}

// A filterExpr is a node of a compiled $filter. Every node evaluates to a
// JSON value; a condition holds when its value is true.
type filterExpr struct {
	op    filterOp
	pos   int           // where it starts in the $filter, for errors
	path  []string      // filterProperty
	value any           // filterLiteral: nil, bool, string or json.Number
	args  []*filterExpr // operands; and/or take any number
}

type filterOp uint8

const (
	filterLiteral filterOp = iota
	filterProperty
	filterAnd
	filterOr
	filterNot
	filterIn // args[0] in args[1:], which are literals
	filterStartsWith
	filterEndsWith
	filterContains
	filterEq
	filterNe
	filterGt
	filterGe
	filterLt
	filterLe
)

// filterComparisons are the comparison operators' keywords.
var filterComparisons = map[string]filterOp{
	"eq": filterEq, "ne": filterNe, "gt": filterGt, "ge": filterGe, "lt": filterLt, "le": filterLe,
}

// filterFunctions are the functions the fake supports; all take two
// strings.
var filterFunctions = map[string]filterOp{
	"startswith": filterStartsWith, "endswith": filterEndsWith, "contains": filterContains,
}

// filterUnsupported are OData's operators beyond the subset.
var filterUnsupported = map[string]bool{
	"has": true, "add": true, "sub": true, "mul": true, "div": true, "divby": true, "mod": true,
}

// filterReserved reports whether kw, lower case, is an operator, so that
// it cannot be a property.
func filterReserved(kw string) bool {
	_, comparison := filterComparisons[kw]
	return comparison || filterUnsupported[kw] || kw == "and" || kw == "or" || kw == "not" || kw == "in"
}

func (e *filterExpr) eval(obj map[string]any) any {
	switch e.op {
	case filterLiteral:
		return e.value
	case filterProperty:
		return queryLookup(obj, e.path)
	case filterAnd:
		for _, a := range e.args {
			if !queryTruth(a.eval(obj)) {
				return false
			}
		}
		return true
	case filterOr:
		for _, a := range e.args {
			if queryTruth(a.eval(obj)) {
				return true
			}
		}
		return false
	case filterNot:
		return !queryTruth(e.args[0].eval(obj))
	case filterIn:
		v := queryScalarOf(e.args[0].eval(obj))
		for _, a := range e.args[1:] {
			if compareFilter(filterEq, v, queryScalarOf(a.value)) {
				return true
			}
		}
		return false
	case filterStartsWith, filterEndsWith, filterContains:
		// Graph matches these case-insensitively.
		s, ok1 := e.args[0].eval(obj).(string)
		sub, ok2 := e.args[1].eval(obj).(string)
		if !ok1 || !ok2 {
			return false
		}
		s, sub = strings.ToLower(s), strings.ToLower(sub)
		switch e.op {
		case filterStartsWith:
			return strings.HasPrefix(s, sub)
		case filterEndsWith:
			return strings.HasSuffix(s, sub)
		}
		return strings.Contains(s, sub)
	}
	return compareFilter(e.op, queryScalarOf(e.args[0].eval(obj)), queryScalarOf(e.args[1].eval(obj)))
}

// queryTruth is whether a condition's value holds: only true does, so
// that a missing or null property fails a condition instead of erring.
func queryTruth(v any) bool {
	b, _ := v.(bool)
	return b
}

// compareFilter applies a comparison operator. Values of different kinds,
// and objects and arrays, are unequal and unordered; null equals only
// null and is unordered.
func compareFilter(op filterOp, a, b queryScalar) bool {
	if a.kind != b.kind || a.kind == queryOther {
		return op == filterNe
	}
	if a.kind == queryNull {
		return op == filterEq
	}
	c := compareQueryScalars(a, b, false)
	switch op {
	case filterEq:
		return c == 0
	case filterNe:
		return c != 0
	case filterGt:
		return c > 0
	case filterGe:
		return c >= 0
	case filterLt:
		return c < 0
	}
	return c <= 0 // filterLe
}

// queryKind orders values of different kinds in $orderby.
type queryKind uint8

const (
	queryNull queryKind = iota
	queryBool
	queryNumber
	queryString
	queryOther // objects, arrays, and numbers that do not parse
)

// queryScalar is a value reduced to what comparing it takes.
type queryScalar struct {
	kind      queryKind
	b         bool
	num       queryDecimal
	str, fold string // fold is str lower-cased
}

func queryScalarOf(v any) queryScalar {
	var n string
	switch v := v.(type) {
	case nil:
		return queryScalar{}
	case bool:
		return queryScalar{kind: queryBool, b: v}
	case string:
		return queryScalar{kind: queryString, str: v, fold: strings.ToLower(v)}
	case json.Number:
		n = string(v)
	case float64:
		n = strconv.FormatFloat(v, 'g', -1, 64)
	case int:
		n = strconv.Itoa(v)
	case int64:
		n = strconv.FormatInt(v, 10)
	default:
		return queryScalar{kind: queryOther}
	}
	d, ok := parseQueryDecimal(n)
	if !ok {
		return queryScalar{kind: queryOther}
	}
	return queryScalar{kind: queryNumber, num: d}
}

// compareQueryScalars orders a and b: by kind, then by value. Strings
// compare case-insensitively; exact breaks their ties, which $orderby
// wants for a deterministic order and $filter does not, so that "A" eq
// "a" and "A" ge "a" agree.
func compareQueryScalars(a, b queryScalar, exact bool) int {
	if a.kind != b.kind {
		return cmp.Compare(a.kind, b.kind)
	}
	switch a.kind {
	case queryBool:
		switch {
		case a.b == b.b:
			return 0
		case b.b:
			return -1
		}
		return 1
	case queryNumber:
		return compareQueryDecimals(a.num, b.num)
	case queryString:
		if c := strings.Compare(a.fold, b.fold); c != 0 || !exact {
			return c
		}
		return strings.Compare(a.str, b.str)
	}
	return 0
}

// queryDecimal is a number as 0.digits × 10^exp, with neither leading nor
// trailing zeros in digits (which is empty for zero). Numbers compare
// exactly this way, however many digits they have, with no big.Float and
// no rounding through float64.
type queryDecimal struct {
	neg    bool
	digits string
	exp    int64
}

// parseQueryDecimal parses a JSON number (leading zeros allowed). An
// exponent beyond ±10^15 saturates: such numbers are not data.
func parseQueryDecimal(s string) (queryDecimal, bool) {
	digitsAt := func(i int) int {
		for i < len(s) && '0' <= s[i] && s[i] <= '9' {
			i++
		}
		return i
	}
	var d queryDecimal
	i := 0
	if strings.HasPrefix(s, "-") {
		d.neg, i = true, 1
	}
	end := digitsAt(i)
	if end == i {
		return d, false
	}
	whole, frac := s[i:end], ""
	i = end
	if i < len(s) && s[i] == '.' {
		end = digitsAt(i + 1)
		if end == i+1 {
			return d, false
		}
		frac, i = s[i+1:end], end
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		neg := i < len(s) && s[i] == '-'
		if i < len(s) && (s[i] == '-' || s[i] == '+') {
			i++
		}
		end = digitsAt(i)
		if end == i {
			return d, false
		}
		for ; i < end; i++ {
			if d.exp < 1e15 {
				d.exp = d.exp*10 + int64(s[i]-'0')
			}
		}
		if neg {
			d.exp = -d.exp
		}
	}
	if i != len(s) {
		return d, false
	}
	if whole = strings.TrimLeft(whole, "0"); whole != "" {
		d.digits = whole + frac
		d.exp += int64(len(whole))
	} else {
		d.digits = strings.TrimLeft(frac, "0")
		d.exp -= int64(len(frac) - len(d.digits))
	}
	if d.digits = strings.TrimRight(d.digits, "0"); d.digits == "" {
		return queryDecimal{}, true // zero, and -0 is zero
	}
	return d, true
}

func compareQueryDecimals(a, b queryDecimal) int {
	sign := func(d queryDecimal) int {
		switch {
		case d.digits == "":
			return 0
		case d.neg:
			return -1
		}
		return 1
	}
	sa, sb := sign(a), sign(b)
	if sa != sb || sa == 0 {
		return cmp.Compare(sa, sb)
	}
	c := cmp.Compare(a.exp, b.exp)
	if c == 0 {
		c = strings.Compare(a.digits, b.digits)
	}
	return sa * c
}

// filterToken is a token of a $filter: a parenthesis, a comma, a quoted
// string (text unescaped), or a word (a name, keyword or bare literal).
type filterToken struct {
	kind byte // 0 at the end; '(', ')', ',', '\'' for a string, 'w' for a word
	pos  int
	text string
}

// filterParser is a recursive descent parser that reads tokens one at a
// time, so that its error is about the first problem in the text.
type filterParser struct {
	src   string
	next  int // the offset after tok
	tok   filterToken
	depth int
}

func parseFilter(src string) (*filterExpr, error) {
	p := &filterParser{src: src}
	if err := p.advance(); err != nil {
		return nil, err
	}
	e, err := p.parseOr()
	if err != nil {
		return nil, err
	}
	if p.tok.kind != 0 {
		return nil, p.expected("and, or or the end")
	}
	return e, p.condition(e)
}

// advance reads the next token into tok.
func (p *filterParser) advance() error {
	i := p.next
	for i < len(p.src) && strings.IndexByte(" \t\r\n", p.src[i]) >= 0 {
		i++
	}
	p.tok = filterToken{pos: i}
	switch {
	case i == len(p.src):
	case strings.IndexByte("(),", p.src[i]) >= 0:
		p.tok.kind, i = p.src[i], i+1
	case p.src[i] == '\'':
		var b strings.Builder
		for i++; ; i++ {
			if i == len(p.src) {
				return p.invalid("unterminated string at position %d", p.tok.pos+1)
			}
			if p.src[i] == '\'' {
				if i+1 < len(p.src) && p.src[i+1] == '\'' {
					i++ // '' is a quote
				} else {
					break
				}
			}
			b.WriteByte(p.src[i])
		}
		p.tok.kind, p.tok.text, i = '\'', b.String(), i+1
	default:
		start := i
		for i < len(p.src) && strings.IndexByte(" \t\r\n(),'", p.src[i]) < 0 {
			i++
		}
		p.tok.kind, p.tok.text = 'w', p.src[start:i]
		if i < len(p.src) && p.src[i] == '\'' && !filterReserved(p.keyword()) {
			return queryError("the fake does not support typed literals like %s in $filter", queryQuote(p.tok.text+"'…'"))
		}
	}
	p.next = i
	return nil
}

// keyword is tok lower-cased if it is a word short enough to be a keyword
// (none is longer than divby), so that a long word costs nothing.
func (p *filterParser) keyword() string {
	if p.tok.kind != 'w' || len(p.tok.text) > len("divby") {
		return ""
	}
	return strings.ToLower(p.tok.text)
}

// invalid is the error for a $filter that is not OData. Its positions are
// 1-based byte offsets.
func (p *filterParser) invalid(format string, args ...any) error {
	return queryError("invalid $filter: "+format, args...)
}

// expected is the error for a tok that is not what the grammar wants.
func (p *filterParser) expected(what string) error {
	if kw := p.keyword(); filterUnsupported[kw] {
		return queryError("the fake does not support %q in $filter", kw)
	}
	found := "the end"
	if p.tok.kind != 0 {
		found = queryQuote(p.src[p.tok.pos:p.next])
	}
	return p.invalid("expected %s at position %d, found %s", what, p.tok.pos+1, found)
}

// condition checks that e can be true: a literal other than true or false
// cannot.
func (p *filterParser) condition(e *filterExpr) error {
	if _, isBool := e.value.(bool); e.op == filterLiteral && !isBool {
		return p.invalid("expected a condition at position %d", e.pos+1)
	}
	return nil
}

// enter counts a level of nesting; leave uncounts it.
func (p *filterParser) enter() error {
	if p.depth++; p.depth > filterMaxDepth {
		return p.invalid("nested deeper than %d levels at position %d", filterMaxDepth, p.tok.pos+1)
	}
	return nil
}

func (p *filterParser) leave() { p.depth-- }

// parseOr parses conditions joined by or, which binds looser than and.
func (p *filterParser) parseOr() (*filterExpr, error) {
	return p.parseJoined("or", filterOr, p.parseAnd)
}

func (p *filterParser) parseAnd() (*filterExpr, error) {
	return p.parseJoined("and", filterAnd, p.parseNot)
}

// parseJoined parses operands joined by keyword into one node, so that a
// long chain is a wide node rather than a deep one.
func (p *filterParser) parseJoined(keyword string, op filterOp, operand func() (*filterExpr, error)) (*filterExpr, error) {
	first, err := operand()
	if err != nil || p.keyword() != keyword {
		return first, err
	}
	e := &filterExpr{op: op, pos: first.pos, args: []*filterExpr{first}}
	for p.keyword() == keyword {
		if err := p.advance(); err != nil {
			return nil, err
		}
		next, err := operand()
		if err != nil {
			return nil, err
		}
		e.args = append(e.args, next)
	}
	for _, a := range e.args {
		if err := p.condition(a); err != nil {
			return nil, err
		}
	}
	return e, nil
}

// parseNot parses a comparison with any number of nots before it.
func (p *filterParser) parseNot() (*filterExpr, error) {
	if p.keyword() != "not" {
		return p.parseComparison()
	}
	pos := p.tok.pos
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	if err := p.advance(); err != nil {
		return nil, err
	}
	operand, err := p.parseNot()
	if err != nil {
		return nil, err
	}
	if err := p.condition(operand); err != nil {
		return nil, err
	}
	return &filterExpr{op: filterNot, pos: pos, args: []*filterExpr{operand}}, nil
}

// parseComparison parses an operand, and a comparison or in after it if
// there is one. Comparisons do not chain: "a eq 1 eq true" is an error.
func (p *filterParser) parseComparison() (*filterExpr, error) {
	left, err := p.parseOperand()
	if err != nil {
		return nil, err
	}
	kw := p.keyword()
	if op, ok := filterComparisons[kw]; ok {
		if err := p.advance(); err != nil {
			return nil, err
		}
		right, err := p.parseOperand()
		if err != nil {
			return nil, err
		}
		return &filterExpr{op: op, pos: left.pos, args: []*filterExpr{left, right}}, nil
	}
	if kw != "in" {
		return left, nil
	}
	if err := p.advance(); err != nil {
		return nil, err
	}
	if p.tok.kind != '(' {
		return nil, p.expected("'(' after in")
	}
	e := &filterExpr{op: filterIn, pos: left.pos, args: []*filterExpr{left}}
	for p.tok.kind != ')' {
		if err := p.advance(); err != nil {
			return nil, err
		}
		item, err := p.parseOperand()
		if err != nil {
			return nil, err
		}
		if item.op != filterLiteral {
			return nil, p.invalid("in takes a list of literals, not the one at position %d", item.pos+1)
		}
		e.args = append(e.args, item)
		if p.tok.kind != ',' && p.tok.kind != ')' {
			return nil, p.expected("',' or ')'")
		}
	}
	return e, p.advance()
}

// parseOperand parses a literal, a property, a function call or a
// parenthesized condition.
func (p *filterParser) parseOperand() (*filterExpr, error) {
	tok := p.tok
	switch tok.kind {
	case '\'':
		return &filterExpr{op: filterLiteral, pos: tok.pos, value: tok.text}, p.advance()
	case '(':
		if err := p.enter(); err != nil {
			return nil, err
		}
		defer p.leave()
		if err := p.advance(); err != nil {
			return nil, err
		}
		e, err := p.parseOr()
		if err != nil {
			return nil, err
		}
		if p.tok.kind != ')' {
			return nil, p.expected("')'")
		}
		return e, p.advance()
	case 'w':
		kw := p.keyword()
		if filterReserved(kw) {
			return nil, p.expected("a property, literal or '('")
		}
		if err := p.advance(); err != nil {
			return nil, err
		}
		if p.tok.kind == '(' {
			return p.parseCall(tok)
		}
		return p.parseWord(tok, kw)
	}
	return nil, p.expected("a property, literal or '('")
}

// parseWord parses a word that is not a call: a literal or a property.
func (p *filterParser) parseWord(tok filterToken, kw string) (*filterExpr, error) {
	e := &filterExpr{op: filterLiteral, pos: tok.pos}
	w := tok.text
	switch {
	case kw == "true" || kw == "false":
		e.value = kw == "true"
	case kw == "null":
	case w == "INF" || w == "NaN":
		return nil, queryError("the fake does not support %s in $filter", queryQuote(w))
	case w[0] == '-' && (len(w) == 1 || w[1] < '0' || w[1] > '9'):
		return nil, queryError("the fake does not support negation (%s) in $filter", queryQuote(w))
	case w[0] == '-' || '0' <= w[0] && w[0] <= '9':
		if _, ok := parseQueryDecimal(w); ok {
			e.value = json.Number(w)
		} else if filterBareString(w) {
			e.value = w
		} else {
			return nil, p.invalid("%s at position %d is not a literal", queryQuote(w), tok.pos+1)
		}
	case filterBareString(w):
		e.value = w // a GUID that starts with a letter
	default:
		path, ok := queryPath(w)
		if !ok {
			if strings.ContainsAny(w, "$@.:") {
				return nil, queryError("the fake does not support %s in $filter", queryQuote(w))
			}
			return nil, p.invalid("%s at position %d is not a property", queryQuote(w), tok.pos+1)
		}
		e.op, e.path = filterProperty, path
	}
	return e, nil
}

// parseCall parses a call of the function named by tok; p.tok is its '('.
func (p *filterParser) parseCall(tok filterToken) (*filterExpr, error) {
	name := tok.text[strings.LastIndexByte(tok.text, '/')+1:]
	op, ok := filterFunctions[strings.ToLower(name)]
	if !ok || name != tok.text {
		// Lambdas (tags/any(t:...)) land here with every other function.
		if _, isPath := queryPath(tok.text); isPath || strings.ContainsAny(tok.text, "$@.:") {
			return nil, queryError("the fake does not support %s in $filter", queryQuote(name))
		}
		return nil, p.invalid("%s at position %d is not a function", queryQuote(tok.text), tok.pos+1)
	}
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	e := &filterExpr{op: op, pos: tok.pos}
	for _, after := range []byte{',', ')'} {
		if err := p.advance(); err != nil {
			return nil, err
		}
		arg, err := p.parseOperand()
		if err != nil {
			return nil, err
		}
		e.args = append(e.args, arg)
		if p.tok.kind != after {
			return nil, p.invalid("%s takes two arguments: expected '%c' at position %d", strings.ToLower(name), after, p.tok.pos+1)
		}
	}
	return e, p.advance()
}

// filterBareString reports whether w is a literal OData writes without
// quotes that the fake compares as a string: a GUID, a date or a
// date-time.
func filterBareString(w string) bool {
	if rest, ok := cutShape(w, "hhhhhhhh-hhhh-hhhh-hhhh-hhhhhhhhhhhh"); ok && rest == "" {
		return true
	}
	rest, ok := cutShape(w, "dddd-dd-dd")
	if !ok || rest == "" {
		return ok
	}
	if rest, ok = cutShape(rest, "Tdd:dd"); !ok {
		return false
	}
	if r, ok := cutShape(rest, ":dd"); ok {
		rest = r
		if r, ok := cutShape(rest, ".d"); ok {
			rest = strings.TrimLeft(r, "0123456789")
		}
	}
	if rest == "" || rest == "Z" {
		return true
	}
	if r, ok := cutShape(rest, "+dd:dd"); ok {
		return r == ""
	}
	r, ok := cutShape(rest, "-dd:dd")
	return ok && r == ""
}

// cutShape cuts a prefix of the shape from s: 'd' in shape is a digit, 'h'
// a hex digit, and any other byte itself.
func cutShape(s, shape string) (string, bool) {
	if len(s) < len(shape) {
		return s, false
	}
	for i := 0; i < len(shape); i++ {
		c := s[i]
		switch shape[i] {
		case 'd':
			if c < '0' || c > '9' {
				return s, false
			}
		case 'h':
			if strings.IndexByte("0123456789abcdefABCDEF", c) < 0 {
				return s, false
			}
		default:
			if c != shape[i] {
				return s, false
			}
		}
	}
	return s[len(shape):], true
}
