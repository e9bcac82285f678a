// Package mindz is the bundled Mindz integration (the school platform
// formerly called EAD Guru): a hand-written declarative node, since Mindz
// publishes no OpenAPI document. It covers the 22 resources and 116 actions
// of the Mindz community node's docs; 24 operations were documented there
// (User → Change Password takes exactly User ID and Password), the others
// are inferred and marked so in README.md. No docs page states HTTP routes,
// so every route is inferred (Django REST style under the school's base URL).
// Requests authenticate with OAuth2 (credential type mindzOAuth2Api, which
// extends oAuth2Api and adds the school's base URL).
//
// The catalogue is written in internal/catalogue; description.json,
// doc-notes.json and README.md are generated from it (see generate.go) and
// a test fails when regenerating would change them.
package mindz
