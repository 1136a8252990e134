package dedupe

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"

	"github.com/aitracker/aitracker/news"
)

// Key identifies an item within its source across fetches: its GUID and
// canonical URL together, because some feeds give every item the same
// GUID and others change the URL's tracking parameters on every fetch.
// Items with neither are keyed by their title.
func Key(guid, canonicalURL, title string) string {
	if guid == "" && canonicalURL == "" {
		sum := sha256.Sum256([]byte(strings.ToLower(strings.Join(strings.Fields(title), " "))))
		return "title:" + hex.EncodeToString(sum[:12])
	}
	return guid + "|" + canonicalURL
}

// ContentHash fingerprints what a source said about an item: the fields
// that come from the feed. Text fetched from the article page is not part
// of it, so that a teaser item whose page was read once is not read again.
func ContentHash(a *news.Article) string {
	h := sha256.New()
	body := a.Body
	if a.BodySource == "page" {
		body = ""
	}
	// An item without a date is given the time it was read, which is not
	// something the source said: the next read of the same item must not
	// look changed.
	published := strconv.FormatInt(a.Published.Unix(), 10)
	if a.PublishedEstimated {
		published = ""
	}
	for _, s := range []string{a.URL, a.Title, a.Summary, body, published} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}
