package parser

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// Annotation is the JSON object of an HTML comment that describes the code
// block after it: <!-- { "blockType": "request", "name": "get_user" } -->.
type Annotation struct {
	BlockType          string
	Type               string // "#page.annotation" for page annotations
	Names              []string
	ODataType          string
	Truncated          bool
	IsCollection       bool
	Abstract           bool
	OpenType           bool
	KeyProperty        string
	BaseType           string
	OptionalProperties []string
	Line               int // line of the comment's first line
}

// ParseAnnotation reads the body of an annotation comment (the text between
// "<!--" and "-->"). Real pages are not always strict JSON, so it accepts the
// lapses they contain: trailing commas, unquoted keys, single-quoted strings,
// raw newlines inside strings, and booleans written as strings ("true").
// ok is false when the comment is not an annotation at all (a plain comment).
func ParseAnnotation(body string) (a Annotation, ok bool, err error) {
	body = strings.TrimSpace(body)
	if !strings.HasPrefix(body, "{") {
		return a, false, nil
	}
	v, err := parseLenientJSON(body)
	if err != nil {
		return a, true, err
	}
	m, isObj := v.(map[string]any)
	if !isObj {
		return a, true, fmt.Errorf("annotation is not a JSON object")
	}
	a.BlockType = str(m["blockType"])
	a.Type = str(m["type"])
	a.ODataType = str(m["@odata.type"])
	if a.ODataType == "" {
		a.ODataType = str(m["@type"]) // older pages: "@type": "microsoft.graph.root"
	}
	a.KeyProperty = str(m["keyProperty"])
	a.BaseType = str(m["baseType"])
	a.Truncated = boolean(m["truncated"])
	a.IsCollection = boolean(m["isCollection"])
	a.Abstract = boolean(m["abstract"])
	a.OpenType = boolean(m["openType"])
	a.Names = strs(m["name"])
	a.OptionalProperties = strs(m["optionalProperties"])
	return a, true, nil
}

func str(v any) string {
	s, _ := v.(string)
	return strings.TrimSpace(s)
}

func boolean(v any) bool {
	switch v := v.(type) {
	case bool:
		return v
	case string:
		b, _ := strconv.ParseBool(strings.TrimSpace(v))
		return b
	}
	return false
}

// strs accepts a string or an array of strings, as "name" may be either.
func strs(v any) []string {
	switch v := v.(type) {
	case string:
		if s := strings.TrimSpace(v); s != "" {
			return []string{s}
		}
	case []any:
		var out []string
		for _, e := range v {
			if s := str(e); s != "" {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// parseLenientJSON parses the JSON dialect of annotations. It first tries
// encoding/json, so well-formed input takes the strict path; the nesting
// limit is checked before either path, since encoding/json allows 10000
// levels.
func parseLenientJSON(s string) (any, error) {
	if at := tooDeep(s); at >= 0 {
		return nil, fmt.Errorf("offset %d: nested deeper than %d levels", at, maxJSONDepth)
	}
	var v any
	if err := json.Unmarshal([]byte(s), &v); err == nil {
		return v, nil
	}
	p := &lenient{s: s}
	v, err := p.value(0)
	if err != nil {
		return nil, err
	}
	p.space()
	if p.i < len(p.s) {
		return nil, p.errorf("unexpected %q after the value", p.s[p.i])
	}
	return v, nil
}

// tooDeep returns the offset where s nests objects and arrays deeper than
// maxJSONDepth, or -1. Brackets inside strings, double- or single-quoted as
// the lenient dialect allows, do not count.
func tooDeep(s string) int {
	depth := 0
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == '\\' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '{' || c == '[':
			if depth++; depth > maxJSONDepth {
				return i
			}
		case c == '}' || c == ']':
			depth--
		}
	}
	return -1
}

type lenient struct {
	s string
	i int
}

func (p *lenient) errorf(format string, args ...any) error {
	return fmt.Errorf("offset %d: %s", p.i, fmt.Sprintf(format, args...))
}

func (p *lenient) space() {
	for p.i < len(p.s) && strings.IndexByte(" \t\r\n", p.s[p.i]) >= 0 {
		p.i++
	}
}

func (p *lenient) value(depth int) (any, error) {
	if depth > maxJSONDepth {
		return nil, p.errorf("nested deeper than %d levels", maxJSONDepth)
	}
	p.space()
	if p.i >= len(p.s) {
		return nil, p.errorf("unexpected end of input")
	}
	switch c := p.s[p.i]; {
	case c == '{':
		return p.object(depth)
	case c == '[':
		return p.array(depth)
	case c == '"' || c == '\'':
		return p.quoted()
	default:
		w := p.word()
		switch w {
		case "":
			return nil, p.errorf("unexpected %q", c)
		case "true":
			return true, nil
		case "false":
			return false, nil
		case "null":
			return nil, nil
		}
		if f, err := strconv.ParseFloat(w, 64); err == nil {
			return f, nil
		}
		return w, nil
	}
}

func (p *lenient) object(depth int) (any, error) {
	p.i++ // {
	m := map[string]any{}
	for {
		p.space()
		if p.i >= len(p.s) {
			return nil, p.errorf("unclosed object")
		}
		if p.s[p.i] == '}' {
			p.i++
			return m, nil
		}
		var key string
		if c := p.s[p.i]; c == '"' || c == '\'' {
			k, err := p.quoted()
			if err != nil {
				return nil, err
			}
			key = k
		} else if key = p.word(); key == "" {
			return nil, p.errorf("expected a key, found %q", c)
		}
		p.space()
		if p.i >= len(p.s) || p.s[p.i] != ':' {
			return nil, p.errorf("expected ':' after key %q", key)
		}
		p.i++
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		m[key] = v
		p.space()
		if p.i < len(p.s) && p.s[p.i] == ',' {
			p.i++
		}
	}
}

func (p *lenient) array(depth int) (any, error) {
	p.i++          // [
	out := []any{} // as encoding/json reads "[]"
	for {
		p.space()
		if p.i >= len(p.s) {
			return nil, p.errorf("unclosed array")
		}
		if p.s[p.i] == ']' {
			p.i++
			return out, nil
		}
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
		p.space()
		if p.i < len(p.s) && p.s[p.i] == ',' {
			p.i++
		}
	}
}

// quoted reads a string in double or single quotes; raw newlines are kept.
// Escapes and bad UTF-8 read as encoding/json reads them.
func (p *lenient) quoted() (string, error) {
	q := p.s[p.i]
	p.i++
	var b strings.Builder
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == q:
			p.i++
			return b.String(), nil
		case c == '\\' && p.i+1 < len(p.s):
			p.i++
			switch e := p.s[p.i]; e {
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case 't':
				b.WriteByte('\t')
			case 'u':
				if r, ok := p.hex4(p.i + 1); ok {
					p.i += 4
					// A UTF-16 surrogate pair is one character.
					if utf16.IsSurrogate(r) && strings.HasPrefix(p.s[p.i+1:], "\\u") {
						if r2, ok := p.hex4(p.i + 3); ok && utf16.DecodeRune(r, r2) != utf8.RuneError {
							r = utf16.DecodeRune(r, r2)
							p.i += 6
						}
					}
					b.WriteRune(r) // a lone surrogate writes U+FFFD
					break
				}
				b.WriteByte(e)
			default:
				b.WriteByte(e)
			}
			p.i++
		default:
			r, size := utf8.DecodeRuneInString(p.s[p.i:])
			if r == utf8.RuneError && size == 1 {
				b.WriteRune(utf8.RuneError)
			} else {
				b.WriteString(p.s[p.i : p.i+size])
			}
			p.i += size
		}
	}
	return "", p.errorf("unclosed string")
}

// hex4 reads the four hex digits of a \u escape at offset i.
func (p *lenient) hex4(i int) (rune, bool) {
	if i+4 > len(p.s) {
		return 0, false
	}
	r, err := strconv.ParseUint(p.s[i:i+4], 16, 32)
	return rune(r), err == nil
}

// word reads an unquoted key or scalar.
func (p *lenient) word() string {
	start := p.i
	for p.i < len(p.s) {
		r, size := utf8.DecodeRuneInString(p.s[p.i:])
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("@._-+#$", r)) {
			break
		}
		p.i += size
	}
	return p.s[start:p.i]
}
