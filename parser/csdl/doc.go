// Package csdl reads OData CSDL v4 metadata — a service's own description
// of its entity, complex and enum types — and measures docgen's model
// against it. It owns the metadata's plain-struct form (Schema, built by
// Read) and the comparison (Compare, which returns a Report of Findings);
// it never changes the model, and nothing in generation depends on it.
//
// The docs are the input docgen trusts; the metadata is the ground truth
// they are checked against. Compare looks only at types that come from a
// resource page (the others are stand-ins docgen made up for want of a
// page) and matches them to the metadata by qualified name,
// case-insensitively. Three figures sum it up:
//
//   - Property recall: of the metadata's own properties of the compared
//     types, the share the page documents.
//   - Precision: of the documented properties, the share the metadata has
//     on the type or one of its base types.
//   - Kind agreement: of the properties on both sides, the share whose types
//     agree: the same Edm type or the same named type, case-insensitively,
//     and both collections or neither. Edm.Int32 against Edm.Int64 or
//     Edm.Double against Edm.Single is a disagreement, as is an enum
//     documented as String: the generated code would be wrong.
//
// Recall counts own properties, precision own and inherited ones, because
// that is how the pages are written: each page documents its type's own
// properties, and often repeats some inherited ones (id, mostly), while the
// base type's page documents the rest. Counting inherited properties in
// recall would charge every derived page for what its base page already
// says; on the Graph v1.0 corpus that costs about two points of recall and
// points at no page that needs fixing. Report keeps that figure too
// (CSDLInherited, RecalledInherited) for comparison. Likewise precision
// must accept an inherited property, or every page that repeats id would
// be wrong.
//
// Each disagreement is a Finding at the place in the docs to look at: the
// property's row, or the page's title for something the page lacks. Some
// findings are documentation errors (the page omits or mistypes a
// property); others show docgen misreading a page that is right. A finding
// says what the metadata has, so either can be told apart.
package csdl
