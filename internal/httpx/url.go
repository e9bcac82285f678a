package httpx

import "strings"

// JoinURL combines a request's baseURL and url as axios does: an absolute
// url (scheme://...) ignores baseURL, an empty url is baseURL, and a relative
// url is joined to baseURL with exactly one '/'.
func JoinURL(baseURL, url string) string {
	if baseURL == "" || isAbsoluteURL(url) {
		return url
	}
	if url == "" {
		return baseURL
	}
	return strings.TrimRight(baseURL, "/") + "/" + strings.TrimLeft(url, "/")
}

// isAbsoluteURL reports whether u starts with a scheme ("http://") or is
// protocol-relative ("//host"), axios's isAbsoluteURL.
func isAbsoluteURL(u string) bool {
	if strings.HasPrefix(u, "//") {
		return true
	}
	i := strings.Index(u, "://")
	if i <= 0 {
		return false
	}
	for j, c := range u[:i] {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		case j > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return true
}

// appendQuery adds an encoded query string to u, after any query it has.
func appendQuery(u, query string) string {
	if query == "" {
		return u
	}
	if i := strings.IndexByte(u, '#'); i >= 0 {
		u = u[:i]
	}
	if strings.Contains(u, "?") {
		return u + "&" + query
	}
	return u + "?" + query
}
