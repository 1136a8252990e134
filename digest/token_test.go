package digest

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"go/ast"
	"go/parser"
	gotoken "go/token"
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

// TestKeyRotation follows a rotation through its three phases: the old
// secret alone, the new one with the old kept in old_secrets (the
// overlap), the new one alone. A token works in every phase whose keys
// include the one that signed it: tokens mailed before the rotation work
// through the overlap and stop after it; tokens mailed during it are
// signed with the new key, so they go on working after it.
func TestKeyRotation(t *testing.T) {
	const list = "digest.tracker.example"
	const oldSecret, newSecret = "the-old-secret-0123456789", "the-new-secret-0123456789"
	phases := []struct {
		name string
		keys *Keys
	}{
		{"before", testKeys(list, oldSecret)},
		{"overlap", testKeys(list, newSecret, oldSecret)},
		{"after", testKeys(list, newSecret)},
	}
	// minted in phase i → works when checked in phase j.
	want := [3][3]bool{
		{true, true, false},
		{false, true, true},
		{false, true, true},
	}
	for i, minted := range phases {
		for j, checked := range phases {
			for _, kind := range []struct {
				name  string
				token func(*Keys, int64, time.Time) string
				check func(*Keys, string, time.Time) (int64, error)
			}{
				{"unsubscribe", (*Keys).Token, (*Keys).Check},
				{"confirm", (*Keys).ConfirmToken, (*Keys).CheckConfirm},
			} {
				id, err := kind.check(checked.keys, kind.token(minted.keys, 42, tokenNow), tokenNow.Add(time.Hour))
				switch {
				case want[i][j] && (err != nil || id != 42):
					t.Errorf("%s token minted %s, checked %s: %d, %v; want it to work", kind.name, minted.name, checked.name, id, err)
				case !want[i][j] && !errors.Is(err, ErrBadToken):
					t.Errorf("%s token minted %s, checked %s: %d, %v; want ErrBadToken", kind.name, minted.name, checked.name, id, err)
				}
			}
		}
	}
}

// TestMACComparedInConstantTime reads token.go: every comparison of MAC
// or key-ID bytes goes through hmac.Equal. Timing a comparison in a test
// would flake, so the test reads the code instead: no bytes.Equal, no
// bytes.Compare, and no == or != between string conversions of bytes.
func TestMACComparedInConstantTime(t *testing.T) {
	fset := gotoken.NewFileSet()
	file, err := parser.ParseFile(fset, "token.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	isString := func(e ast.Expr) bool {
		c, ok := e.(*ast.CallExpr)
		if !ok {
			return false
		}
		id, ok := c.Fun.(*ast.Ident)
		return ok && id.Name == "string"
	}
	hmacEqual := 0
	ast.Inspect(file, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			sel, ok := n.Fun.(*ast.SelectorExpr)
			if !ok {
				break
			}
			if pkg, ok := sel.X.(*ast.Ident); ok {
				switch {
				case pkg.Name == "hmac" && sel.Sel.Name == "Equal":
					hmacEqual++
				case pkg.Name == "bytes" && (sel.Sel.Name == "Equal" || sel.Sel.Name == "Compare"):
					t.Errorf("%s: bytes.%s compares in variable time", fset.Position(n.Pos()), sel.Sel.Name)
				}
			}
		case *ast.BinaryExpr:
			if (n.Op == gotoken.EQL || n.Op == gotoken.NEQ) && (isString(n.X) || isString(n.Y)) {
				t.Errorf("%s: bytes compared as strings, in variable time", fset.Position(n.Pos()))
			}
		}
		return true
	})
	// The key ID and the MAC, in the current and the first format.
	if hmacEqual < 4 {
		t.Errorf("%d calls of hmac.Equal in token.go, want the key ID and MAC checks of both formats (4)", hmacEqual)
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
