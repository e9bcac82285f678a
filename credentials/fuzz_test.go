package credentials_test

import (
	"testing"

	"github.com/noderun/noderun/credentials"
)

// FuzzImportN8N checks that no export, however broken, panics the import
// or yields a credential without a name or type.
func FuzzImportN8N(f *testing.F) {
	f.Add([]byte(`[{"id":"1","name":"a","type":"x","data":{"k":"v"}}]`), "key")
	f.Add([]byte(`[{"id":"1","name":"a","type":"x","data":"U2FsdGVkX1/kvkuDrn0w/FXtah3DCqThL0kiQERBxfLVLOTBuRhEDfRO4a6RXdO42KFv77lF7O4SFHD2PHkA6w=="}]`), "n8n-test-key-Zq7vX2")
	f.Add([]byte(`[{"name":"a","type":"x","data":"U2FsdGVkX18AAAAAAAAAAA=="}]`), "k")
	f.Add([]byte(`{"name":"a","type":"x","data":null}`), "")
	f.Fuzz(func(t *testing.T, data []byte, key string) {
		creds, err := credentials.ImportN8N(data, key)
		if err != nil {
			return
		}
		for _, c := range creds {
			if c.Name == "" || c.Type == "" || c.ID == "" {
				t.Fatalf("imported an incomplete credential: %v", c)
			}
		}
	})
}
