// Package httpx is noderun's HTTP client with the behaviour of n8n's axios
// layer (@n8n/backend-network httpRequest): baseURL joining, query strings
// encoded like the qs library, JSON and form bodies, the empty-body rules,
// default headers, response parsing, typed status and network errors, and
// one shared, reused transport per (proxy, TLS verification) combination.
package httpx
