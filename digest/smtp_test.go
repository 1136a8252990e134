package digest_test

import (
	"bytes"
	"net/mail"
	"testing"

	"github.com/jhillyerd/enmime/v2"

	"github.com/aitracker/aitracker/internal/mailtest"
)

// parse reads a received message with a MIME parser.
func parse(t *testing.T, m mailtest.Message) *enmime.Envelope {
	t.Helper()
	env, err := enmime.ReadEnvelope(bytes.NewReader(m.Data))
	if err != nil {
		t.Fatalf("message to %v does not parse: %v", m.To, err)
	}
	return env
}

// header reads one header of a received message, without parsing the
// body: what the checks on every message of a large send need.
func header(t *testing.T, m mailtest.Message, name string) string {
	t.Helper()
	msg, err := mail.ReadMessage(bytes.NewReader(m.Data))
	if err != nil {
		t.Fatalf("message to %v does not parse: %v", m.To, err)
	}
	return msg.Header.Get(name)
}
