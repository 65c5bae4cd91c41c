package generator

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/docgen-dev/docgen/parser/model"
)

// enumFile emits an enumeration: a string type and a constant per
// documented member. Values the docs do not list — members the service adds
// later, as Graph's unknownFutureValue convention promises — decode and
// encode unchanged, since the type is a string.
func (g *gen) enumFile(e *model.Enum) File {
	name := g.names.enums[e.QualifiedName()]
	f := g.newFile(e.Pos.File)
	source := "its enum table"
	if e.Source == model.FromDescription {
		source = "the \"Possible values are\" of a property description"
	}
	f.Comment(fmt.Sprintf("%s is the %s enumeration, documented at %s by %s.", name, e.QualifiedName(), e.Pos, source))
	f.Comment("It holds any string: values added after the docs decode and encode unchanged.")
	f.Type().Id(name).String()
	f.Line()
	var consts []jen.Code
	for _, m := range e.Members {
		if g.names.members[m] == "" {
			continue // a member listed twice
		}
		if doc := oneLine(m.Doc); doc != "" {
			consts = append(consts, jen.Comment(doc))
		}
		consts = append(consts, jen.Id(g.names.members[m]).Id(name).Op("=").Lit(m.Name))
	}
	if len(consts) > 0 {
		f.Const().Defs(consts...)
	}
	return g.render(fileName(name, ""), e.Pos.File, f)
}
