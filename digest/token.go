package digest

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
)

// Tokens are base64url(subscriber ID (8 bytes) | key ID (4) |
// HMAC-SHA256(key, purpose | subscriber ID | key ID) cut to 16 bytes), the
// purpose being "unsubscribe" or "confirm" (double opt-in). The key ID names the secret that signed it, so that a
// token minted before a key rotation still works while the old key is
// kept in digest.old_secrets. The MAC is compared in constant time.

// The purposes a token is signed for: a token of one is no token of the
// other.
const (
	purposeUnsubscribe = "aitracker-unsubscribe-v1"
	purposeConfirm     = "aitracker-confirm-v1"
)

// ErrBadToken is returned for a token that is malformed, tampered with or
// signed by an unknown key.
var ErrBadToken = errors.New("digest: invalid unsubscribe token")

// Keys signs and checks unsubscribe tokens: the current secret signs,
// every secret checks.
type Keys struct {
	current []byte
	all     [][]byte
}

// NewKeys makes the key set from the current secret and older ones.
func NewKeys(current string, old ...string) *Keys {
	k := &Keys{current: []byte(current), all: [][]byte{[]byte(current)}}
	for _, o := range old {
		k.all = append(k.all, []byte(o))
	}
	return k
}

func keyID(secret []byte) []byte {
	sum := sha256.Sum256(append([]byte("aitracker-key-id:"), secret...))
	return sum[:4]
}

func mac(secret []byte, purpose string, head []byte) []byte {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(purpose))
	m.Write(head)
	return m.Sum(nil)[:16]
}

// Token returns the unsubscribe token of a subscriber.
func (k *Keys) Token(subscriberID int64) string { return k.token(purposeUnsubscribe, subscriberID) }

// Check returns the subscriber ID an unsubscribe token stands for.
func (k *Keys) Check(token string) (int64, error) { return k.check(purposeUnsubscribe, token) }

// ConfirmToken returns the token of the link that confirms a subscription
// (double opt-in).
func (k *Keys) ConfirmToken(subscriberID int64) string { return k.token(purposeConfirm, subscriberID) }

// CheckConfirm returns the subscriber ID a confirmation token stands for.
func (k *Keys) CheckConfirm(token string) (int64, error) { return k.check(purposeConfirm, token) }

func (k *Keys) token(purpose string, subscriberID int64) string {
	head := make([]byte, 12)
	binary.BigEndian.PutUint64(head, uint64(subscriberID))
	copy(head[8:], keyID(k.current))
	return base64.RawURLEncoding.EncodeToString(append(head, mac(k.current, purpose, head)...))
}

func (k *Keys) check(purpose, token string) (int64, error) {
	raw, err := base64.RawURLEncoding.Strict().DecodeString(token)
	// The decoder skips line breaks: only the canonical spelling counts.
	if err != nil || len(raw) != 28 || base64.RawURLEncoding.EncodeToString(raw) != token {
		return 0, ErrBadToken
	}
	head, sum := raw[:12], raw[12:]
	for _, secret := range k.all {
		if !hmac.Equal(head[8:12], keyID(secret)) {
			continue
		}
		if hmac.Equal(sum, mac(secret, purpose, head)) {
			return int64(binary.BigEndian.Uint64(head[:8])), nil
		}
	}
	return 0, ErrBadToken
}
