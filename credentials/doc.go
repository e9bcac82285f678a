// Package credentials holds noderun's credentials: credential types as data
// (n8n's ICredentialType: properties, extends chain, generic authenticate,
// test request, session-login preAuthentication, OAuth2), the stores that
// keep credential data (an AES-256-GCM encrypted SQLite store, the plain
// JSON file of the --credentials flag, and an in-memory store), the Manager
// that resolves a node's credential and authenticates its requests (n8n's
// httpRequestWithAuthentication), and the import of `n8n
// export:credentials` output, decrypted or encrypted with n8n's key.
//
// Secrets are a type: Data and Secret redact their values in String,
// GoString, fmt verbs, MarshalJSON and slog; Reveal returns the plain values
// and is the only way to read them.
//
// The n8n behaviour matched is described in docs/n8n-semantics.md §5.
package credentials
