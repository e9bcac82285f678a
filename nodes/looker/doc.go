// Package looker is the bundled Looker integration: a declarative node
// generated from Looker's API 4.0 OpenAPI document (474 non-deprecated
// operations in 35 resources), operations named after their summaries
// ("User" → "Send Password Reset Token"), optional query and body fields
// under "Additional Fields". Its credential type lookerApi {baseUrl,
// clientId, clientSecret} logs in with POST /login and sends
// "Authorization: token <access_token>"; the token is kept until it expires
// and fetched again after a 401.
//
// description.json and README.md are generated (see generate.go); a test
// fails when regenerating would change them.
package looker
