package digest

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"testing"
	"time"
)

var tokenNow = time.Date(2026, 11, 28, 7, 0, 0, 0, time.UTC)

func testKeys(list, current string, old ...string) *Keys {
	k := NewKeys(current, old...)
	k.List, k.MaxAge = list, 30*24*time.Hour
	return k
}

func TestTokens(t *testing.T) {
	const list = "digest.tracker.example"
	keys := testKeys(list, "the-new-secret-0123456789", "the-old-secret-0123456789")
	old := testKeys(list, "the-old-secret-0123456789")
	tok := keys.Token(42, tokenNow)
	tampered := []byte(tok)
	tampered[len(tampered)-1] ^= 1
	tests := []struct {
		name    string
		token   string
		confirm bool // checked as a confirmation token
		at      time.Time
		wantID  int64
		wantErr error
	}{
		{name: "own token", token: tok, at: tokenNow, wantID: 42},
		{name: "a month later, to the second", token: tok, at: tokenNow.Add(30 * 24 * time.Hour), wantID: 42},
		{name: "old key during rotation", token: old.Token(7, tokenNow), at: tokenNow, wantID: 7},
		{name: "issued on another host with a clock a little ahead", token: keys.Token(42, tokenNow.Add(time.Minute)), at: tokenNow, wantID: 42},
		{name: "confirmation", token: keys.ConfirmToken(9, tokenNow), confirm: true, at: tokenNow.Add(24 * time.Hour), wantID: 9},

		{name: "expired", token: tok, at: tokenNow.Add(30*24*time.Hour + time.Second), wantErr: ErrExpiredToken},
		{name: "confirmation after a week", token: keys.ConfirmToken(9, tokenNow), confirm: true, at: tokenNow.Add(ConfirmMaxAge + time.Second), wantErr: ErrExpiredToken},
		{name: "genuine token of the first format", token: legacyToken("the-new-secret-0123456789", "aitracker-unsubscribe-v1", 42), at: tokenNow, wantErr: ErrExpiredToken},
		{name: "forged token of the first format", token: legacyToken("someone-elses-secret-012345", "aitracker-unsubscribe-v1", 42), at: tokenNow, wantErr: ErrBadToken},

		{name: "tampered", token: string(tampered), at: tokenNow, wantErr: ErrBadToken},
		{name: "truncated", token: tok[:len(tok)-3], at: tokenNow, wantErr: ErrBadToken},
		{name: "one byte short", token: base64.RawURLEncoding.EncodeToString(decode(tok)[:tokenLen-1]), at: tokenNow, wantErr: ErrBadToken},
		{name: "empty", token: "", at: tokenNow, wantErr: ErrBadToken},
		{name: "not base64", token: "%%%%", at: tokenNow, wantErr: ErrBadToken},
		{name: "line break inside", token: tok[:10] + "\n" + tok[10:], at: tokenNow, wantErr: ErrBadToken},
		{name: "other key", token: testKeys(list, "someone-elses-secret-012345").Token(42, tokenNow), at: tokenNow, wantErr: ErrBadToken},
		{name: "other list, same secret", token: testKeys("digest.other.example", "the-new-secret-0123456789").Token(42, tokenNow), at: tokenNow, wantErr: ErrBadToken},
		{name: "other subscriber ID, same MAC", token: edit(tok, func(raw []byte) { raw[8]++ }), at: tokenNow, wantErr: ErrBadToken},
		{name: "issue date moved forward, same MAC", token: edit(tok, func(raw []byte) { raw[12]++ }), at: tokenNow, wantErr: ErrBadToken},
		{name: "other version", token: edit(tok, func(raw []byte) { raw[0] = 3 }), at: tokenNow, wantErr: ErrBadToken},
		{name: "issued in the future", token: keys.Token(42, tokenNow.Add(48*time.Hour)), at: tokenNow, wantErr: ErrBadToken},
		{name: "unsubscribe token as a confirmation", token: tok, confirm: true, at: tokenNow, wantErr: ErrBadToken},
		{name: "confirmation token as an unsubscribe", token: keys.ConfirmToken(42, tokenNow), at: tokenNow, wantErr: ErrBadToken},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			check := keys.Check
			if tc.confirm {
				check = keys.CheckConfirm
			}
			id, err := check(tc.token, tc.at)
			if !errors.Is(err, tc.wantErr) || id != tc.wantID {
				t.Errorf("got %d, %v; want %d, %v", id, err, tc.wantID, tc.wantErr)
			}
		})
	}
	// After the rotation ends, the old key's tokens stop working.
	if _, err := testKeys(list, "the-new-secret-0123456789").Check(old.Token(7, tokenNow), tokenNow); err != ErrBadToken {
		t.Errorf("old key's token after the rotation: %v", err)
	}
}

func TestKeysForConfig(t *testing.T) {
	if got := ListID("https://Tracker.Example:8443/base"); got != "digest.tracker.example" {
		t.Errorf("ListID = %q", got)
	}
	k := NewKeys("a-secret-of-at-least-16-bytes")
	if _, err := k.Check(k.Token(1, tokenNow), tokenNow.Add(DefaultTokenMaxAge)); err != nil {
		t.Errorf("with no max age set, a token lives DefaultTokenMaxAge: %v", err)
	}
	if _, err := k.Check(k.Token(1, tokenNow), tokenNow.Add(DefaultTokenMaxAge+time.Second)); err != ErrExpiredToken {
		t.Errorf("past DefaultTokenMaxAge: %v", err)
	}
}

func FuzzCheckToken(f *testing.F) {
	keys := testKeys("digest.fuzz.example", "fuzz-secret-0123456789abcdef")
	f.Add(keys.Token(1, tokenNow))
	f.Add(keys.ConfirmToken(1, tokenNow))
	f.Add(legacyToken("fuzz-secret-0123456789abcdef", "aitracker-unsubscribe-v1", 1))
	f.Add("")
	f.Add("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
	f.Fuzz(func(t *testing.T, s string) {
		for _, purpose := range []string{purposeUnsubscribe, purposeConfirm} {
			id, issued, err := keys.check(purpose, s, tokenNow, keys.MaxAge)
			if err == nil && keys.token(purpose, id, issued) != s {
				t.Errorf("accepted %q for %d issued %s, whose token is %q", s, id, issued, keys.token(purpose, id, issued))
			}
		}
	})
}

func decode(tok string) []byte {
	raw, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil {
		panic(err)
	}
	return raw
}

// edit changes a token's bytes and keeps its MAC.
func edit(tok string, f func(raw []byte)) string {
	raw := decode(tok)
	f(raw)
	return base64.RawURLEncoding.EncodeToString(raw)
}

// legacyToken makes a token of the first format: subscriber ID | key ID |
// HMAC-SHA256(secret, purpose | those 12 bytes) cut to 16 bytes.
func legacyToken(secret, purpose string, id int64) string {
	head := make([]byte, 12)
	binary.BigEndian.PutUint64(head, uint64(id))
	copy(head[8:], keyID([]byte(secret)))
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(purpose))
	m.Write(head)
	return base64.RawURLEncoding.EncodeToString(append(head, m.Sum(nil)[:16]...))
}
