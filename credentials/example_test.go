package credentials_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/noderun/noderun/credentials"
	"github.com/noderun/noderun/internal/httpx"
	"github.com/noderun/noderun/nodes"
)

// A node's credential is resolved by id, then by name, and its requests
// are authenticated by the credential type's generic authenticate.
func ExampleManager_Do() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "key header: %s", r.Header.Get("X-Api-Key"))
	}))
	defer srv.Close()

	store := credentials.NewMemoryStore(&credentials.Credential{
		ID: "cred-1", Name: "Shop API key", Type: "httpHeaderAuth",
		Data: credentials.Data{"name": "X-Api-Key", "value": "shop-key-123"},
	})
	m := credentials.NewManager(credentials.BuiltinTypes(), store)
	ctx := context.Background()
	cred, err := m.Resolve(ctx, nodes.CredentialRef{ID: "old-id", Name: "Shop API key"}, "httpHeaderAuth")
	if err != nil {
		panic(err)
	}
	fmt.Println(cred.Data) // secrets print redacted
	client := &httpx.Client{}
	resp, err := m.Do(ctx, cred, &nodes.Request{URL: srv.URL}, client.Do)
	if err != nil {
		panic(err)
	}
	fmt.Println(resp.Body)
	// Output:
	// {"name":"***","value":"***"}
	// key header: shop-key-123
}

// n8n's encrypted export is decrypted with n8n's encryption key.
func ExampleImportN8N() {
	export := `[{"id":"aB3dE5fG7hJ9kL1m","name":"Shop API","type":"sendGridApi",
	  "data":"U2FsdGVkX1/kvkuDrn0w/FXtah3DCqThL0kiQERBxfLVLOTBuRhEDfRO4a6RXdO42KFv77lF7O4SFHD2PHkA6w=="}]`
	creds, err := credentials.ImportN8N([]byte(export), "n8n-test-key-Zq7vX2")
	if err != nil {
		panic(err)
	}
	for _, c := range creds {
		fmt.Println(c, c.Data)
	}
	// Output:
	// credential "Shop API" (id aB3dE5fG7hJ9kL1m, type sendGridApi) {"apiKey":"***"}
}
