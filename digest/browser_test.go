package digest_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/aitracker/aitracker/digest"
	"github.com/aitracker/aitracker/news"
)

// chromium finds Debian's Chromium, which .ci/run installs.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no Chromium on this machine (apt-get install chromium); .ci/run installs it")
	return ""
}

// TestDigestInChromium renders a digest with long names and many
// sources, opens it in headless Chromium at 600px wide, writes a
// screenshot as a test artifact (go test -artifacts keeps it), and checks
// that nothing overflows the 600px column.
func TestDigestInChromium(t *testing.T) {
	bin := chromium(t)
	day := time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)
	arts := func(n int) []news.EventArticle {
		var out []news.EventArticle
		for i := range n {
			out = append(out, news.EventArticle{ID: int64(i + 1), Source: []string{"TechWire Daily", "36氪", "The Information Superhighway Gazette"}[i%3],
				URL: "https://news.example/a/very/long/path/that/goes/on/and/on/" + strings.Repeat("x", 80) + "/" + string(rune('a'+i))})
		}
		return out
	}
	evs := []*news.Event{
		{ID: 1, Type: news.EventFunding, PrimaryCompany: "Acme Robotics", Layer: news.LayerApplication, Sources: 3, Articles: arts(3),
			Fields: news.Fields{Amount: 40e6, Currency: "USD", AmountUSD: 40e6, Round: "series_b", LeadInvestors: []string{"Sequoia Capital", "Kestrel Ridge Ventures"}}},
		{ID: 2, Type: news.EventFunding, PrimaryCompany: "北京超长名字人工智能科技有限公司", Layer: news.LayerModel, Sources: 1, Articles: arts(1),
			Fields: news.Fields{Amount: 1e9, Currency: "CNY", AmountUSD: 139e6, Round: "strategic", LeadInvestors: []string{"红杉中国"}}},
		{ID: 3, Type: news.EventAcquisition, PrimaryCompany: "Supercalifragilisticexpialidocious Data Infrastructure Incorporated", Layer: news.LayerMiddleware,
			Sources: 6, Articles: arts(6), Fields: news.Fields{Amount: 2.85e9, Currency: "USD", AmountUSD: 2.85e9,
				Acquirer: "Supercalifragilisticexpialidocious Data Infrastructure Incorporated", Target: "Averyveryverylongtargetnamewithoutanyspaces"}},
		{ID: 4, Type: news.EventModelRelease, PrimaryCompany: "DeepSeek", Layer: news.LayerModel, Sources: 2, Articles: arts(2),
			Fields: news.Fields{Model: "DeepSeek-V4", Parameters: "1T", OpenWeights: true}},
		{ID: 5, Type: news.EventFunding, PrimaryCompany: "Lumora", Layer: news.LayerApplication, Status: news.StatusRumored, Sources: 1, Articles: arts(1),
			Fields: news.Fields{Amount: 500e6, Currency: "USD", AmountUSD: 500e6}},
	}
	sub := news.Subscriber{ID: 1, Email: "ana@example.org", Frequency: "daily", SendAt: "07:00", TZ: "UTC",
		Filter: news.SubscriberFilter{Query: "robotics OR 融资", Types: []news.EventType{news.EventFunding, news.EventAcquisition, news.EventModelRelease}}}
	msg, err := digest.Render(sub, digest.Period{ID: "2026-11-28", Local: day}, evs, "https://tracker.example", "https://tracker.example/u/token")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.ArtifactDir()
	page := filepath.Join(dir, "digest.html")
	if err := os.WriteFile(page, []byte(msg.HTML), 0o644); err != nil {
		t.Fatal(err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(bin), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-quic", true), chromedp.Flag("no-first-run", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(600, 900))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	// Chromium takes seconds here; the guard only names a hang.
	ctx, cancel = context.WithTimeout(ctx, hangGuard(t))
	defer cancel()
	err = chromedp.Do(ctx, chromedp.EmulateViewport(600, 900), chromedp.Navigate("file://"+page), chromedp.WaitReady("body"))
	if err != nil {
		t.Fatalf("chromium: %v", err)
	}
	scrollWidth, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
	if err != nil {
		t.Fatal(err)
	}
	overflow, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('body *')).filter(e => {
		const r = e.getBoundingClientRect();
		return r.width > 0 && (r.right > 600.5 || r.left < -0.5);
	}).map(e => e.tagName + ': ' + (e.textContent || '').slice(0, 60))`))
	if err != nil {
		t.Fatal(err)
	}
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "digest-600px.png"), shot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", filepath.Join(dir, "digest-600px.png"))
	if scrollWidth > 600 {
		t.Errorf("the page scrolls sideways: %dpx wide in a 600px window", scrollWidth)
	}
	for _, o := range overflow {
		t.Errorf("overflows the 600px column: %s", o)
	}
}
