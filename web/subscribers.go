package web

import (
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/aitracker/aitracker/digest"
	"github.com/aitracker/aitracker/internal/clock"
	"github.com/aitracker/aitracker/news"
	"github.com/aitracker/aitracker/store"
)

// unsubscribePage is GET /u/{token}: it only asks to confirm; mail
// scanners that follow links must not unsubscribe anyone.
func (s *Server) unsubscribePage(w http.ResponseWriter, r *http.Request) {
	data := map[string]any{"Version": s.Version, "Title": "Unsubscribe"}
	if _, err := s.checkToken(r); err != nil {
		s.badToken(w, err, data, "unsubscribe link", s.tokenMaxAge(), "Use the link in your latest digest.")
		return
	}
	data["Message"] = "Stop the aitracker digest e-mails to this address?"
	data["Confirm"], data["Action"] = true, r.URL.Path
	s.render(w, http.StatusOK, "unsubscribe.html", data)
}

// unsubscribe is POST /u/{token}: RFC 8058 one-click unsubscribe. It needs
// no session or cookie, since the signed token is the authority, and it
// is idempotent. A token that does not verify, or has expired, changes
// nothing.
func (s *Server) unsubscribe(w http.ResponseWriter, r *http.Request) {
	data := map[string]any{"Version": s.Version, "Title": "Unsubscribed"}
	id, err := s.checkToken(r)
	if err != nil {
		s.badToken(w, err, data, "unsubscribe link", s.tokenMaxAge(), "Nothing was changed. Use the link in your latest digest.")
		return
	}
	if _, err := s.Store.Unsubscribe(r.Context(), id); err != nil {
		s.Logger.Error("unsubscribe failed", "subscriber", id, "err", err)
		data["Title"], data["Message"] = "Not done", "Something went wrong on our side; please try again in a minute."
		s.render(w, http.StatusInternalServerError, "unsubscribe.html", data)
		return
	}
	data["Message"] = "You will get no more digest e-mails at this address."
	s.render(w, http.StatusOK, "unsubscribe.html", data)
}

func (s *Server) checkToken(r *http.Request) (int64, error) {
	if s.Keys == nil || s.Store == nil {
		return 0, digest.ErrBadToken
	}
	return s.Keys.Check(r.PathValue("token"), s.now())
}

func (s *Server) tokenMaxAge() time.Duration {
	if s.Keys == nil || s.Keys.MaxAge <= 0 {
		return digest.DefaultTokenMaxAge
	}
	return s.Keys.MaxAge
}

// badToken answers a link whose token was refused: 410 and how long such
// links work when it expired, 400 when it is not valid at all.
func (s *Server) badToken(w http.ResponseWriter, err error, data map[string]any, what string, maxAge time.Duration, next string) {
	if errors.Is(err, digest.ErrExpiredToken) {
		data["Title"] = "Link expired"
		data["Message"] = fmt.Sprintf("This %s has expired: such links work for %s. %s", what, days(maxAge), next)
		s.render(w, http.StatusGone, "unsubscribe.html", data)
		return
	}
	data["Title"] = "Link not valid"
	data["Message"] = fmt.Sprintf("This %s is not valid. %s", what, next)
	s.render(w, http.StatusBadRequest, "unsubscribe.html", data)
}

// days writes a duration of whole days as "180 days".
func days(d time.Duration) string {
	n := int(d / (24 * time.Hour))
	if n == 1 {
		return "1 day"
	}
	return strconv.Itoa(n) + " days"
}

// admin guards the admin API with the admin token (Authorization: Bearer).
// Failed attempts are limited per client address (a token bucket:
// adminBurst, then one every adminRefill); a client out of attempts gets
// 429 with Retry-After, even with the right token, so that guessing
// gains nothing by going on.
func (s *Server) admin(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if s.AdminToken == "" {
			writeJSON(w, http.StatusForbidden, map[string]string{"error": "the admin API is off: set admin_token in the configuration"})
			return
		}
		client, now := clientAddr(r), s.now()
		if wait := s.adminFailures.wait(client, now); wait > 0 {
			secs := int(math.Ceil(wait.Seconds()))
			w.Header().Set("Retry-After", strconv.Itoa(secs))
			writeJSON(w, http.StatusTooManyRequests, map[string]string{"error": fmt.Sprintf("too many wrong admin tokens from this address; try again in %d s", secs)})
			return
		}
		got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok || subtle.ConstantTimeCompare([]byte(got), []byte(s.AdminToken)) != 1 {
			s.adminFailures.fail(client, now)
			if s.adminFailures.wait(client, now) > 0 {
				s.Logger.Warn("admin token attempts limited", "client", client, "burst", adminBurst, "refill", adminRefill)
			}
			w.Header().Set("WWW-Authenticate", `Bearer realm="aitracker"`)
			writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "a valid admin token is needed (Authorization: Bearer TOKEN)"})
			return
		}
		next(w, r)
	}
}

func (s *Server) now() time.Time {
	return clock.Or(s.clock).Now()
}

// apiSubscribers is GET /api/subscribers.
func (s *Server) apiSubscribers(w http.ResponseWriter, r *http.Request) {
	subs, err := s.Store.Subscribers(r.Context(), false)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if subs == nil {
		subs = []news.Subscriber{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"subscribers": subs})
}

// apiAddSubscriber is POST /api/subscribers with the JSON of a
// digest.Request: {"email", "query", "types", "layers", "companies",
// "min_amount", "langs", "frequency", "at", "tz", "weekday"}.
func (s *Server) apiAddSubscriber(w http.ResponseWriter, r *http.Request) {
	var req digest.Request
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "want a JSON object with email and filters: " + err.Error()})
		return
	}
	sub, err := req.Subscriber(s.resolve)
	if err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
		return
	}
	if err := s.Store.AddSubscriber(r.Context(), &sub); err != nil {
		if errors.Is(err, store.ErrExists) {
			writeJSON(w, http.StatusConflict, map[string]string{"error": sub.Email + " is already subscribed"})
			return
		}
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, sub)
}

// apiRemoveSubscriber is DELETE /api/subscribers/{email}.
func (s *Server) apiRemoveSubscriber(w http.ResponseWriter, r *http.Request) {
	err := s.Store.RemoveSubscriber(r.Context(), r.PathValue("email"))
	switch {
	case errors.Is(err, store.ErrNotFound):
		writeJSON(w, http.StatusNotFound, map[string]string{"error": "no subscriber " + r.PathValue("email")})
	case err != nil:
		s.fail(w, r, err)
	default:
		w.WriteHeader(http.StatusNoContent)
	}
}
