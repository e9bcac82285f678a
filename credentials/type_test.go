package credentials_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/credentials"
	"github.com/noderun/noderun/nodes"
)

func TestLoadTypes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		in      string
		want    []string
		wantErr string
	}{
		{name: "one object", in: chatwootType, want: []string{"chatwootApi"}},
		{name: "array", in: `[{"name":"a","properties":[]},{"name":"b","extends":["a"],"properties":[]}]`, want: []string{"a", "b"}},
		{name: "no name", in: `{"properties":[]}`, wantErr: "has no name"},
		{name: "unnamed property", in: `{"name":"a","properties":[{"type":"string"}]}`, wantErr: "properties[0] has no name"},
		{name: "code authenticate", in: `{"name":"a","properties":[],"authenticate":{"type":"custom"}}`, wantErr: "not generic"},
		{name: "preAuthentication without request", in: `{"name":"a","properties":[],"preAuthentication":{"properties":{"t":"x"}}}`, wantErr: "needs a request"},
		{name: "not JSON", in: `[{`, wantErr: "load credential types"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			types, err := credentials.LoadTypes([]byte(tt.in))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, ty := range types {
				got = append(got, ty.Name)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("names (-want +got):\n%s", diff)
			}
		})
	}
}

func TestTypesRegistry(t *testing.T) {
	t.Parallel()
	r := credentials.BuiltinTypes()
	want := []string{"httpBasicAuth", "httpBearerAuth", "httpCustomAuth", "httpHeaderAuth", "httpQueryAuth", "oAuth2Api"}
	if diff := cmp.Diff(want, r.Names()); diff != "" {
		t.Errorf("builtin names (-want +got):\n%s", diff)
	}
	if err := r.Register(&credentials.Type{Name: "httpHeaderAuth"}); err == nil || !strings.Contains(err.Error(), "already registered") {
		t.Errorf("duplicate register: %v", err)
	}
	child := &credentials.Type{
		Name:    "myOAuth2Api",
		Extends: []string{"oAuth2Api"},
		Properties: []*nodes.Property{
			{Name: "grantType", Type: nodes.TypeHidden, Default: "clientCredentials"},
			{Name: "accessTokenUrl", Type: nodes.TypeHidden, Default: "https://auth.example/token"},
			{Name: "extra", Type: nodes.TypeString, Default: ""},
		},
	}
	if err := r.Register(child); err != nil {
		t.Fatal(err)
	}
	if !r.IsOAuth2("myOAuth2Api") || !r.IsOAuth2("oAuth2Api") || r.IsOAuth2("httpHeaderAuth") {
		t.Error("IsOAuth2 wrong")
	}
	chain, err := r.Chain("myOAuth2Api")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"myOAuth2Api", "oAuth2Api"}, chain); diff != "" {
		t.Errorf("chain (-want +got):\n%s", diff)
	}
	props, err := r.Properties("myOAuth2Api")
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]*nodes.Property{}
	var order []string
	for _, p := range props {
		byName[p.Name] = p
		order = append(order, p.Name)
	}
	if byName["grantType"].Default != "clientCredentials" || byName["grantType"].Type != nodes.TypeHidden {
		t.Errorf("child did not override grantType: %+v", byName["grantType"])
	}
	if order[1] != "grantType" || order[len(order)-1] != "extra" {
		t.Errorf("override should keep the parent's position and new properties go last: %v", order)
	}
	if byName["clientSecret"] == nil {
		t.Error("parent property clientSecret missing")
	}
	if _, err := r.Chain("nope"); err == nil {
		t.Error("unknown type chain: want error")
	}
	if err := r.Register(&credentials.Type{Name: "orphan", Extends: []string{"missing"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Properties("orphan"); err == nil || !strings.Contains(err.Error(), `unknown credential type "missing"`) {
		t.Errorf("orphan properties error = %v", err)
	}
}
