package generator

import (
	"fmt"
	"path"

	"github.com/dave/jennifer/jen"

	"github.com/docgen-dev/docgen/parser/model"
	"github.com/docgen-dev/docgen/templates"
)

// enumFile emits an enumeration: a string type and a constant per
// documented member. Values the docs do not list — members the service adds
// later, as Graph's unknownFutureValue convention promises — decode and
// encode unchanged, since the type is a string.
func (e *emitter) enumFile(en *model.Enum) File {
	name := e.names.enums[en.QualifiedName()]
	f := e.coreFile(en.Pos.File)
	source := "its enum table"
	if en.Source == model.FromDescription {
		source = "the \"Possible values are\" of a property description"
	}
	comment(f, fmt.Sprintf("%s is the %s enumeration, documented at %s by %s. It holds any string: values added after the docs decode and encode unchanged.", name, en.QualifiedName(), en.Pos, source))
	f.Type().Id(name).String()
	f.Line()
	var consts []jen.Code
	for _, m := range en.Members {
		if e.names.members[m] == "" {
			continue // a member listed twice
		}
		if doc := oneLine(m.Doc); doc != "" {
			consts = append(consts, comments(doc)...)
		}
		consts = append(consts, jen.Id(e.names.members[m]).Id(name).Op("=").Lit(m.Name))
	}
	if len(consts) > 0 {
		f.Const().Defs(consts...)
	}
	return e.render(path.Join(templates.CoreDir, e.names.enumFiles[en]), en.Pos.File, f)
}
