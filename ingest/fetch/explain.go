package fetch

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"syscall"
)

// Explain says in plain words, for the person who runs the tracker, what
// a failed fetch means and what usually causes it: "the name example.com
// could not be resolved: no network, or a DNS problem". It is "" when err
// holds no failure it knows; the caller then shows the error itself. The
// error itself stays the record of what happened: Explain only reads it.
func Explain(err error) string {
	if err == nil {
		return ""
	}
	host := "the server"
	var fe *Error
	if errors.As(err, &fe) {
		if u, perr := url.Parse(fe.URL); perr == nil && u.Host != "" {
			host = u.Hostname()
		}
	}
	var (
		dns   *net.DNSError
		se    *StatusError
		be    *BlockedError
		size  *SizeError
		auth  x509.UnknownAuthorityError
		name  x509.HostnameError
		inval x509.CertificateInvalidError
	)
	switch {
	case errors.As(err, &dns):
		if dns.IsTimeout {
			return fmt.Sprintf("the name %s could not be resolved in time: no network, or a slow DNS server", dns.Name)
		}
		return fmt.Sprintf("the name %s could not be resolved: no network, or a DNS problem", dns.Name)
	case errors.As(err, &se):
		return explainStatus(se)
	case errors.As(err, &be):
		return fmt.Sprintf("%s is a private, loopback or link-local address, which the tracker does not fetch (fetch.allow_private_networks allows it)", be.Addr)
	case errors.As(err, &size):
		return fmt.Sprintf("the document is larger than the %s the tracker reads", humanBytes(size.Limit))
	case errors.Is(err, ErrTooManyRedirects):
		return "the address redirects too many times, or in a loop"
	case errors.Is(err, ErrScheme):
		return "the address is not http or https, or redirects to one that is not"
	case errors.Is(err, ErrBadURL):
		return "the address is not a valid URL"
	case errors.As(err, &auth):
		return fmt.Sprintf("the certificate of %s is not signed by an authority this machine trusts", host)
	case errors.As(err, &name):
		return fmt.Sprintf("the certificate of %s is for another name", host)
	case errors.As(err, &inval):
		return fmt.Sprintf("the certificate of %s is not valid (expired, or not valid yet)", host)
	case errors.Is(err, syscall.ECONNREFUSED):
		return fmt.Sprintf("%s refused the connection: the server is down, or nothing listens on that port", host)
	case errors.Is(err, syscall.ECONNRESET):
		return fmt.Sprintf("%s closed the connection before it answered", host)
	case errors.Is(err, syscall.ENETUNREACH), errors.Is(err, syscall.EHOSTUNREACH):
		return fmt.Sprintf("%s cannot be reached: no network, or no route to it", host)
	case errors.Is(err, context.DeadlineExceeded) || isTimeout(err):
		return fmt.Sprintf("%s did not answer in time: it is slow or overloaded, or the network is", host)
	}
	return ""
}

// explainStatus says what an HTTP answer other than 2xx means.
func explainStatus(se *StatusError) string {
	status := fmt.Sprintf("%d %s", se.Code, http.StatusText(se.Code))
	switch {
	case se.Code == http.StatusNotFound:
		return "nothing is at this address (" + status + "): the feed moved or was removed"
	case se.Code == http.StatusGone:
		return "the feed was removed (" + status + ")"
	case se.Code == http.StatusUnauthorized, se.Code == http.StatusForbidden:
		return "the server refuses to hand out the feed (" + status + "): it blocks crawlers, or wants a login"
	case se.Code == http.StatusTooManyRequests:
		s := "the server asks the tracker to slow down (" + status + ")"
		if se.RetryAfter > 0 {
			s += fmt.Sprintf(" and to come back in %s", se.RetryAfter)
		}
		return s
	case se.Code >= 500:
		return "the server failed to answer (" + status + "): trouble on its side"
	}
	return "the server refused the request (" + status + ")"
}
