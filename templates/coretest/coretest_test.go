package coretest

import "testing"

func TestJSONDiff(t *testing.T) {
	for _, c := range []struct {
		want, got string
		same      bool
	}{
		{`{"a":1,"b":[1,2]}`, `{"b":[1,2],"a":1.0}`, true},
		{`{"a":"2017-01-01T00:00:56.6394557+03:00"}`, `{"a":"2016-12-31T21:00:56.6394557Z"}`, true},
		{`{"a":1}`, `{"a":2}`, false},
		{`{"a":[1]}`, `{"a":[1,2]}`, false},
		{`{"a":"x"}`, `{"a":"y"}`, false},
	} {
		if got := jsonDiff([]byte(c.want), []byte(c.got)) == ""; got != c.same {
			t.Errorf("jsonDiff(%s, %s) same = %v, want %v", c.want, c.got, got, c.same)
		}
	}
}
