package digest_test

import (
	"bytes"
	"errors"
	"io"
	"log"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
	"github.com/jhillyerd/enmime/v2"
)

// mailServer is a real SMTP server on loopback that keeps what it
// receives. Behaviours per recipient make it refuse, delay or hang.
type mailServer struct {
	addr string
	srv  *smtp.Server

	mu   sync.Mutex
	msgs []received
	// tempFail answers 451 at RCPT to these addresses this many times.
	tempFail map[string]int
	// refuse answers 550 at RCPT to these addresses.
	refuse map[string]bool
	// hang takes the message of these addresses and never answers.
	hang map[string]bool
	// onMessage is called after each accepted message.
	onMessage func(n int)
	rcptTries map[string]int
}

type received struct {
	From string
	To   []string
	Data []byte
}

func newMailServer(t *testing.T) *mailServer {
	t.Helper()
	ms := &mailServer{tempFail: map[string]int{}, refuse: map[string]bool{}, hang: map[string]bool{}, rcptTries: map[string]int{}}
	ms.srv = smtp.NewServer(ms)
	ms.srv.Domain = "localhost"
	ms.srv.AllowInsecureAuth = true
	ms.srv.ReadTimeout = 30 * time.Second
	ms.srv.WriteTimeout = 30 * time.Second
	ms.srv.MaxMessageBytes = 10 << 20
	ms.srv.ErrorLog = log.New(io.Discard, "", 0)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ms.addr = ln.Addr().String()
	go ms.srv.Serve(ln)
	t.Cleanup(func() { ms.srv.Close() })
	return ms
}

func (ms *mailServer) port() int {
	_, p, _ := net.SplitHostPort(ms.addr)
	n := 0
	for _, c := range p {
		n = n*10 + int(c-'0')
	}
	return n
}

// set changes the server's behaviours under its lock.
func (ms *mailServer) set(f func()) {
	ms.mu.Lock()
	defer ms.mu.Unlock()
	f()
}

// tries is how often an address was given at RCPT.
func (ms *mailServer) tries(addr string) int {
	ms.mu.Lock()
	defer ms.mu.Unlock()
	return ms.rcptTries[addr]
}

// messages returns a copy of what was received.
func (ms *mailServer) messages() []received {
	ms.mu.Lock()
	defer ms.mu.Unlock()
	return append([]received(nil), ms.msgs...)
}

// NewSession implements smtp.Backend.
func (ms *mailServer) NewSession(c *smtp.Conn) (smtp.Session, error) {
	return &session{ms: ms}, nil
}

type session struct {
	ms   *mailServer
	from string
	to   []string
}

func (s *session) Reset()        { s.from, s.to = "", nil }
func (s *session) Logout() error { return nil }

func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	s.from = from
	return nil
}

func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	ms := s.ms
	ms.mu.Lock()
	defer ms.mu.Unlock()
	ms.rcptTries[to]++
	if ms.refuse[to] {
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such user"}
	}
	if ms.tempFail[to] > 0 {
		ms.tempFail[to]--
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "try again later"}
	}
	s.to = append(s.to, to)
	return nil
}

func (s *session) Data(r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	ms := s.ms
	ms.mu.Lock()
	hang := false
	for _, to := range s.to {
		hang = hang || ms.hang[to]
	}
	ms.mu.Unlock()
	if hang {
		// Took the whole message; the answer never comes.
		time.Sleep(time.Hour)
		return errors.New("unreachable")
	}
	ms.mu.Lock()
	ms.msgs = append(ms.msgs, received{From: s.from, To: s.to, Data: data})
	n := len(ms.msgs)
	cb := ms.onMessage
	ms.mu.Unlock()
	if cb != nil {
		cb(n)
	}
	return nil
}

// parse reads a received message with a MIME parser.
func parse(t *testing.T, m received) *enmime.Envelope {
	t.Helper()
	env, err := enmime.ReadEnvelope(bytes.NewReader(m.Data))
	if err != nil {
		t.Fatalf("message to %v does not parse: %v", m.To, err)
	}
	return env
}

// byRecipient counts messages per recipient.
func byRecipient(msgs []received) map[string]int {
	out := map[string]int{}
	for _, m := range msgs {
		for _, to := range m.To {
			out[strings.ToLower(to)]++
		}
	}
	return out
}
