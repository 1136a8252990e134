package mailtest

import (
	"errors"
	"io"
	"log"
	"net"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
)

// Server is an SMTP server on 127.0.0.1. Change its behaviours with Set.
type Server struct {
	Addr string
	Port int
	srv  *smtp.Server
	// closed ends the sessions that hang.
	closed chan struct{}

	mu    sync.Mutex
	msgs  []Message
	count int
	tries map[string]int

	// TempFail answers 451 at RCPT to these addresses this many times.
	TempFail map[string]int
	// Refuse answers 550 at RCPT to these addresses.
	Refuse map[string]bool
	// Hang takes the message of these addresses and never answers.
	Hang map[string]bool
	// OnMessage is called after each accepted message with their count.
	OnMessage func(n int)
	// Discard counts messages without keeping them (for benchmarks).
	Discard bool
}

// Message is one received message.
type Message struct {
	From string
	To   []string
	Data []byte
}

// Start starts a server that stops when the test ends.
func Start(tb testing.TB) *Server {
	tb.Helper()
	s := &Server{TempFail: map[string]int{}, Refuse: map[string]bool{}, Hang: map[string]bool{}, tries: map[string]int{},
		closed: make(chan struct{})}
	s.srv = smtp.NewServer(backend{s})
	s.srv.Domain = "localhost"
	s.srv.ReadTimeout = 30 * time.Second
	s.srv.WriteTimeout = 30 * time.Second
	s.srv.MaxMessageBytes = 10 << 20
	s.srv.ErrorLog = log.New(io.Discard, "", 0)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	s.Addr = ln.Addr().String()
	_, port, _ := net.SplitHostPort(s.Addr)
	s.Port, _ = strconv.Atoi(port)
	go s.srv.Serve(ln)
	tb.Cleanup(func() {
		close(s.closed)
		s.srv.Close()
	})
	return s
}

// Set changes the behaviours under the server's lock.
func (s *Server) Set(f func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f()
}

// Tries is how often an address was given at RCPT.
func (s *Server) Tries(addr string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.tries[addr]
}

// Messages returns a copy of what was received.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.msgs...)
}

// Count is how many messages were accepted.
func (s *Server) Count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.count
}

// ByRecipient counts messages per recipient, lower-cased.
func ByRecipient(msgs []Message) map[string]int {
	out := map[string]int{}
	for _, m := range msgs {
		for _, to := range m.To {
			out[strings.ToLower(to)]++
		}
	}
	return out
}

type backend struct{ s *Server }

func (b backend) NewSession(*smtp.Conn) (smtp.Session, error) { return &session{s: b.s}, nil }

type session struct {
	s    *Server
	from string
	to   []string
}

func (ss *session) Reset()        { ss.from, ss.to = "", nil }
func (ss *session) Logout() error { return nil }

func (ss *session) Mail(from string, _ *smtp.MailOptions) error {
	ss.from = from
	return nil
}

func (ss *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	s := ss.s
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tries[to]++
	if s.Refuse[to] {
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such user"}
	}
	if s.TempFail[to] > 0 {
		s.TempFail[to]--
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "try again later"}
	}
	ss.to = append(ss.to, to)
	return nil
}

func (ss *session) Data(r io.Reader) error {
	s := ss.s
	s.mu.Lock()
	hang, discard := false, s.Discard
	for _, to := range ss.to {
		hang = hang || s.Hang[to]
	}
	s.mu.Unlock()
	var data []byte
	var err error
	if discard {
		_, err = io.Copy(io.Discard, r)
	} else {
		data, err = io.ReadAll(r)
	}
	if err != nil {
		return err
	}
	if hang {
		// Took the whole message; the answer never comes, while the
		// server runs.
		<-s.closed
		return errors.New("mailtest: server closed")
	}
	s.mu.Lock()
	s.count++
	if !discard {
		s.msgs = append(s.msgs, Message{From: ss.from, To: ss.to, Data: data})
	}
	n, cb := s.count, s.OnMessage
	s.mu.Unlock()
	if cb != nil {
		cb(n)
	}
	return nil
}
