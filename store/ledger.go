package store

import "time"

// Delivery states of the digest ledger.
const (
	// DeliveryClaimed: a sender took the row and has not talked to the
	// mail server yet; a sender that died then sent nothing.
	DeliveryClaimed = "claimed"
	// DeliverySending: the message is being handed to the server.
	DeliverySending = "sending"
	DeliverySent    = "sent"
	// DeliveryUncertain: the connection failed after the message was
	// handed over, or the sender died while sending; it may have arrived,
	// so it is not sent again on its own.
	DeliveryUncertain = "uncertain"
	// DeliveryFailed: a temporary failure; a later run tries again.
	DeliveryFailed = "failed"
	// DeliveryRefused: the server refused the address for good.
	DeliveryRefused = "failed_permanent"
	// DeliveryEmpty: nothing new matched; no mail, the period is done.
	DeliveryEmpty = "empty"
)

// Delivery is one row of the digest ledger: one subscriber, one period.
type Delivery struct {
	ID           int64     `json:"id"`
	SubscriberID int64     `json:"subscriber"`
	Email        string    `json:"email"`
	Period       string    `json:"period"`
	State        string    `json:"state"`
	MessageID    string    `json:"message_id"`
	Events       int       `json:"events"`
	Attempts     int       `json:"attempts"`
	LastError    string    `json:"last_error,omitempty"`
	Since        time.Time `json:"since"`
	Until        time.Time `json:"until"`
	Claimed      time.Time `json:"claimed"`
	Updated      time.Time `json:"updated"`
}

// SubscriberPending is the status of a subscription made on the web whose
// address has not confirmed it yet; nothing is mailed to it but the
// confirmation.
const SubscriberPending = "pending"
