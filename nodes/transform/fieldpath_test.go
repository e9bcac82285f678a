package transform

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestGetField(t *testing.T) {
	t.Parallel()
	data := obj{"a": obj{"b": arr{obj{"c": 1.0}, 2.0}}, "x.y": "dotted", "n": nil}
	tests := []struct {
		name       string
		path       string
		disableDot bool
		want       any
		wantOK     bool
	}{
		{"nested", "a.b[0].c", false, 1.0, true},
		{"index dot", "a.b.1", false, 2.0, true},
		{"literal dotted key wins", "x.y", false, "dotted", true},
		{"missing", "a.z", false, nil, false},
		{"out of range", "a.b[5]", false, nil, false},
		{"null present", "n", false, nil, true},
		{"disable dot", "a.b", true, nil, false},
		{"disable dot top", "x.y", true, "dotted", true},
		{"array length", "a.b.length", false, 2.0, true},
		{"quoted bracket", `a["b"][1]`, false, 2.0, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, ok := getField(data, tc.path, tc.disableDot)
			if ok != tc.wantOK {
				t.Fatalf("ok = %v, want %v", ok, tc.wantOK)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("value (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSetAndUnsetField(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		start      obj
		path       string
		value      any
		disableDot bool
		unset      bool
		want       obj
	}{
		{"create nested", obj{}, "a.b.c", 1.0, false, false, obj{"a": obj{"b": obj{"c": 1.0}}}},
		{"create array", obj{}, "a[1]", "x", false, false, obj{"a": arr{nil, "x"}}},
		{"create array of objects", obj{}, "a.0.b", true, false, false, obj{"a": arr{obj{"b": true}}}},
		{"replace scalar parent", obj{"a": 1.0}, "a.b", 2.0, false, false, obj{"a": obj{"b": 2.0}}},
		{"disable dot", obj{}, "a.b", 1.0, true, false, obj{"a.b": 1.0}},
		{"unset nested", obj{"a": obj{"b": 1.0, "c": 2.0}}, "a.b", nil, false, true, obj{"a": obj{"c": 2.0}}},
		{"unset missing", obj{"a": 1.0}, "x.y", nil, false, true, obj{"a": 1.0}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			m := copyObject(tc.start)
			if tc.unset {
				unsetField(m, tc.path, tc.disableDot)
			} else {
				setField(m, tc.path, tc.value, tc.disableDot)
			}
			if diff := cmp.Diff(tc.want, m); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestJSValueHelpers(t *testing.T) {
	t.Parallel()
	less := []struct {
		a, b any
		want bool
	}{
		{1.0, 2.0, true},
		{"a", "b", true},
		{"10", "9", true}, // string comparison
		{10.0, "9", false},
		{nil, 1.0, true}, // null is 0
		{true, 2.0, true},
	}
	for _, tc := range less {
		if got := jsLess(tc.a, tc.b, true, true); got != tc.want {
			t.Errorf("jsLess(%v, %v) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
	if jsLess(1.0, 2.0, false, true) {
		t.Error("undefined < 2 must be false")
	}
	merged := lodashMerge(obj{"a": obj{"x": 1.0}, "l": arr{1.0, 2.0}}, obj{"a": obj{"y": 2.0}, "l": arr{9.0}})
	want := obj{"a": obj{"x": 1.0, "y": 2.0}, "l": arr{9.0, 2.0}}
	if diff := cmp.Diff(want, merged); diff != "" {
		t.Errorf("lodashMerge (-want +got):\n%s", diff)
	}
	empty := mergeWithEmpty(obj{"a": "keep", "b": obj{"c": "x"}}, true, obj{"a": "", "b": obj{"c": nil}, "d": nil})
	if diff := cmp.Diff(obj{"a": "keep", "b": obj{"c": "x"}, "d": nil}, empty); diff != "" {
		t.Errorf("mergeWithEmpty (-want +got):\n%s", diff)
	}
	for v, want := range map[float64]string{1: "1", 1.5: "1.5", -0.25: "-0.25", 1e21: "1e+21", 123456789012: "123456789012"} {
		if got := jsString(v); got != want {
			t.Errorf("jsString(%v) = %q, want %q", v, got, want)
		}
	}
}
