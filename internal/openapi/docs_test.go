package openapi_test

import (
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/internal/openapi"
)

func TestRenderOperationMarkdown(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("testdata/chatwoot.openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := openapi.Load(data)
	if err != nil {
		t.Fatal(err)
	}
	d, _, err := openapi.BuildDescription(doc, openapi.NodeConfig{Name: "cw", DisplayName: "CW", Credential: "chatwootApi"}, openapi.Options{})
	if err != nil {
		t.Fatal(err)
	}
	md, err := openapi.RenderOperationMarkdown(openapi.DocInput{Description: d, Spec: doc}, "Users", "Update A User")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"### Users → Update A User",
		"Request: `PATCH /platform/api/v1/users/{id}`.",
		"| Id | `id` | number | yes | `0` | path | The numeric ID of the user on the platform |",
		"| Custom Attributes | `custom_attributes` | json | no | `{}` | body `custom_attributes` | Custom attributes you want to associate with the user |",
		"Output: 200 Success.",
		`401 Unauthorized (n8n shows "Authorization failed - please check your credentials")`,
	}
	var missing []string
	for _, w := range want {
		if !strings.Contains(string(md), w) {
			missing = append(missing, w)
		}
	}
	if diff := cmp.Diff([]string(nil), missing); diff != "" {
		t.Errorf("section lacks lines (-want +got):\n%s\n%s", diff, md)
	}
	if _, err := openapi.RenderOperationMarkdown(openapi.DocInput{Description: d}, "Users", "Nope"); err == nil {
		t.Error("unknown operation: want an error")
	}
}
