package credentials

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/noderun/noderun/internal/jsvalue"
	"github.com/noderun/noderun/nodes"
)

// OAuth2 grant types (the grantType property).
const (
	GrantAuthorizationCode = "authorizationCode"
	GrantClientCredentials = "clientCredentials"
	GrantPKCE              = "pkce"
)

// OAuth2TokenKey is the data key holding the token response.
const OAuth2TokenKey = "oauthTokenData"

// OAuth2Options are a node's oauth2 request options (n8n's
// IOAuth2Options), passed to Do with WithOAuth2Options.
type OAuth2Options struct {
	// TokenType overrides the token's token_type.
	TokenType string
	// Property is a dot path in the token data holding the access token
	// (Slack's authed_user.access_token); empty means access_token.
	Property string
	// DropBearer sends "Authorization: <token>" without "Bearer " (n8n's
	// keepBearer: false).
	DropBearer bool
	// KeyToIncludeInAccessTokenHeader also sends the access token in this
	// header.
	KeyToIncludeInAccessTokenHeader string
	// IncludeCredentialsOnRefreshOnBody sends client_id (and, for the
	// authorization code grant, client_secret) in the refresh body
	// instead of an Authorization header.
	IncludeCredentialsOnRefreshOnBody bool
}

type oauth2OptionsKey struct{}

// WithOAuth2Options returns ctx carrying a node's OAuth2 options for Do.
func WithOAuth2Options(ctx context.Context, o *OAuth2Options) context.Context {
	return context.WithValue(ctx, oauth2OptionsKey{}, o)
}

func oauth2OptionsFrom(ctx context.Context) *OAuth2Options {
	if o, ok := ctx.Value(oauth2OptionsKey{}).(*OAuth2Options); ok && o != nil {
		return o
	}
	return &OAuth2Options{}
}

// doOAuth2 is n8n's requestOAuth2.
func (m *Manager) doOAuth2(ctx context.Context, cred *Credential, req *nodes.Request, send SendFunc) (*nodes.Response, error) {
	opts := oauth2OptionsFrom(ctx)
	tok, data, err := m.oauth2Token(ctx, cred)
	if err != nil {
		return nil, err
	}
	r, err := signOAuth2(cred, req, tok, opts)
	if err != nil {
		return nil, err
	}
	resp, err := send(ctx, r)
	if !tokenExpired(data["tokenExpiredStatusCode"], statusOf(resp, err)) {
		return resp, err
	}
	tok, err = m.refreshOAuth2(ctx, cred, tok, opts)
	if err != nil {
		return nil, err
	}
	r, err = signOAuth2(cred, req, tok, opts)
	if err != nil {
		return nil, err
	}
	return send(ctx, r)
}

// oauth2Token returns the stored token, fetching one first for the client
// credentials grant.
func (m *Manager) oauth2Token(ctx context.Context, cred *Credential) (tok, data map[string]any, err error) {
	unlock := m.lock(cred.ID)
	defer unlock()
	data = cred.Data.Reveal()
	tok = tokenData(data)
	if tok != nil && !isEmpty(tok["access_token"]) {
		return tok, data, nil
	}
	if str(data["grantType"]) != GrantClientCredentials {
		return nil, nil, &ReconnectError{Credential: cred.Name, Reason: "OAuth credentials not connected"}
	}
	tok, err = m.clientCredentialsToken(ctx, cred, data)
	if err != nil {
		return nil, nil, err
	}
	if err := m.save(ctx, cred, map[string]any{OAuth2TokenKey: tok}); err != nil {
		return nil, nil, err
	}
	return tok, cred.Data.Reveal(), nil
}

// refreshOAuth2 refreshes (or, for client credentials, re-fetches) the
// token used, unless another request already replaced it, and saves it.
func (m *Manager) refreshOAuth2(ctx context.Context, cred *Credential, used map[string]any, opts *OAuth2Options) (map[string]any, error) {
	unlock := m.lock(cred.ID)
	defer unlock()
	data := cred.Data.Reveal()
	if cur := tokenData(data); cur != nil && !isEmpty(cur["access_token"]) && cur["access_token"] != used["access_token"] {
		return cur, nil
	}
	// Another process may have refreshed it already (n8n re-reads too).
	if m.store != nil && cred.ID != "" {
		if stored, err := m.store.Get(ctx, cred.ID); err == nil {
			if cur := tokenData(stored.Data); cur != nil && !isEmpty(cur["access_token"]) && cur["access_token"] != used["access_token"] {
				cred.Data = mergeData(cred.Data, map[string]any{OAuth2TokenKey: cur})
				return cur, nil
			}
		}
	}
	var tok map[string]any
	var err error
	if str(data["grantType"]) == GrantClientCredentials {
		tok, err = m.clientCredentialsToken(ctx, cred, data)
	} else {
		tok, err = m.refreshToken(ctx, cred, data, used, opts)
	}
	if err != nil {
		return nil, err
	}
	if err := m.save(ctx, cred, map[string]any{OAuth2TokenKey: tok}); err != nil {
		return nil, err
	}
	return tok, nil
}

// clientCredentialsToken is @n8n/client-oauth2's CredentialsFlow.getToken.
func (m *Manager) clientCredentialsToken(ctx context.Context, cred *Credential, data map[string]any) (map[string]any, error) {
	form := url.Values{"grant_type": {"client_credentials"}}
	if b, _ := data["sendAdditionalBodyProperties"].(bool); b && str(data["authentication"]) == "body" {
		extra, err := jsonObject(data["additionalBodyProperties"])
		if err != nil {
			return nil, fmt.Errorf("credential %q: additionalBodyProperties: %w", cred.Name, err)
		}
		for k, v := range extra {
			form.Set(k, jsString(v))
		}
	}
	// n8n splits, trims and drops empty scopes; none means no scope field.
	if scopes := strings.Fields(str(data["scope"])); len(scopes) > 0 {
		form.Set("scope", strings.Join(scopes, " "))
	}
	return m.tokenRequest(ctx, cred, data, form, false)
}

// refreshToken is ClientOAuth2Token.refresh: grant_type=refresh_token
// with client authentication per the authentication property.
func (m *Manager) refreshToken(ctx context.Context, cred *Credential, data, used map[string]any, opts *OAuth2Options) (map[string]any, error) {
	rt := str(used["refresh_token"])
	if rt == "" {
		return nil, &ReconnectError{Credential: cred.Name, Reason: "OAuth access token expired and no refresh token is available"}
	}
	form := url.Values{"refresh_token": {rt}, "grant_type": {"refresh_token"}}
	noHeader := false
	if opts.IncludeCredentialsOnRefreshOnBody {
		form.Set("client_id", str(data["clientId"]))
		if str(data["grantType"]) == GrantAuthorizationCode || str(data["grantType"]) == "" {
			form.Set("client_secret", str(data["clientSecret"]))
		}
		noHeader = true
	}
	tok, err := m.tokenRequest(ctx, cred, data, form, noHeader)
	if err != nil {
		return nil, err
	}
	merged := make(map[string]any, len(used)+len(tok))
	for k, v := range used {
		merged[k] = v
	}
	for k, v := range tok {
		merged[k] = v
	}
	// n8n's addExpiresAt: the refresh time plus expires_in, in ms, as text.
	if f, ok := jsvalue.ToFloat(merged["expires_in"]); ok && f > 0 {
		merged["n8n_expires_at"] = jsString(float64(m.now().UnixMilli()) + f*1000)
	} else if s, ok := merged["expires_in"].(string); ok {
		var sec float64
		if _, err := fmt.Sscan(s, &sec); err == nil && sec > 0 {
			merged["n8n_expires_at"] = jsString(float64(m.now().UnixMilli()) + sec*1000)
		}
	}
	return merged, nil
}

// tokenRequest posts form to accessTokenUrl with client authentication
// (HTTP Basic over the unencoded id and secret, or client_id and
// client_secret in the body) and parses the token response.
func (m *Manager) tokenRequest(ctx context.Context, cred *Credential, data map[string]any, form url.Values, noClientHeader bool) (map[string]any, error) {
	tokenURL := str(data["accessTokenUrl"])
	if tokenURL == "" {
		return nil, &TokenError{Credential: cred.Name, Err: fmt.Errorf("no accessTokenUrl")}
	}
	clientID, secret := str(data["clientId"]), str(data["clientSecret"])
	header := ""
	switch {
	case form.Get("grant_type") == "refresh_token" && secret == "":
		form.Set("client_id", clientID) // public client (PKCE)
	case str(data["authentication"]) == "body":
		form.Set("client_id", clientID)
		form.Set("client_secret", secret)
	case !noClientHeader:
		header = "Basic " + base64.StdEncoding.EncodeToString([]byte(clientID+":"+secret))
	}
	hreq, err := http.NewRequestWithContext(ctx, http.MethodPost, tokenURL, strings.NewReader(form.Encode()))
	if err != nil {
		return nil, &TokenError{Credential: cred.Name, Err: fmt.Errorf("accessTokenUrl: %w", err)}
	}
	hreq.Header.Set("Accept", "application/json, application/x-www-form-urlencoded")
	hreq.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if header != "" {
		hreq.Header.Set("Authorization", header)
	}
	hresp, err := m.tokenClient(data).Do(hreq)
	if err != nil {
		return nil, &TokenError{Credential: cred.Name, Err: err}
	}
	defer hresp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(hresp.Body, 1<<20))
	if err != nil {
		return nil, &TokenError{Credential: cred.Name, Status: hresp.StatusCode, Err: err}
	}
	body := parseTokenBody(raw)
	if code := str(body["error"]); code != "" {
		desc := str(body["error_description"])
		if code == "invalid_grant" {
			reason := "the token endpoint answered invalid_grant"
			if desc != "" {
				reason += " (" + desc + ")"
			}
			return nil, &ReconnectError{Credential: cred.Name, Reason: reason}
		}
		msg := code
		if desc != "" {
			msg += ": " + desc
		}
		return nil, &TokenError{Credential: cred.Name, Status: hresp.StatusCode, Err: fmt.Errorf("%s", msg)}
	}
	if hresp.StatusCode < 200 || hresp.StatusCode > 299 {
		return nil, &TokenError{Credential: cred.Name, Status: hresp.StatusCode, Err: fmt.Errorf("HTTP status %d", hresp.StatusCode)}
	}
	if isEmpty(body["access_token"]) {
		return nil, &TokenError{Credential: cred.Name, Status: hresp.StatusCode, Err: fmt.Errorf("the response has no access_token")}
	}
	return body, nil
}

// parseTokenBody parses JSON, else form encoding (client-oauth2's
// parseResponseBody).
func parseTokenBody(raw []byte) map[string]any {
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err == nil {
		return m
	}
	vals, err := url.ParseQuery(string(raw))
	if err != nil {
		return map[string]any{}
	}
	m = map[string]any{}
	for k, v := range vals {
		if len(v) > 0 {
			m[k] = v[0]
		}
	}
	return m
}

// signOAuth2 is ClientOAuth2Token.sign plus n8n's oauth2 options.
func signOAuth2(cred *Credential, req *nodes.Request, tok map[string]any, opts *OAuth2Options) (*nodes.Request, error) {
	access := jsString(tok["access_token"])
	if opts.Property != "" {
		if v, ok := lookupPath(tok, opts.Property); ok && jsvalue.Truthy(v) {
			access = jsString(v)
		}
	}
	if access == "" {
		return nil, &ReconnectError{Credential: cred.Name, Reason: "unable to sign without access token"}
	}
	tokenType := "bearer"
	if tt, ok := tok["token_type"]; ok && tt != nil {
		tokenType = strings.ToLower(jsString(tt))
	}
	if opts.TokenType != "" {
		tokenType = strings.ToLower(opts.TokenType)
	}
	r := cloneRequest(req)
	if r.Headers == nil {
		r.Headers = map[string]any{}
	}
	if tokenType == "bearer" {
		if opts.DropBearer {
			r.Headers["Authorization"] = access
		} else {
			r.Headers["Authorization"] = "Bearer " + access
		}
	} else {
		if r.Query == nil {
			r.Query = map[string]any{}
		}
		r.Query["access_token"] = access
		r.Headers["Pragma"] = "no-store"
		r.Headers["Cache-Control"] = "no-store"
	}
	if k := opts.KeyToIncludeInAccessTokenHeader; k != "" {
		r.Headers[k] = access
	}
	return r, nil
}

// tokenData returns the oauthTokenData object (n8n may store it as JSON
// text).
func tokenData(data map[string]any) map[string]any {
	switch t := data[OAuth2TokenKey].(type) {
	case map[string]any:
		return t
	case string:
		var m map[string]any
		if json.Unmarshal([]byte(t), &m) == nil {
			return m
		}
	}
	return nil
}

// tokenExpired reports whether status is the credential's token-expired
// status (a number or a list; default 401).
func tokenExpired(setting any, status int) bool {
	if status == 0 {
		return false
	}
	switch t := setting.(type) {
	case nil:
		return status == http.StatusUnauthorized
	case []any:
		for _, e := range t {
			if f, ok := jsvalue.ToFloat(e); ok && int(f) == status {
				return true
			}
		}
		return false
	case string:
		var f float64
		if _, err := fmt.Sscan(t, &f); err == nil {
			return int(f) == status
		}
		return status == http.StatusUnauthorized
	}
	if f, ok := jsvalue.ToFloat(setting); ok {
		return int(f) == status
	}
	return status == http.StatusUnauthorized
}

// jsonObject accepts an object or JSON text of one ("" is empty).
func jsonObject(v any) (map[string]any, error) {
	switch t := v.(type) {
	case nil:
		return nil, nil
	case map[string]any:
		return t, nil
	case string:
		if strings.TrimSpace(t) == "" {
			return nil, nil
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(t), &m); err != nil {
			return nil, fmt.Errorf("not a JSON object")
		}
		return m, nil
	}
	return nil, fmt.Errorf("a %T, not a JSON object", v)
}
