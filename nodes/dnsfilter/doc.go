// Package dnsfilter is the bundled DNSFilter integration: a declarative
// node generated from DNSFilter's OpenAPI document (every non-deprecated
// operation, 280 in this revision) with operationId prefixes such as
// "V1_Distributors-" stripped so operations read like the DNSFilter node's
// docs ("Distributors" → "Users Reset Password Url"), optional query and
// body fields grouped under "Additional Fields", and requests sent to
// https://api.dnsfilter.com with the API key in the Authorization header
// (credential type dnsFilterApi).
//
// description.json and README.md are generated (see generate.go); a test
// fails when regenerating would change them.
package dnsfilter
