package dnsfilter_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/credentials"
	"github.com/noderun/noderun/internal/openapi/openapitest"
	"github.com/noderun/noderun/nodes"
	"github.com/noderun/noderun/nodes/dnsfilter"
)

func TestGeneratedFilesUpToDate(t *testing.T) {
	t.Parallel()
	openapitest.CheckGenerated(t, "generate.go")
}

func TestCounts(t *testing.T) {
	t.Parallel()
	d, err := dnsfilter.Description()
	if err != nil {
		t.Fatal(err)
	}
	res, ops := openapitest.Counts(d)
	if res != 45 || ops != 280 {
		t.Errorf("got %d resources, %d operations; want 45, 280 (every non-deprecated operation)", res, ops)
	}
	if err := nodes.ValidateDescription(d); err != nil {
		t.Error(err)
	}
	if diff := cmp.Diff(map[string]any{
		"baseURL": "https://api.dnsfilter.com",
		"headers": map[string]any{"Accept": "application/json", "Content-Type": "application/json"},
	}, d.RequestDefaults); diff != "" {
		t.Errorf("requestDefaults (-want +got):\n%s", diff)
	}
}

func TestRegister(t *testing.T) {
	t.Parallel()
	r := nodes.NewRegistry()
	if err := dnsfilter.Register(r); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{dnsfilter.TypeName, "dnsfilter"} {
		typ, err := r.Lookup(name, 1)
		if err != nil {
			t.Fatalf("Lookup(%q): %v", name, err)
		}
		if !typ.IsDeclarative() {
			t.Errorf("%s: want a declarative type", name)
		}
	}
}

func TestSeedOperationResetPasswordURL(t *testing.T) {
	t.Parallel()
	d, err := dnsfilter.Description()
	if err != nil {
		t.Fatal(err)
	}
	op := openapitest.Operation(d, "Distributors", "Users Reset Password Url")
	if op == nil {
		t.Fatal("Distributors → Users Reset Password Url not found")
	}
	want := map[string]any{"method": "POST", "url": `=/v1/distributors/users/{{$parameter["id"]}}/reset_password_url`}
	if diff := cmp.Diff(want, op.Routing.Request); diff != "" {
		t.Errorf("routing (-want +got):\n%s", diff)
	}
	fields := openapitest.Fields(d, "Distributors", "Users Reset Password Url")
	if len(fields) != 1 || fields[0].Name != "id" || !fields[0].Required {
		t.Errorf("fields: got %d, want one required id", len(fields))
	}
}

// Optional query parameters go into Additional Fields, so an unset one is
// not sent; required ones stay top-level.
func TestOptionalQueryInAdditionalFields(t *testing.T) {
	t.Parallel()
	d, err := dnsfilter.Description()
	if err != nil {
		t.Fatal(err)
	}
	fields := openapitest.Fields(d, "Distributors", "Users Index")
	if len(fields) != 1 || fields[0].Name != "additionalFields" || fields[0].Type != nodes.TypeCollection {
		t.Fatalf("Users Index: want only an additionalFields collection, got %d fields", len(fields))
	}
	for _, o := range fields[0].Options {
		if o.Required || o.Routing == nil || o.Routing.Send == nil || o.Routing.Send.Type != "query" {
			t.Errorf("additional field %q: want an optional query field", o.Name)
		}
	}
}

func TestCredentialType(t *testing.T) {
	t.Parallel()
	types, err := credentials.LoadTypes(dnsfilter.CredentialTypes)
	if err != nil {
		t.Fatal(err)
	}
	if len(types) != 1 || types[0].Name != "dnsFilterApi" {
		t.Fatalf("want one type dnsFilterApi, got %d", len(types))
	}
	if diff := cmp.Diff(map[string]any{"Authorization": "={{$credentials.apiKey}}"}, types[0].Authenticate.Properties.Headers); diff != "" {
		t.Errorf("authenticate headers (-want +got):\n%s", diff)
	}
}
