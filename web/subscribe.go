package web

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/aitracker/aitracker/digest"
	"github.com/aitracker/aitracker/store"
)

// Mailer sends the mail that confirms a subscription made on the web.
type Mailer interface {
	SendConfirmation(ctx context.Context, to, link, query string) error
}

// confirmResend is how long before the form sends an address another
// confirmation.
const confirmResend = 10 * time.Minute

// subscribe is POST /subscribe: a daily digest of a search, for an address
// that must confirm it first (double opt-in) by the link mailed to it.
func (s *Server) subscribe(w http.ResponseWriter, r *http.Request) {
	data := map[string]any{"Version": s.Version, "Title": "Subscribe"}
	if s.Mailer == nil || s.Keys == nil {
		data["Message"] = "Digests are not set up on this server."
		s.render(w, http.StatusNotFound, "unsubscribe.html", data)
		return
	}
	if err := r.ParseForm(); err != nil {
		data["Message"] = "The form could not be read."
		s.render(w, http.StatusBadRequest, "unsubscribe.html", data)
		return
	}
	req := digest.Request{Email: r.PostForm.Get("email"), Query: r.PostForm.Get("q")}
	sub, err := req.Subscriber(s.resolve)
	if err != nil {
		data["Message"] = "Not subscribed: " + err.Error()
		s.render(w, http.StatusBadRequest, "unsubscribe.html", data)
		return
	}
	send, err := s.Store.AddPending(r.Context(), &sub, confirmResend)
	switch {
	case errors.Is(err, store.ErrExists):
		// Saying so would tell strangers who is subscribed; the owner
		// knows.
		send = false
	case err != nil:
		s.failPage(w, r, err)
		return
	}
	if send {
		link := s.baseURL(r) + "/confirm/" + s.Keys.ConfirmToken(sub.ID, s.now())
		if err := s.Mailer.SendConfirmation(r.Context(), sub.Email, link, sub.Filter.Query); err != nil {
			s.Logger.Error("confirmation not sent", "subscriber", sub.ID, "err", strings.ReplaceAll(err.Error(), sub.Email, "<subscriber>"))
			data["Message"] = "The confirmation mail could not be sent just now; please try again later."
			s.render(w, http.StatusServiceUnavailable, "unsubscribe.html", data)
			return
		}
	}
	data["Title"] = "Check your inbox"
	data["Message"] = "If the address can be subscribed, a mail with a confirmation link is on its way. Nothing is sent until you follow it."
	s.render(w, http.StatusOK, "unsubscribe.html", data)
}

// confirmPage is GET /confirm/{token}: it asks before confirming, so that
// a mail scanner following the link subscribes nobody.
func (s *Server) confirmPage(w http.ResponseWriter, r *http.Request) {
	data := map[string]any{"Version": s.Version, "Title": "Confirm your digest"}
	if s.Keys == nil {
		s.notFound(w, r)
		return
	}
	if _, err := s.Keys.CheckConfirm(r.PathValue("token"), s.now()); err != nil {
		s.badToken(w, err, data, "confirmation link", digest.ConfirmMaxAge, "Subscribe again from the search page.")
		return
	}
	data["Message"] = "Start the daily digest of this search at your address?"
	data["Confirm"], data["Action"], data["Button"] = true, r.URL.Path, "Confirm"
	s.render(w, http.StatusOK, "unsubscribe.html", data)
}

// confirm is POST /confirm/{token}.
func (s *Server) confirm(w http.ResponseWriter, r *http.Request) {
	data := map[string]any{"Version": s.Version, "Title": "Subscribed"}
	if s.Keys == nil {
		s.notFound(w, r)
		return
	}
	id, err := s.Keys.CheckConfirm(r.PathValue("token"), s.now())
	if err != nil {
		s.badToken(w, err, data, "confirmation link", digest.ConfirmMaxAge, "Nothing was changed. Subscribe again from the search page.")
		return
	}
	found, err := s.Store.Confirm(r.Context(), id)
	if err != nil {
		s.failPage(w, r, err)
		return
	}
	if !found {
		data["Title"], data["Message"] = "Not found", "This subscription no longer exists."
		s.render(w, http.StatusNotFound, "unsubscribe.html", data)
		return
	}
	data["Message"] = "Your daily digest starts tomorrow at 07:00 UTC. Every digest has a link to stop it."
	s.render(w, http.StatusOK, "unsubscribe.html", data)
}

// baseURL is where this server is reached: the configured base URL, or
// the request's host.
func (s *Server) baseURL(r *http.Request) string {
	if s.BaseURL != "" {
		return strings.TrimSuffix(s.BaseURL, "/")
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}
