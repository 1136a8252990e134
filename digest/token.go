package digest

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"net/url"
	"strings"
	"time"

	"github.com/aitracker/aitracker/config"
)

// Tokens are base64url(version 2 (1 byte) | subscriber ID (8) | issued,
// Unix seconds (4) | key ID (4) | MAC (16)), the MAC being
// HMAC-SHA256(key, purpose | list | the bytes before the MAC) cut to 16
// bytes. The purpose is "unsubscribe" or "confirm" (double opt-in): a
// token of one is no token of the other. The list is the digest list of
// this server (ListID): a token minted for another list, by a server
// sharing the secret, verifies nowhere else. The issue date bounds a
// token's life: an unsubscribe token older than Keys.MaxAge, a
// confirmation token older than ConfirmMaxAge, is refused as expired.
// The key ID names the secret that signed it, so that a token minted
// before a key rotation still works while the old key is kept in
// digest.old_secrets. The MAC is compared in constant time.
//
// Tokens of the first format (no version byte, list or date) are refused
// as expired: having no date, they would never expire. Digests sent since
// carry links of the current format.

// The purposes a token is signed for.
const (
	purposeUnsubscribe = "aitracker-unsubscribe-v2"
	purposeConfirm     = "aitracker-confirm-v2"
)

const (
	tokenVersion = 2
	tokenLen     = 1 + 8 + 4 + 4 + 16
	// clockSkew is how far in the future an issue date may lie (another
	// host's clock) and still be taken.
	clockSkew = time.Hour
)

// DefaultTokenMaxAge is how long an unsubscribe link works when
// digest.token_max_age is not set.
const DefaultTokenMaxAge = 180 * 24 * time.Hour

// ConfirmMaxAge is how long the link that confirms a subscription works.
const ConfirmMaxAge = 7 * 24 * time.Hour

var (
	// ErrBadToken is returned for a token that is malformed, tampered
	// with, signed by an unknown key or for another list.
	ErrBadToken = errors.New("digest: invalid token")
	// ErrExpiredToken is returned for a genuine token that is too old,
	// or of the first format, which carries no date.
	ErrExpiredToken = errors.New("digest: expired token")
)

// Keys signs and checks the tokens of unsubscribe and confirmation
// links: the current secret signs, every secret checks.
type Keys struct {
	// List is the list the tokens are for (ListID); set it before use.
	List string
	// MaxAge is how long an unsubscribe token works; DefaultTokenMaxAge
	// when zero.
	MaxAge time.Duration

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

// KeysFor makes the key set of a digest configuration: its secrets, its
// list and its token_max_age.
func KeysFor(d config.Digest) *Keys {
	k := NewKeys(d.Secret, d.OldSecrets...)
	k.List, k.MaxAge = ListID(d.BaseURL), d.TokenMaxAge.Duration
	return k
}

// ListID names the digest list of a server reached at baseURL, for the
// List-Id header (RFC 2919) and the tokens: "digest.HOST".
func ListID(baseURL string) string {
	host := "aitracker.local"
	if u, err := url.Parse(baseURL); err == nil && u.Hostname() != "" {
		host = strings.ToLower(u.Hostname())
	}
	return "digest." + host
}

func (k *Keys) maxAge() time.Duration {
	if k.MaxAge > 0 {
		return k.MaxAge
	}
	return DefaultTokenMaxAge
}

func keyID(secret []byte) []byte {
	sum := sha256.Sum256(append([]byte("aitracker-key-id:"), secret...))
	return sum[:4]
}

func (k *Keys) mac(secret []byte, purpose string, head []byte) []byte {
	m := hmac.New(sha256.New, secret)
	// Length-prefixed, so that no purpose and list run into each other.
	for _, s := range []string{purpose, k.List} {
		var n [2]byte
		binary.BigEndian.PutUint16(n[:], uint16(len(s)))
		m.Write(n[:])
		m.Write([]byte(s))
	}
	m.Write(head)
	return m.Sum(nil)[:16]
}

// Token returns the unsubscribe token of a subscriber, issued at the
// given time (the send time of the digest that carries it).
func (k *Keys) Token(subscriberID int64, issued time.Time) string {
	return k.token(purposeUnsubscribe, subscriberID, issued)
}

// Check returns the subscriber ID an unsubscribe token stands for, or
// ErrExpiredToken when it is older than MaxAge at now.
func (k *Keys) Check(token string, now time.Time) (int64, error) {
	id, _, err := k.check(purposeUnsubscribe, token, now, k.maxAge())
	return id, err
}

// ConfirmToken returns the token of the link that confirms a subscription
// (double opt-in).
func (k *Keys) ConfirmToken(subscriberID int64, issued time.Time) string {
	return k.token(purposeConfirm, subscriberID, issued)
}

// CheckConfirm returns the subscriber ID a confirmation token stands for,
// or ErrExpiredToken when it is older than ConfirmMaxAge at now.
func (k *Keys) CheckConfirm(token string, now time.Time) (int64, error) {
	id, _, err := k.check(purposeConfirm, token, now, ConfirmMaxAge)
	return id, err
}

func (k *Keys) token(purpose string, subscriberID int64, issued time.Time) string {
	head := make([]byte, 17)
	head[0] = tokenVersion
	binary.BigEndian.PutUint64(head[1:], uint64(subscriberID))
	binary.BigEndian.PutUint32(head[9:], uint32(max(0, issued.Unix())))
	copy(head[13:], keyID(k.current))
	return base64.RawURLEncoding.EncodeToString(append(head, k.mac(k.current, purpose, head)...))
}

// check verifies a token and returns its subscriber and issue date.
func (k *Keys) check(purpose, token string, now time.Time, maxAge time.Duration) (int64, time.Time, error) {
	raw, err := base64.RawURLEncoding.Strict().DecodeString(token)
	// The decoder skips line breaks: only the canonical spelling counts.
	if err != nil || base64.RawURLEncoding.EncodeToString(raw) != token {
		return 0, time.Time{}, ErrBadToken
	}
	if len(raw) == legacyLen {
		if k.legacy(purpose, raw) {
			return 0, time.Time{}, ErrExpiredToken
		}
		return 0, time.Time{}, ErrBadToken
	}
	if len(raw) != tokenLen || raw[0] != tokenVersion {
		return 0, time.Time{}, ErrBadToken
	}
	head, sum := raw[:17], raw[17:]
	for _, secret := range k.all {
		if !hmac.Equal(head[13:17], keyID(secret)) || !hmac.Equal(sum, k.mac(secret, purpose, head)) {
			continue
		}
		id := int64(binary.BigEndian.Uint64(head[1:9]))
		issued := time.Unix(int64(binary.BigEndian.Uint32(head[9:13])), 0).UTC()
		switch {
		case issued.After(now.Add(clockSkew)):
			return 0, time.Time{}, ErrBadToken
		case now.Sub(issued) > maxAge:
			return 0, issued, ErrExpiredToken
		}
		return id, issued, nil
	}
	return 0, time.Time{}, ErrBadToken
}

// legacyLen is the length of a first-format token: subscriber ID (8) |
// key ID (4) | HMAC-SHA256(key, purpose | those 12 bytes) cut to 16.
const legacyLen = 28

// legacy reports whether raw is a genuine first-format token, to tell
// its holder that the link is too old rather than forged.
func (k *Keys) legacy(purpose string, raw []byte) bool {
	old := map[string]string{purposeUnsubscribe: "aitracker-unsubscribe-v1", purposeConfirm: "aitracker-confirm-v1"}[purpose]
	head, sum := raw[:12], raw[12:]
	for _, secret := range k.all {
		if !hmac.Equal(head[8:12], keyID(secret)) {
			continue
		}
		m := hmac.New(sha256.New, secret)
		m.Write([]byte(old))
		m.Write(head)
		if hmac.Equal(sum, m.Sum(nil)[:16]) {
			return true
		}
	}
	return false
}
