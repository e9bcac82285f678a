package looker_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/credentials"
	"github.com/noderun/noderun/internal/openapi/openapitest"
	"github.com/noderun/noderun/nodes"
	"github.com/noderun/noderun/nodes/looker"
)

func TestGeneratedFilesUpToDate(t *testing.T) {
	t.Parallel()
	openapitest.CheckGenerated(t, "generate.go")
}

func TestCounts(t *testing.T) {
	t.Parallel()
	d, err := looker.Description()
	if err != nil {
		t.Fatal(err)
	}
	res, ops := openapitest.Counts(d)
	if res != 35 || ops != 474 {
		t.Errorf("got %d resources, %d operations; want 35, 474 (non-deprecated)", res, ops)
	}
	if err := nodes.ValidateDescription(d); err != nil {
		t.Error(err)
	}
}

func TestRegister(t *testing.T) {
	t.Parallel()
	r := nodes.NewRegistry()
	if err := looker.Register(r); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{looker.TypeName, "looker"} {
		if _, err := r.Lookup(name, 1); err != nil {
			t.Fatalf("Lookup(%q): %v", name, err)
		}
	}
}

func TestSeedOperationSendPasswordResetToken(t *testing.T) {
	t.Parallel()
	d, err := looker.Description()
	if err != nil {
		t.Fatal(err)
	}
	op := openapitest.Operation(d, "User", "Send Password Reset Token")
	if op == nil {
		t.Fatal("User → Send Password Reset Token not found")
	}
	want := map[string]any{"method": "POST", "url": `=/users/{{$parameter["user_id"]}}/credentials_email/send_password_reset`}
	if diff := cmp.Diff(want, op.Routing.Request); diff != "" {
		t.Errorf("routing (-want +got):\n%s", diff)
	}
	fields := openapitest.Fields(d, "User", "Send Password Reset Token")
	var got []string
	for _, f := range fields {
		got = append(got, f.Name)
		for _, o := range f.Options {
			got = append(got, f.Name+"."+o.Name+":"+o.Routing.Send.Type)
		}
	}
	if diff := cmp.Diff([]string{"user_id", "additionalFields", "additionalFields.fields:query"}, got); diff != "" {
		t.Errorf("fields (-want +got):\n%s", diff)
	}
}

func TestCredentialTypeLogsIn(t *testing.T) {
	t.Parallel()
	types, err := credentials.LoadTypes(looker.CredentialTypes)
	if err != nil {
		t.Fatal(err)
	}
	if len(types) != 1 || types[0].Name != "lookerApi" {
		t.Fatalf("want one type lookerApi, got %d", len(types))
	}
	ct := types[0]
	if ct.PreAuthentication == nil || ct.PreAuthentication.Request["url"] != "/login" || ct.PreAuthentication.Request["method"] != "POST" {
		t.Errorf("preAuthentication: want POST /login, got %+v", ct.PreAuthentication)
	}
	if diff := cmp.Diff(map[string]any{"Authorization": "=token {{$credentials.accessToken}}"}, ct.Authenticate.Properties.Headers); diff != "" {
		t.Errorf("authenticate headers (-want +got):\n%s", diff)
	}
}
