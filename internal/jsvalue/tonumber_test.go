package jsvalue_test

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/noderun/noderun/internal/jsvalue"
)

// TestToNumber compares with node's Number(x).
func TestToNumber(t *testing.T) {
	t.Parallel()
	nan := math.NaN()
	tests := []struct {
		in   any
		want float64
	}{
		{nil, 0},
		{true, 1},
		{false, 0},
		{"", 0},
		{"  \n", 0},
		{" 12 ", 12},
		{"\u00a012\u2003", 12},
		{"1e3", 1000},
		{".5", 0.5},
		{"5.", 5},
		{"-0.25", -0.25},
		{"0x1F", 31},
		{"0o17", 15},
		{"0b101", 5},
		{"0x", nan},
		{"Infinity", math.Inf(1)},
		{"-Infinity", math.Inf(-1)},
		{"infinity", nan},
		{"inf", nan},
		{"NaN", nan},
		{"1_000", nan},
		{"12px", nan},
		{"1e999", math.Inf(1)},
		{3.5, 3.5},
		{int(7), 7},
		{nan, nan},
		{[]any{}, 0},
		{[]any{"4"}, 4},
		{[]any{[]any{2.0}}, 2},
		{[]any{1.0, 2.0}, nan},
		{map[string]any{}, nan},
	}
	for _, tt := range tests {
		got, ok := jsvalue.ToNumber(tt.in)
		if diff := cmp.Diff(tt.want, got, cmpopts.EquateNaNs()); diff != "" {
			t.Errorf("ToNumber(%#v) (-want +got):\n%s", tt.in, diff)
		}
		if diff := cmp.Diff(!math.IsNaN(tt.want), ok); diff != "" {
			t.Errorf("ToNumber(%#v) ok (-want +got):\n%s", tt.in, diff)
		}
	}
}

// TestTruthy compares with node's Boolean(x).
func TestTruthy(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   any
		want bool
	}{
		{nil, false},
		{false, false},
		{true, true},
		{"", false},
		{"0", true},
		{"false", true},
		{0.0, false},
		{math.Copysign(0, -1), false},
		{math.NaN(), false},
		{-1.0, true},
		{int(0), false},
		{int64(2), true},
		{uint8(0), false},
		{[]any{}, true},
		{map[string]any{}, true},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, jsvalue.Truthy(tt.in)); diff != "" {
			t.Errorf("Truthy(%#v) (-want +got):\n%s", tt.in, diff)
		}
	}
}
