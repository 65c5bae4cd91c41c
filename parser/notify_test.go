package parser

import (
	"reflect"
	"sync/atomic"
	"testing"

	"github.com/docgen-dev/docgen/parser/diag"
)

// TestParseNotifyCountsEachPage checks that ParseNotify reports each page
// once and builds the same model as Parse.
func TestParseNotifyCountsEachPage(t *testing.T) {
	src, err := ReadDir("../generator/testdata/docs")
	if err != nil {
		t.Fatal(err)
	}
	var n atomic.Int64
	got := ParseNotify(src, &diag.List{}, func() { n.Add(1) })
	if int(n.Load()) != len(src) || len(src) < 2 {
		t.Errorf("parsed called %d times for %d pages", n.Load(), len(src))
	}
	if want := Parse(src, &diag.List{}); !reflect.DeepEqual(got, want) {
		t.Errorf("ParseNotify and Parse built different models")
	}
}
