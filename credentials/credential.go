package credentials

import (
	"crypto/rand"
	"fmt"
	"strings"
)

// Credential is one stored credential: n8n's credentials entity without
// its sharing metadata. Data holds the secret values.
type Credential struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Type string `json:"type"`
	Data Data   `json:"data"`
}

// String names the credential without its data.
func (c *Credential) String() string {
	if c == nil {
		return "<nil credential>"
	}
	return fmt.Sprintf("credential %q (id %s, type %s)", c.Name, c.ID, c.Type)
}

// Clone returns a deep copy.
func (c *Credential) Clone() *Credential {
	if c == nil {
		return nil
	}
	out := *c
	if c.Data != nil {
		out.Data = Data(deepCopyMap(c.Data))
	}
	return &out
}

// label is how errors name the credential.
func (c *Credential) label() string {
	if c.Name != "" {
		return fmt.Sprintf("%q", c.Name)
	}
	return fmt.Sprintf("id %q", c.ID)
}

const idAlphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"

// NewID returns a random 16-character id in n8n's style.
func NewID() string {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		panic(fmt.Sprintf("credentials: no randomness: %v", err))
	}
	var sb strings.Builder
	for _, c := range b {
		sb.WriteByte(idAlphabet[int(c)%len(idAlphabet)])
	}
	return sb.String()
}
