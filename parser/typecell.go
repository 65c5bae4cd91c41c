package parser

import (
	"regexp"
	"strings"

	"github.com/docgen-dev/docgen/parser/model"
)

// edmNames maps the spellings found in Type cells, lowercased and without an
// "Edm." prefix, to the Edm type they mean.
var edmNames = map[string]string{
	"string": "String", "int32": "Int32", "int64": "Int64", "int16": "Int16",
	"byte": "Byte", "sbyte": "SByte", "boolean": "Boolean", "double": "Double",
	"single": "Single", "decimal": "Decimal", "datetimeoffset": "DateTimeOffset",
	"date": "Date", "timeofday": "TimeOfDay", "duration": "Duration", "guid": "Guid",
	"binary": "Binary", "stream": "Stream",
	// Informal spellings seen in real pages.
	"int": "Int32", "integer": "Int32", "bool": "Boolean", "long": "Int64",
	"float": "Double", "numeric": "Double", "number": "Double",
	"datetime": "DateTimeOffset", "timestamp": "DateTimeOffset",
	// "Untyped JSON object": any JSON value, as the resolver also says.
	"untyped": "Untyped",
}

// TypeCell is what a table's Type cell says.
type TypeCell struct {
	Ref model.TypeRef
	// Link is the target of the cell's first link, if any: the page that
	// defines the type, which resolution prefers over the name.
	Link string
	// Note describes a liberty taken ("union a or b: took a"), for a warning.
	Note string
}

// ParseTypeCell reads a Type cell's plain text (link text kept, markup
// dropped). namespace qualifies bare type names. ok is false when nothing in
// the cell looks like a type.
func ParseTypeCell(text, link, namespace string) (c TypeCell, ok bool) {
	t := strings.TrimSpace(strings.Trim(strings.TrimSpace(text), "`*_"))
	if t == "" {
		return c, false
	}
	// "[x](x.md" whose link markdown could not read: the text and target
	// are still plain to see. A link markdown did read comes first.
	if m := brokenLink.FindStringSubmatch(t); m != nil {
		c.Note = "the link in " + quote(t) + " is not closed; read it as " + quote(m[1])
		t = m[1] + t[len(m[0]):]
		if link == "" {
			link = m[2]
		}
	}
	// "(Optional) String": a leading remark.
	if strings.HasPrefix(t, "(") {
		if i := strings.IndexByte(t, ')'); i > 0 && strings.TrimSpace(t[i+1:]) != "" {
			c.Note = "took " + quote(strings.TrimSpace(t[i+1:])) + " from " + quote(t)
			t = strings.TrimSpace(t[i+1:])
		}
	}
	// "string, maximum size 20", "x collection. Holds grades": the type is
	// what comes before the first comma, semicolon or sentence end.
	if i := typeEnd(t); i > 0 && !strings.HasPrefix(strings.ToLower(t), "collection(") {
		c.Note = "took the type before " + quote(strings.TrimSpace(t[i:i+1])) + " in " + quote(t)
		t = strings.TrimSpace(t[:i])
	}
	lower := strings.ToLower(t)
	switch {
	case strings.HasPrefix(lower, "collection(") && strings.HasSuffix(lower, ")"):
		t = strings.TrimSpace(t[len("collection(") : len(t)-1])
		c.Ref.Collection = true
	case strings.HasPrefix(lower, "collection of "):
		// "Collection of String", "collection of [driveItem](driveitem.md)".
		t = strings.TrimSpace(t[len("collection of "):])
		c.Ref.Collection = true
	case strings.HasSuffix(lower, " collection"):
		t = strings.TrimSpace(t[:len(t)-len(" collection")])
		c.Ref.Collection = true
	}
	// "[a](a.md) or [b](b.md)", "string/number": a union, which Go cannot
	// express; the first wins.
	if i := unionAt(t); i > 0 {
		first := strings.TrimSpace(strings.TrimSuffix(t[:i], " "))
		c.Note = "union " + quote(t) + ": took " + quote(first)
		t = first
	}
	t = strings.Trim(t, "`*_[] ")
	// "itemAnalytics resource", "error object", "Untyped JSON object": words
	// that say what kind of type it is, not which.
	for f := strings.Fields(t); len(f) > 1; f = f[:len(f)-1] {
		switch strings.ToLower(f[len(f)-1]) {
		case "object", "resource", "entity", "json":
			t = strings.Join(f[:len(f)-1], " ")
			continue
		}
		break
	}
	if f := strings.Fields(t); len(f) > 1 {
		// "String (identifier)": keep the first word.
		c.Note = "took " + quote(f[0]) + " from " + quote(t)
		t = f[0]
	}
	// Markup around the word that is left: "**String** (identifier)",
	// "`a_` resource". The name read is then the name read again.
	t = strings.Trim(t, "`*_[] ")
	if t == "" || !isTypeName(t) {
		return TypeCell{}, false
	}
	c.Link = link
	c.Ref.Name = QualifyTypeName(t, namespace)
	return c, true
}

// QualifyTypeName turns a documented type name into a qualified one:
// Edm spellings become "Edm.X", bare names take the page's namespace.
func QualifyTypeName(t, namespace string) string {
	lower := strings.ToLower(t)
	lower = strings.TrimPrefix(lower, "edm.")
	if edm, ok := edmNames[lower]; ok && !strings.Contains(strings.TrimPrefix(strings.ToLower(t), "edm."), ".") {
		return "Edm." + edm
	}
	t = strings.TrimPrefix(t, "#")
	if strings.Contains(t, ".") {
		return t
	}
	return model.Qualify(namespace, t)
}

var brokenLink = regexp.MustCompile(`^\[([^\]]+)\]\(([^)\s]*)$`)

// typeEnd returns where a type cell's remark starts: the first comma or
// semicolon, or a period that ends a sentence; -1 when there is none.
func typeEnd(t string) int {
	for i := 0; i < len(t); i++ {
		switch t[i] {
		case ',', ';':
			return i
		case '.':
			if i+1 == len(t) || t[i+1] == ' ' {
				return i
			}
		}
	}
	return -1
}

// unionAt returns where the second member of a union starts to be named:
// the " or " of "a or b", the "/" of "string/number"; -1 when there is none.
func unionAt(t string) int {
	if i := strings.Index(t, " or "); i > 0 {
		return i
	}
	// Both sides must be words: "n/a" is no union.
	if a, b, ok := strings.Cut(t, "/"); ok && len(a) > 2 && len(b) > 2 && isTypeName(a) && isTypeName(b) {
		return len(a)
	}
	return -1
}

// isTypeName reports whether s is a type name, qualified or not: letters,
// digits and "_" in names joined by single dots, not starting with a digit.
func isTypeName(s string) bool {
	if strings.HasSuffix(s, ".") || strings.Contains(s, "..") {
		return false // "A." is no type, whatever follows it in the cell
	}
	for i, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r == '_':
		case r >= '0' && r <= '9', r == '.':
			if i == 0 {
				return false
			}
		default:
			return false
		}
	}
	return true
}

func quote(s string) string { return "\"" + s + "\"" }
