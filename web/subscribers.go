package web

import (
	"crypto/subtle"
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"github.com/aitracker/aitracker/digest"
	"github.com/aitracker/aitracker/store"
)

// unsubscribePage is GET /u/{token}: it only asks to confirm; mail
// scanners that follow links must not unsubscribe anyone.
func (s *Server) unsubscribePage(w http.ResponseWriter, r *http.Request) {
	data := map[string]any{"Version": s.Version, "Title": "Unsubscribe"}
	if _, err := s.checkToken(r); err != nil {
		data["Title"], data["Message"] = "Link not valid", "This unsubscribe link is not valid. Use the link in your latest digest."
		s.render(w, http.StatusBadRequest, "unsubscribe.html", data)
		return
	}
	data["Message"] = "Stop the aitracker digest e-mails to this address?"
	data["Confirm"], data["Action"] = true, r.URL.Path
	s.render(w, http.StatusOK, "unsubscribe.html", data)
}

// unsubscribe is POST /u/{token}: RFC 8058 one-click unsubscribe. It needs
// no session or cookie, since the signed token is the authority, and it
// is idempotent. A token that does not verify changes nothing.
func (s *Server) unsubscribe(w http.ResponseWriter, r *http.Request) {
	data := map[string]any{"Version": s.Version, "Title": "Unsubscribed"}
	id, err := s.checkToken(r)
	if err != nil {
		data["Title"], data["Message"] = "Link not valid", "This unsubscribe link is not valid. Nothing was changed."
		s.render(w, http.StatusBadRequest, "unsubscribe.html", data)
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
	return s.Keys.Check(r.PathValue("token"))
}

// admin guards the write API with the admin token (Authorization: Bearer).
func (s *Server) admin(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if s.AdminToken == "" {
			writeJSON(w, http.StatusForbidden, map[string]string{"error": "the admin API is off: set admin_token in the configuration"})
			return
		}
		got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok || subtle.ConstantTimeCompare([]byte(got), []byte(s.AdminToken)) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="aitracker"`)
			writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "a valid admin token is needed (Authorization: Bearer TOKEN)"})
			return
		}
		next(w, r)
	}
}

// apiSubscribers is GET /api/subscribers.
func (s *Server) apiSubscribers(w http.ResponseWriter, r *http.Request) {
	subs, err := s.Store.Subscribers(r.Context(), false)
	if err != nil {
		s.fail(w, r, err)
		return
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
