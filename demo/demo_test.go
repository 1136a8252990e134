package demo

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aitracker/aitracker/ingest/feed"
)

func TestFeedsRenderAndParse(t *testing.T) {
	now := time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)
	total := 0
	for _, f := range feeds {
		body, err := Render(f.file, "http://127.0.0.1:9", now)
		if err != nil {
			t.Fatal(err)
		}
		parsed, err := feed.Parse(body, "", "http://127.0.0.1:9/feeds/"+f.file)
		if err != nil {
			t.Fatalf("%s: %v", f.file, err)
		}
		for _, it := range parsed.Items {
			if it.Published.After(now) || it.Published.Before(now.Add(-31*24*time.Hour)) {
				t.Errorf("%s: %q dated %v", f.file, it.Title, it.Published)
			}
			if !strings.HasPrefix(it.Link, "http://127.0.0.1:9/articles/") || it.GUID == "" || it.Summary == "" {
				t.Errorf("%s: item %+v", f.file, it)
			}
		}
		total += len(parsed.Items)
	}
	if total != 52 {
		t.Errorf("%d sample items, want 52", total)
	}
	if _, err := Render("nope.xml", "", now); err == nil {
		t.Error("rendered a feed that does not exist")
	}
}

func TestServer(t *testing.T) {
	s, err := Start()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	srcs := s.Sources()
	if len(srcs) != 4 {
		t.Fatalf("%d sources", len(srcs))
	}
	resp, err := http.Get(srcs[2].URL)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/rss+xml") || !strings.Contains(string(body), "月之暗面") {
		t.Errorf("Chinese feed: %s %.200s", resp.Header.Get("Content-Type"), body)
	}
	f, _ := feed.Parse(body, "", srcs[2].URL)
	resp, err = http.Get(f.Items[0].Link)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(page), f.Items[0].Title) {
		t.Errorf("article page %d: %.300s", resp.StatusCode, page)
	}
	resp, _ = http.Get(s.Base() + "/articles/nope.html")
	if resp.StatusCode != 404 {
		t.Errorf("unknown article: %d", resp.StatusCode)
	}
	resp.Body.Close()
}
