package dnsfilter

// Regenerate description.json and README.md from openapi.json (DNSFilter's
// spec) and the hand-written credentials.json and doc-intro.md.
//go:generate go run ../../internal/openapi/cmd/openapigen openapi --name n8n-nodes-noderun.dnsFilter --display-name DNSFilter --description "Interact with the DNSFilter API" --credential dnsFilterApi --base-url https://api.dnsfilter.com --header "Accept: application/json" --header "Content-Type: application/json" --strip-prefix V[0-9]+_[^-]*- --additional-fields --display-by-value --drop-unused-tags --rename-reserved openapi.json -o .
