package mindz_test

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/credentials"
	"github.com/noderun/noderun/internal/openapi/openapitest"
	"github.com/noderun/noderun/nodes"
	"github.com/noderun/noderun/nodes/mindz"
	"github.com/noderun/noderun/nodes/mindz/internal/catalogue"
)

func TestGeneratedFilesUpToDate(t *testing.T) {
	t.Parallel()
	files, err := catalogue.Files()
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range files {
		have, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(have, want) {
			t.Errorf("%s is out of date with internal/catalogue (run go generate)", name)
		}
	}
	openapitest.CheckGenerated(t, "generate.go")
}

func TestCounts(t *testing.T) {
	t.Parallel()
	d, err := mindz.Description()
	if err != nil {
		t.Fatal(err)
	}
	res, ops := openapitest.Counts(d)
	if res != 22 || ops != 116 {
		t.Errorf("got %d resources, %d actions; want 22, 116", res, ops)
	}
	if err := nodes.ValidateDescription(d); err != nil {
		t.Error(err)
	}
}

// Every operation the docs pages showed is present under its documented
// name, and the doc marks the others as inferred.
func TestDocumentedOperationsAndInferredMarks(t *testing.T) {
	t.Parallel()
	d, err := mindz.Description()
	if err != nil {
		t.Fatal(err)
	}
	documented := []string{
		"Course Teacher:Update", "Email:List", "Email Campaign Excluded List:List", "Enroll:Update",
		"MindzPay Invoice:Create", "MindzPay Invoice:Get", "MindzPay Invoice:Update", "MindzPay Invoice:Cancel",
		"MindzPay Invoice:Refresh", "MindzPay Invoice:List", "MindzPay Invoice:Reissue",
		"MindzPay Subscription:Cancel", "MindzPay Subscription:Suspend", "MindzPay Subscription:List",
		"Subscription:Create", "Subscription:Update", "Subscription:Add Product", "Subscription:Remove Product",
		"Team:Create", "Team:Partial Update", "Team:Update", "User:Change Password", "User:Update", "User:Create",
	}
	notes := catalogue.Notes()
	for _, key := range documented {
		r, op, _ := strings.Cut(key, ":")
		if openapitest.Operation(d, r, op) == nil {
			t.Errorf("%s → %s: missing", r, op)
		}
		if strings.Contains(notes[key], "Inferred") {
			t.Errorf("%s: marked inferred but was documented", key)
		}
	}
	inferred := 0
	for _, n := range notes {
		if strings.Contains(n, "**Inferred**") {
			inferred++
		}
	}
	if len(notes) != 116 || inferred != 116-len(documented) {
		t.Errorf("notes: %d, inferred %d; want 116 and %d", len(notes), inferred, 116-len(documented))
	}
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(string(readme), "**Inferred**"); got != inferred {
		t.Errorf("README marks %d operations inferred; want %d", got, inferred)
	}
}

func TestResourcesInMenuOrder(t *testing.T) {
	t.Parallel()
	d, err := mindz.Description()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Course", "Bundle", "Course Grade", "Course Grade Detail", "Course Teacher", "Email", "Email Campaign",
		"Email Campaign Course", "Email Campaign Excluded Course", "Email Campaign Excluded List", "Email Campaign Excluded Plan",
		"Email Campaign List", "Email Campaign Plan", "Email List", "Enroll", "MindzPay Account", "MindzPay Invoice",
		"MindzPay Payment", "MindzPay Subscription", "Subscription", "Team", "User"}
	var got []string
	for _, o := range d.Properties[0].Options {
		got = append(got, o.Name)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("resources (-want +got):\n%s", diff)
	}
}

func TestSeedOperationChangePassword(t *testing.T) {
	t.Parallel()
	d, err := mindz.Description()
	if err != nil {
		t.Fatal(err)
	}
	if openapitest.Operation(d, "User", "Change Password") == nil {
		t.Fatal("User → Change Password not found")
	}
	var got [][2]any
	for _, f := range openapitest.Fields(d, "User", "Change Password") {
		got = append(got, [2]any{f.DisplayName, f.Required})
	}
	if diff := cmp.Diff([][2]any{{"User ID", true}, {"Password", true}}, got); diff != "" {
		t.Errorf("fields (-want +got):\n%s", diff)
	}
}

func TestRegisterAndCredential(t *testing.T) {
	t.Parallel()
	r := nodes.NewRegistry()
	if err := mindz.Register(r); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Lookup("mindz", 1); err != nil {
		t.Fatal(err)
	}
	types, err := credentials.LoadTypes(mindz.CredentialTypes)
	if err != nil {
		t.Fatal(err)
	}
	if len(types) != 1 || types[0].Name != "mindzOAuth2Api" || !cmp.Equal(types[0].Extends, []string{"oAuth2Api"}) {
		t.Fatalf("want mindzOAuth2Api extending oAuth2Api, got %+v", types)
	}
	all := credentials.BuiltinTypes()
	if err := all.Register(types[0]); err != nil {
		t.Fatal(err)
	}
	if !all.IsOAuth2("mindzOAuth2Api") {
		t.Error("mindzOAuth2Api: IsOAuth2 is false")
	}
}
