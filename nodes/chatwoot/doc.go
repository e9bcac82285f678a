// Package chatwoot is the bundled Chatwoot integration: a declarative node
// generated from Chatwoot's OpenAPI document with the mapping of
// @devlikeapro/n8n-openapi-node 0.1.4, so that it is the community node
// @devlikeapro/n8n-nodes-chatwoot (type "@devlikeapro/n8n-nodes-chatwoot.chatWoot",
// typeVersion 1: 29 resources, 115 operations) and workflows built with it
// in n8n run unchanged. Its credential type is chatwootApi {url,
// accessToken}, sent as the Api-Access-Token header.
//
// description.json and README.md are generated (see generate.go); a test
// fails when regenerating would change them.
package chatwoot
