package main

import (
	"context"
	"encoding/xml"
	"errors"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/aitracker/aitracker/config"
	"github.com/aitracker/aitracker/demo"
	"github.com/aitracker/aitracker/internal/logtest"
	"github.com/aitracker/aitracker/pipeline"
)

// TestUIInChromium walks the demo the way a new user would, in headless
// Chromium: search for model makers' funding rounds, narrow down with a
// facet, open an event and see which outlets reported it in both
// languages, then the company page, the map and the charts, and follow the
// search as a feed. Every page is photographed at desktop and phone width
// (go test -artifacts keeps the screenshots; AITRACKER_SCREENSHOTS=DIR
// copies them there), must log no console error and must fit a 375px
// screen without scrolling sideways.
func TestUIInChromium(t *testing.T) {
	if testing.Short() {
		// The browser's view is checked by the plain run; the race
		// detector's -short run in CI leaves it out.
		t.Skip("the browser suite runs without -short")
	}
	bin := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			bin = p
			break
		}
	}
	if bin == "" {
		t.Skip("no Chromium on this machine (apt-get install chromium); .ci/run installs it")
	}
	d := startDemo(t)
	base := d.base

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(bin), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-quic", true), chromedp.Flag("no-first-run", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(desktop, 900))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	// No time limit of its own: a page that never loads fails the test
	// shortly before the test binary's -timeout, with what it waited for.
	ctx, cancel = context.WithDeadline(ctx, testDeadline(t))
	defer cancel()

	var mu sync.Mutex
	var problems []string
	seen := 0 // events heard: proof that the listener listens
	listen := func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		seen++
		switch ev := ev.(type) {
		case *runtime.EventExceptionThrown:
			problems = append(problems, "exception: "+ev.ExceptionDetails.Text)
		case runtime.EventExceptionThrown:
			problems = append(problems, "exception: "+ev.ExceptionDetails.Text)
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError {
				problems = append(problems, "console error")
			}
		case runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError {
				problems = append(problems, "console error")
			}
		case *log.EventEntryAdded:
			if ev.Entry.Level == log.EntryLevelError {
				problems = append(problems, "log: "+ev.Entry.Text+" "+ev.Entry.URL)
			}
		case log.EventEntryAdded:
			if ev.Entry.Level == log.EntryLevelError {
				problems = append(problems, "log: "+ev.Entry.Text+" "+ev.Entry.URL)
			}
		}
	}
	if err := chromedp.Listen(ctx, listen); err != nil {
		t.Fatalf("chromium: %v", err)
	}
	for _, enable := range []cdp.Command[cdp.Empty, cdp.Empty]{log.Enable, runtime.Enable} {
		if _, err := chromedp.Call(ctx, enable, cdp.Empty{}); err != nil {
			t.Fatalf("chromium: %v", err)
		}
	}
	dir := t.ArtifactDir()
	shots := os.Getenv("AITRACKER_SCREENSHOTS")
	if shots != "" {
		if err := os.MkdirAll(shots, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	photo := func(name string) {
		t.Helper()
		for _, width := range []int64{desktop, 375} {
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 900)); err != nil {
				t.Fatal(err)
			}
			sw, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
			if err != nil {
				t.Fatal(err)
			}
			if width == 375 && sw > 375 {
				wide, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('body *')).filter(e => e.getBoundingClientRect().right > 376).slice(0, 5).map(e => e.tagName + '.' + e.className + ': ' + (e.textContent || '').slice(0, 40))`))
				t.Errorf("%s: %dpx wide on a 375px screen: %v", name, sw, wide)
			}
			broken, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](brokenWords))
			if err != nil {
				t.Fatal(err)
			}
			if len(broken) > 0 {
				t.Errorf("%s at %dpx: words broken across lines: %q", name, width, broken)
			}
			if width == desktop {
				wrapped, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](wrappedDates))
				if err != nil {
					t.Fatal(err)
				}
				if len(wrapped) > 0 {
					t.Errorf("%s at %dpx: dates wrapped over two lines: %q", name, width, wrapped)
				}
			}
			png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatal(err)
			}
			file := name + map[int64]string{desktop: ".png", 375: "-phone.png"}[width]
			if err := os.WriteFile(filepath.Join(dir, file), png, 0o644); err != nil {
				t.Fatal(err)
			}
			if shots != "" {
				if err := os.WriteFile(filepath.Join(shots, file), png, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(desktop, 900)); err != nil {
			t.Fatal(err)
		}
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("%s: %v", sel, err)
		}
		return s
	}

	// waitFor runs steps that load a page, waits until the address
	// changes from prev and sel is on the page.
	waitFor := func(what, prev, sel string, steps ...chromedp.Action[chromedp.Void]) string {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		for {
			loc, err := chromedp.Run(ctx, chromedp.Location())
			if err == nil && loc != prev {
				if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(sel))); err != nil {
					t.Fatalf("%s: %s not on %s: %v", what, sel, loc, err)
				}
				return loc
			}
			select {
			case <-ctx.Done():
				t.Fatalf("%s: the page did not change from %s", what, prev)
			case <-time.After(50 * time.Millisecond):
			}
		}
	}

	// Search this month's funding rounds of model makers.
	loc := waitFor("open the demo", "", `input[name=q]`, chromedp.Navigate(base))
	loc = waitFor("search", loc, `ol.hits li`,
		chromedp.SendKeys(chromedp.CSS(`input[name=q]`), "type:funding layer:model since:30d"),
		chromedp.Submit(chromedp.CSS(`input[name=q]`)))
	if got := text(`.options .count`); !strings.Contains(got, "stories") {
		t.Errorf("result count %q", got)
	}
	photo("search")

	// A facet narrows the search and stays in the URL.
	loc = waitFor("click a facet", loc, `ol.hits li`, chromedp.Click(chromedp.CSS(`aside.facets ul li a`)))
	if !strings.Contains(loc, "q=") || !strings.Contains(loc, "type%3Afunding") {
		t.Errorf("after a facet the URL is %s", loc)
	}

	// The event of the first story: its fields, with the outlets that
	// reported it, in both languages.
	loc = waitFor("search for an event", loc, `a[href^="/events/"]`,
		chromedp.Navigate(base+"?q="+strings.ReplaceAll("type:funding company:\"Mistral AI\" round:series_c", " ", "+")))
	waitFor("open the event", loc, `table.fields`, chromedp.Click(chromedp.CSS(`a[href^="/events/"]`)))
	reports := text(`ol.reports`)
	if !strings.Contains(reports, " · en · ") || !strings.Contains(reports, " · zh · ") {
		t.Errorf("the event's reports are not in both languages:\n%s", reports)
	}
	if fields := text(`table.fields`); !strings.Contains(fields, "amount") || !strings.Contains(fields, "“") {
		t.Errorf("the event's fields lack their sentences:\n%s", fields)
	}
	photo("event")

	for _, page := range []struct{ name, path, sel, want string }{
		{"company", "companies/Mistral%20AI", "h1", "Mistral AI"},
		{"map", "map?window=90d", ".map", "Models"},
		{"charts", "charts", "h1", "Charts"},
		{"events", "events", "h1", "Events"},
		{"sources", "sources", "table.list", "Demo AI Wire"},
	} {
		loc = waitFor(page.name, loc, page.sel, chromedp.Navigate(base+page.path))
		if got := text(page.sel); !strings.Contains(got, page.want) {
			t.Errorf("%s: %q lacks %q", page.name, got, page.want)
		}
		if page.name == "charts" {
			drawn, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)`))
			if err != nil || !drawn {
				t.Errorf("charts not drawn: %v", err)
			}
		}
		photo(page.name)
	}

	// The search as a feed a reader can follow.
	resp, err := d.client.Get(base + "feed.atom?q=" + strings.ReplaceAll("type:funding layer:model", " ", "+"))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	var feed struct {
		Entries []struct {
			Title string `xml:"title"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(body, &feed); err != nil || len(feed.Entries) == 0 || resp.Header.Get("Content-Type") != "application/atom+xml; charset=utf-8" {
		t.Errorf("feed: %v, %d entries, %s", err, len(feed.Entries), resp.Header.Get("Content-Type"))
	}
	mu.Lock()
	defer mu.Unlock()
	if seen == 0 {
		t.Error("no browser event was heard; console errors would go unnoticed")
	}
	for _, p := range problems {
		t.Errorf("browser: %s", p)
	}
}

// demoServer is the demo served in-process, its sample feeds ingested.
type demoServer struct {
	base  string
	cfg   *config.Config
	logs  *logtest.Capture
	first pipeline.Summary
	// stop cancels the daemon and waits for it until shortly before the
	// test's deadline; a second call does nothing.
	stop func() error
	// client asks the daemon; its connections close with the test.
	client *http.Client
}

// startDemo serves the demo as "aitracker demo" does and waits for the
// first ingestion pass; the test's end stops it. configure may change the
// configuration and the data before the server starts.
func startDemo(t *testing.T, configure ...func(*config.Config)) *demoServer {
	t.Helper()
	feeds, err := demo.Start()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { feeds.Close() })
	cfg := config.Default()
	cfg.DataDir = t.TempDir()
	cfg.Sources = feeds.Sources()
	cfg.Listen = "127.0.0.1:0"
	cfg.Fetch.AllowPrivateNetworks = true
	cfg.Fetch.Jitter = config.Dur(0)
	cfg.Fetch.HostInterval = config.Dur(0)
	cfg.Fetch.FullText = false
	for _, f := range configure {
		f(cfg)
	}
	ctx, cancel := context.WithCancel(context.Background())
	urls := make(chan string, 1)
	passes := make(chan pipeline.Summary, 1)
	done := make(chan error, 1)
	d := &demoServer{cfg: cfg, logs: logsOf(t), client: &http.Client{Transport: &http.Transport{}}}
	t.Cleanup(d.client.CloseIdleConnections)
	go func() {
		done <- serve(ctx, &Main{Config: cfg, Logger: newLogger(cfg, d.logs), Schedule: "@every 1h", Ready: func(u string) { urls <- u }, Passes: passes})
	}()
	stopped := false
	d.stop = func() error {
		if stopped {
			return nil
		}
		stopped = true
		cancel()
		select {
		case err := <-done:
			return err
		case <-time.After(time.Until(testDeadline(t))):
			return errors.New("serve did not stop after cancellation before the test's deadline")
		}
	}
	t.Cleanup(func() { d.stop() })
	select {
	case d.base = <-urls:
	case err := <-done:
		t.Fatalf("serve ended early: %v", err)
	}
	select {
	case d.first = <-passes:
	case <-time.After(time.Until(testDeadline(t))):
		t.Fatal("no first pass before the test's deadline")
	}
	return d
}

// testDeadline is a little before the test binary's -timeout (or an hour
// away without one): waiting until then bounds nothing about speed, it
// only turns a hang into a failure that says what was awaited.
func testDeadline(t *testing.T) time.Time {
	if d, ok := t.Deadline(); ok {
		return d.Add(-5 * time.Second)
	}
	return time.Now().Add(time.Hour)
}

// desktop is the width of the desktop screenshots and checks.
const desktop = 1280

// brokenWords lists (up to five) words of Latin letters or digits, and
// ISO dates, that the page breaks across two lines: "fun din g", "202
// 6-12-03". Chinese text may break anywhere and is left out.
const brokenWords = `(() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const word = /\d{4}-\d{2}-\d{2}|[A-Za-z0-9$€£¥][A-Za-z0-9.'’$€£¥%]*[A-Za-z0-9%)]/g;
  for (let n = walker.nextNode(); n && out.length < 5; n = walker.nextNode()) {
    const s = n.textContent;
    for (let m = word.exec(s); m && out.length < 5; m = word.exec(s)) {
      const r = document.createRange();
      r.setStart(n, m.index);
      r.setEnd(n, m.index + m[0].length);
      const tops = new Set(Array.from(r.getClientRects()).filter(x => x.width > 0).map(x => Math.round(x.top)));
      if (tops.size > 1) {
        out.push(m[0] + ' in ' + n.parentElement.tagName.toLowerCase() + '.' + n.parentElement.className);
      }
    }
  }
  return out;
})()`

// wrappedDates lists (up to five) dates the page writes over two lines:
// a <time> element or a date cell.
const wrappedDates = `(() => {
  const out = [];
  for (const e of document.querySelectorAll('time, td.date, .date')) {
    const r = document.createRange();
    r.selectNodeContents(e);
    const tops = new Set(Array.from(r.getClientRects()).filter(x => x.width > 0).map(x => Math.round(x.top)));
    if (tops.size > 1 && out.length < 5) {
      out.push(e.textContent.trim());
    }
  }
  return out;
})()`
