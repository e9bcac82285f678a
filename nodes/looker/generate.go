package looker

// Regenerate description.json and README.md from openapi.json (Looker's API
// 4.0 spec) and the hand-written credentials.json.
//go:generate go run ../../internal/openapi/cmd/openapigen openapi --name n8n-nodes-noderun.looker --display-name Looker --description "Interact with the Looker API 4.0" --credential lookerApi --base-url-from-credential baseUrl --header "Accept: application/json" --names-from-summaries --additional-fields --display-by-value --drop-unused-tags --rename-reserved openapi.json -o .
