package httpx

import (
	"bytes"
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"syscall"

	"github.com/noderun/noderun/nodes"
)

// StatusError is a reply whose status the request did not accept (non-2xx
// unless IgnoreHTTPStatusErrors). It carries the whole response.
type StatusError struct {
	Response *nodes.Response
}

// Error returns axios's text: "Request failed with status code N".
func (e *StatusError) Error() string {
	return fmt.Sprintf("Request failed with status code %d", e.Response.StatusCode)
}

// NetworkError is a request that got no response. Code is the Node.js /
// axios error code n8n reports: ECONNREFUSED, ECONNRESET, ENOTFOUND,
// EAI_AGAIN, ETIMEDOUT (connect timeout), ECONNABORTED (the request's own
// timeout), ERR_CANCELED (the run was cancelled), or "" when unknown.
type NetworkError struct {
	Code string
	Err  error
}

// Error returns the text Node.js gives for the failure where noderun
// knows it ("connect ECONNREFUSED 127.0.0.1:80", "getaddrinfo ENOTFOUND
// host", "timeout of 300000ms exceeded"), else the underlying error.
func (e *NetworkError) Error() string {
	var op *net.OpError
	var dns *net.DNSError
	switch {
	case e.Code == "ECONNREFUSED" && errors.As(e.Err, &op) && op.Addr != nil:
		return "connect ECONNREFUSED " + op.Addr.String()
	case (e.Code == "ENOTFOUND" || e.Code == "EAI_AGAIN") && errors.As(e.Err, &dns):
		return "getaddrinfo " + e.Code + " " + dns.Name
	case e.Code == "ECONNRESET":
		return "socket hang up"
	}
	return e.Err.Error()
}

// Unwrap returns the underlying error.
func (e *NetworkError) Unwrap() error { return e.Err }

// ProxyError reports a proxy URL without host or port ("The proxy is not
// valid"); Field names the missing part.
type ProxyError struct {
	Proxy string
	Field string
}

// Error returns n8n's message with the missing field.
func (e *ProxyError) Error() string {
	return fmt.Sprintf("The proxy is not valid: the proxy URL does not contain a valid value for %q", e.Field)
}

// classify turns a transport error into a NetworkError with n8n's code.
// timedOut tells that the request's own deadline expired.
func classify(err error, timedOut bool, timeoutMS int64) *NetworkError {
	var (
		dns      *net.DNSError
		unknown  x509.UnknownAuthorityError
		hostname x509.HostnameError
		invalid  x509.CertificateInvalidError
	)
	switch {
	case timedOut:
		return &NetworkError{Code: "ECONNABORTED", Err: fmt.Errorf("timeout of %dms exceeded", timeoutMS)}
	case errors.Is(err, context.Canceled):
		return &NetworkError{Code: "ERR_CANCELED", Err: errors.New("canceled")}
	case errors.Is(err, syscall.ECONNREFUSED):
		return &NetworkError{Code: "ECONNREFUSED", Err: err}
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, syscall.EPIPE):
		return &NetworkError{Code: "ECONNRESET", Err: err}
	case errors.As(err, &dns):
		if dns.IsTemporary || dns.IsTimeout {
			return &NetworkError{Code: "EAI_AGAIN", Err: err}
		}
		return &NetworkError{Code: "ENOTFOUND", Err: err}
	case errors.As(err, &unknown):
		if c := unknown.Cert; c != nil && bytes.Equal(c.RawIssuer, c.RawSubject) {
			return &NetworkError{Code: "DEPTH_ZERO_SELF_SIGNED_CERT", Err: errors.New("self-signed certificate")}
		}
		return &NetworkError{Code: "UNABLE_TO_VERIFY_LEAF_SIGNATURE", Err: errors.New("unable to verify the first certificate")}
	case errors.As(err, &hostname):
		return &NetworkError{Code: "ERR_TLS_CERT_ALTNAME_INVALID", Err: fmt.Errorf("Hostname/IP does not match certificate's altnames: %s", hostname.Host)}
	case errors.As(err, &invalid) && invalid.Reason == x509.Expired:
		return &NetworkError{Code: "CERT_HAS_EXPIRED", Err: errors.New("certificate has expired")}
	case errors.Is(err, context.DeadlineExceeded), isTimeout(err):
		return &NetworkError{Code: "ETIMEDOUT", Err: err}
	}
	return &NetworkError{Err: err}
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}
