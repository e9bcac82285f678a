package files_test

import (
	"testing"

	"github.com/noderun/noderun/credentials"
	"github.com/noderun/noderun/nodes/files"
)

func TestCredentialTypesLoad(t *testing.T) {
	t.Parallel()
	types, err := credentials.LoadTypes(files.CredentialTypes)
	if err != nil {
		t.Fatal(err)
	}
	if len(types) != 1 || types[0].Name != "crypto" {
		t.Fatalf("types = %+v", types)
	}
}
