package credentials

import (
	"errors"
	"fmt"
	"strings"
)

// ErrNotFound is returned (wrapped) by stores when no credential matches.
var ErrNotFound = errors.New("credential not found")

// NotFoundError reports a credential reference that matches nothing.
type NotFoundError struct {
	// Ref is the id or name looked up.
	Ref string
	// Type is the credential type asked for, when known.
	Type string
}

// Error describes the problem.
func (e *NotFoundError) Error() string {
	if e.Type != "" {
		return fmt.Sprintf("credential %q (type %s) not found", e.Ref, e.Type)
	}
	return fmt.Sprintf("credential %q not found", e.Ref)
}

// Is makes errors.Is(err, ErrNotFound) true.
func (e *NotFoundError) Is(target error) bool { return target == ErrNotFound }

// WrongTypeError reports a credential of another type than the node needs.
type WrongTypeError struct {
	Credential string
	Want, Got  string
}

// Error describes the problem.
func (e *WrongTypeError) Error() string {
	return fmt.Sprintf("credential %q has type %s, but %s is needed", e.Credential, e.Got, e.Want)
}

// MissingPropertyError reports required properties left empty.
type MissingPropertyError struct {
	Credential string
	Type       string
	Properties []string
}

// Error describes the problem.
func (e *MissingPropertyError) Error() string {
	return fmt.Sprintf("credential %q (type %s) is missing required properties: %s", e.Credential, e.Type, strings.Join(e.Properties, ", "))
}

// UnknownTypeError reports a credential type that is not registered.
type UnknownTypeError struct {
	Type string
}

// Error describes the problem.
func (e *UnknownTypeError) Error() string { return fmt.Sprintf("unknown credential type %q", e.Type) }

// ReconnectError reports an OAuth2 credential whose tokens cannot be used
// or refreshed (not connected, invalid_grant): the user must reconnect it.
type ReconnectError struct {
	Credential string
	Reason     string
	Err        error
}

// Error describes the problem.
func (e *ReconnectError) Error() string {
	return fmt.Sprintf("credential %q needs to be reconnected: %s", e.Credential, e.Reason)
}

// Unwrap returns the cause.
func (e *ReconnectError) Unwrap() error { return e.Err }

// TokenError reports a failed token request (OAuth2 token endpoint or a
// session login).
type TokenError struct {
	Credential string
	// Status is the HTTP status of the token endpoint (0 when no reply).
	Status int
	Err    error
}

// Error describes the problem.
func (e *TokenError) Error() string {
	if e.Status != 0 {
		return fmt.Sprintf("credential %q: token request failed with status %d: %v", e.Credential, e.Status, e.Err)
	}
	return fmt.Sprintf("credential %q: token request failed: %v", e.Credential, e.Err)
}

// Unwrap returns the cause.
func (e *TokenError) Unwrap() error { return e.Err }

// TestError is a failed credential test, with n8n's message.
type TestError struct {
	Credential string
	Message    string
}

// Error describes the problem.
func (e *TestError) Error() string {
	return fmt.Sprintf("credential %q test failed: %s", e.Credential, e.Message)
}

// scrubbedError hides secret values in the text of a wrapped error.
type scrubbedError struct {
	msg string
	err error
}

func (e *scrubbedError) Error() string { return e.msg }
func (e *scrubbedError) Unwrap() error { return e.err }

// scrub returns err with every secret string replaced by Redacted in its
// text. Errors without a secret in their text are returned unchanged.
func scrub(err error, secrets []string) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	out := scrubString(msg, secrets)
	if out == msg {
		return err
	}
	return &scrubbedError{msg: out, err: err}
}

func scrubString(s string, secrets []string) string {
	for _, sec := range secrets {
		if sec != "" && strings.Contains(s, sec) {
			s = strings.ReplaceAll(s, sec, Redacted)
		}
	}
	return s
}
