package nodes_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/noderun/noderun/nodes"
)

func typ(name string, versions ...float64) *nodes.Type {
	return &nodes.Type{Description: &nodes.Description{Name: name, DisplayName: name, Version: versions, Properties: []*nodes.Property{}}}
}

func TestRegistry(t *testing.T) {
	t.Parallel()
	r := nodes.NewRegistry()
	if err := r.Register(typ("x.set", 3, 3.1)); err != nil {
		t.Fatal(err)
	}
	if err := r.Register(typ("x.set", 2)); err != nil {
		t.Fatal(err)
	}
	if err := r.Register(typ("x.set", 3.1)); err == nil || !strings.Contains(err.Error(), "version 3.1 already registered") {
		t.Errorf("duplicate version: %v", err)
	}
	for _, tc := range []struct {
		v    float64
		want float64
	}{{3, 3.1}, {3.1, 3.1}, {2, 2}, {0, 3.1}} {
		got, err := r.Lookup("x.set", tc.v)
		if err != nil || got.Description.Version.Latest() != tc.want {
			t.Errorf("Lookup(%v) = %v, %v", tc.v, got, err)
		}
	}
	_, err := r.Lookup("x.set", 9)
	var ute *nodes.UnknownTypeError
	if !errors.As(err, &ute) || !strings.Contains(err.Error(), "no typeVersion 9") {
		t.Errorf("unknown version: %v", err)
	}
	if _, err := r.Lookup("x.nope", 1); !errors.As(err, &ute) {
		t.Errorf("unknown type: %v", err)
	}
}

func TestRegistryLazy(t *testing.T) {
	t.Parallel()
	r := nodes.NewRegistry()
	loads := 0
	err := r.RegisterLazy("pkg.big", []string{"@vendor/n8n-nodes-big.big"}, func() (*nodes.Type, error) {
		loads++
		return typ("pkg.big", 1), nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Register(typ("pkg.big", 2)); err == nil {
		t.Error("registering over a lazy type should fail")
	}
	if loads != 0 {
		t.Fatal("loaded before use")
	}
	for _, name := range []string{"@vendor/n8n-nodes-big.big", "pkg.big"} {
		if got, err := r.Lookup(name, 1); err != nil || got.Name() != "pkg.big" {
			t.Fatalf("Lookup(%q) = %v, %v", name, got, err)
		}
	}
	if loads != 1 {
		t.Errorf("loaded %d times", loads)
	}
	bad := nodes.NewRegistry()
	_ = bad.RegisterLazy("pkg.bad", nil, func() (*nodes.Type, error) { return nil, errors.New("corrupt description") })
	if _, err := bad.Lookup("pkg.bad", 1); err == nil || !strings.Contains(err.Error(), `load node type "pkg.bad": corrupt description`) {
		t.Errorf("load error: %v", err)
	}
}

func TestValidateDescriptionNamesPaths(t *testing.T) {
	t.Parallel()
	d := &nodes.Description{Name: "x.bad", DisplayName: "Bad", Version: nodes.Versions{1}, Properties: []*nodes.Property{
		{Name: "resource", Type: "options"},
		{Name: "", Type: "string"},
		{Name: "weird", Type: "nonsense"},
	}}
	err := nodes.ValidateDescription(d)
	if err == nil {
		t.Fatal("want an error")
	}
	for _, want := range []string{`node type "x.bad"`, "properties[0](resource): options property has no options", "properties[1].name", "properties[2].type"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
}

func TestRegistryLazyConcurrentLookups(t *testing.T) {
	t.Parallel()
	r := nodes.NewRegistry()
	if err := r.RegisterLazy("pkg.big", nil, func() (*nodes.Type, error) { return typ("pkg.big", 1), nil }); err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 16)
	for range 16 {
		go func() {
			_, err := r.Lookup("pkg.big", 1)
			errs <- err
		}()
	}
	for range 16 {
		if err := <-errs; err != nil {
			t.Errorf("concurrent lookup: %v", err)
		}
	}
}
