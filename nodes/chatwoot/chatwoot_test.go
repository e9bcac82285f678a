package chatwoot_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/credentials"
	"github.com/noderun/noderun/internal/openapi/openapitest"
	"github.com/noderun/noderun/nodes"
	"github.com/noderun/noderun/nodes/chatwoot"
)

func TestGeneratedFilesUpToDate(t *testing.T) {
	t.Parallel()
	openapitest.CheckGenerated(t, "generate.go")
}

func TestCounts(t *testing.T) {
	t.Parallel()
	d, err := chatwoot.Description()
	if err != nil {
		t.Fatal(err)
	}
	res, ops := openapitest.Counts(d)
	if res != 29 || ops != 115 || len(d.Properties) != 548 {
		t.Errorf("got %d resources, %d operations, %d properties; want 29, 115, 548", res, ops, len(d.Properties))
	}
	if err := nodes.ValidateDescription(d); err != nil {
		t.Error(err)
	}
}

func TestRegisterResolvesCommunityName(t *testing.T) {
	t.Parallel()
	r := nodes.NewRegistry()
	if err := chatwoot.Register(r); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"@devlikeapro/n8n-nodes-chatwoot.chatWoot", "chatwoot"} {
		typ, err := r.Lookup(name, 1)
		if err != nil {
			t.Fatalf("Lookup(%q): %v", name, err)
		}
		if !typ.IsDeclarative() {
			t.Errorf("%s: has a Handler; want a declarative type", name)
		}
		last := typ.Description.Properties[len(typ.Description.Properties)-1]
		if last.Name != "requestOptions" {
			t.Errorf("%s: last property is %q; want the requestOptions collection added at registration", name, last.Name)
		}
	}
	if err := chatwoot.Register(r); err == nil {
		t.Error("second Register: want a duplicate error")
	}
}

func TestSeedOperationUpdateAUser(t *testing.T) {
	t.Parallel()
	d, err := chatwoot.Description()
	if err != nil {
		t.Fatal(err)
	}
	op := openapitest.Operation(d, "Users", "Update A User")
	if op == nil {
		t.Fatal("Users → Update A User not found")
	}
	want := map[string]any{"method": "PATCH", "url": `=/platform/api/v1/users/{{$parameter["id"]}}`}
	if diff := cmp.Diff(want, op.Routing.Request); diff != "" {
		t.Errorf("routing (-want +got):\n%s", diff)
	}
	var names []string
	for _, f := range openapitest.Fields(d, "Users", "Update A User") {
		names = append(names, f.Name)
	}
	if diff := cmp.Diff([]string{"id", "name", "email", "password", "custom_attributes"}, names); diff != "" {
		t.Errorf("fields (-want +got):\n%s", diff)
	}
}

func TestCredentialType(t *testing.T) {
	t.Parallel()
	types, err := credentials.LoadTypes(chatwoot.CredentialTypes)
	if err != nil {
		t.Fatal(err)
	}
	if len(types) != 1 || types[0].Name != "chatwootApi" {
		t.Fatalf("got %d types; want chatwootApi", len(types))
	}
	ct := types[0]
	if diff := cmp.Diff(map[string]any{"Api-Access-Token": "={{$credentials.accessToken}}"}, ct.Authenticate.Properties.Headers); diff != "" {
		t.Errorf("authenticate headers (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]any{"baseURL": "={{$credentials.url}}", "url": "/api"}, ct.Test.Request); diff != "" {
		t.Errorf("test request (-want +got):\n%s", diff)
	}
}
