package expr

import "testing"

// The function constructors are removed from every pooled runtime even
// though the sanitizer already refuses the property name: no code path
// from a string to code remains.
func TestRuntimeHasNoFunctionConstructors(t *testing.T) {
	t.Parallel()
	v, err := getVM(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer putVM(v)
	for _, src := range []string{
		"Object.getPrototypeOf(function(){}).constructor",
		"Object.getPrototypeOf(function*(){}).constructor",
		"Object.getPrototypeOf(async function(){}).constructor",
		"(() => 1).constructor",
		"typeof eval === 'object' && typeof Function === 'object' && typeof globalThis === 'object'",
	} {
		got, err := v.rt.RunString(src)
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		if got.Export() != nil && got.Export() != true {
			t.Errorf("%s = %v; want undefined (or true)", src, got)
		}
	}
}
