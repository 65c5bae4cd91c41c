// Package support is the fixed support code that docgen copies into every
// package it generates: the OData error type, optional values, the JSON
// reader and writer, collections, query options, the router, the handler
// and the client. It is an ordinary package so that it is compiled, vetted,
// tested and fuzzed where it is written; package templates embeds it and
// writes each file out with the generated header and package clause.
//
// What is copied: every .go file but this one and stubs.go, and of the test
// files only examples_support_test.go (the helpers the generated example
// tests call). stubs.go stands in for the declarations docgen generates per
// package that the support code refers to (the Server interface, the routes
// table, the package's name); the generated package has the real ones. The
// other _test.go files are this package's own tests and fuzz targets.
//
// Everything here is standard library only, as the generated package must
// be; a file's package clause is its first line, with nothing before it.
package support
