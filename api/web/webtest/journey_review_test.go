package webtest_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/api/web/webtest"
	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections/views"
)

// api calls the JSON API of the site with a token.
func api(t *testing.T, site *webtest.Site, token, method, path string, body any) []byte {
	t.Helper()
	var in bytes.Buffer
	if body != nil {
		require.NoError(t, json.NewEncoder(&in).Encode(body))
	}
	req, err := http.NewRequest(method, site.Base+path, &in)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Idempotency-Key", uuid.NewString())
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	var out bytes.Buffer
	_, _ = out.ReadFrom(res.Body)
	require.Less(t, res.StatusCode, 300, "%s %s: %s", method, path, out.String())
	return out.Bytes()
}

func decode[T any](t *testing.T, b []byte) T {
	t.Helper()
	var v T
	require.NoError(t, json.Unmarshal(b, &v))
	return v
}

type register[T any] struct {
	Items []T `json:"items"`
}

// correctTitle corrects the title of a decision of the demo through the
// API, as an officer, and returns the decision, the title before and after.
func correctTitle(t *testing.T, site *webtest.Site, officer string) (views.Decision, string, string) {
	t.Helper()
	ds := decode[register[views.Decision]](t, api(t, site, officer, http.MethodGet, "/api/v1/operations/"+site.Op.String()+"/decisions?limit=1000", nil)).Items
	require.NotEmpty(t, ds)
	d := ds[0]
	rec := decode[struct {
		Events []domain.EventRef `json:"events"`
	}](t, api(t, site, officer, http.MethodGet, "/api/v1/records/decision/"+d.ID.String(), nil))
	i := slices.IndexFunc(rec.Events, func(e domain.EventRef) bool { return slices.Contains(e.Correctable, "title") })
	require.GreaterOrEqual(t, i, 0, "a decision's title is correctable: %+v", rec.Events)
	after := d.Title + " (corrected)"
	api(t, site, officer, http.MethodPost, "/api/v1/commands/correction.record", map[string]any{
		"record": map[string]any{"kind": "decision", "id": d.ID}, "event_id": rec.Events[i].ID,
		"reason": "the title was mistyped in the meeting", "changes": map[string]any{"title": after}})
	return d, d.Title, after
}

// A reviewer opens a corrected decision's history and sees the title before
// and after, the reason, who recorded it and when; then the decision
// register as it stood on an earlier day, by occurred time.
func TestReviewerReadsACorrectionAndAPastRegister(t *testing.T) {
	site := webtest.Start(t)
	d, before, after := correctTitle(t, site, site.Token(t, auth.RoleOfficer))
	b := webtest.NewBrowser(t)
	b.SignIn(site.Base, site.Token(t, auth.RoleReviewer))

	b.Go(site.OpPath("/decisions/" + d.ID.String()))
	b.Click("a[href$='/history/decision/" + d.ID.String() + "']") // "History and corrections"
	b.WaitText("h1", "Record history")
	require.Equal(t, "rev.history.title", b.Attr("main", "data-page"))
	b.WaitText("ol.history li.correction", "the title was mistyped in the meeting")
	require.Equal(t, before, b.Text("li.correction td.before"))
	require.Equal(t, after, b.Text("li.correction td.after"))
	correction := b.Text("li.correction")
	require.Contains(t, correction, "token:", "who recorded the correction")
	require.Contains(t, correction, "Recorded")
	require.Contains(t, correction, "Occurred")
	require.Contains(t, b.Text("li.corrected"), "corrected later", "the corrected event says so")
	b.Axe(t)

	// The register as it stood at the end of a day in the middle of the
	// decisions' dates, by occurred time, holds the decisions taken by then.
	all := decode[register[views.Decision]](t, api(t, site, site.Token(t, auth.RoleReviewer), http.MethodGet,
		"/api/v1/operations/"+site.Op.String()+"/decisions?limit=1000", nil)).Items
	slices.SortFunc(all, func(a, b views.Decision) int { return a.CreatedAt.Compare(b.CreatedAt) })
	day := all[len(all)/2-1].CreatedAt.UTC().Truncate(24 * time.Hour)
	want := 0
	for _, x := range all {
		if x.CreatedAt.Before(day.Add(24 * time.Hour)) {
			want++
		}
	}
	require.Less(t, want, len(all), "the day chosen is before some decisions")
	b.Go(site.OpPath("/decisions"))
	require.Equal(t, len(all), rows(b), "today: every decision")
	b.Click("details.asof summary")
	b.Fill("#as_of", day.Format(time.DateOnly))
	b.Select("#as_of_basis", "occurred")
	b.Submit("#as_of")
	require.Contains(t, b.Location(), "as_of="+day.Format(time.DateOnly))
	require.Contains(t, b.Text(".asof-banner"), "As it stood on")
	require.Equal(t, want, rows(b), "the register as it stood on %s", day.Format(time.DateOnly))
	b.Axe(t)
	if os.Getenv("LEDGER_WEB_SHOTS") != "0" {
		b.Shots(site.Base, url.QueryEscape("/ops/"+site.Op.String()+"/history/decision/"+d.ID.String()), "review-history")
		b.Shots(site.Base, url.QueryEscape("/ops/"+site.Op.String()+"/decisions?as_of="+day.Format(time.DateOnly)+"&as_of_basis=occurred"), "review-decisions-asof")
	}
}

// rows counts the rows of the page's register table.
func rows(b *webtest.Browser) int {
	return webtest.Eval[int](b, `document.querySelectorAll('main table tbody tr').length`)
}

// fetchText downloads a link of the page with the browser's session.
func fetchText(b *webtest.Browser, href string) string {
	return webtest.Eval[string](b, `(() => { const x = new XMLHttpRequest(); x.open('GET', `+strconv.Quote(href)+`, false); x.send(); return x.status + '\n' + x.responseText; })()`)
}

// An analyst filters the timeline to decisions and downloads the HXL file
// of exactly that view: the hashtag row second, one row per event shown.
func TestAnalystFiltersTheTimelineAndDownloadsHXL(t *testing.T) {
	site := webtest.Start(t)
	b := webtest.NewBrowser(t)
	b.SignIn(site.Base, site.Token(t, auth.RoleAnalyst))
	b.Go(site.OpPath("/timeline"))
	total := b.Text("main p[role=status]")
	b.Select("#kind", "decision")
	b.Submit("#kind")
	require.Contains(t, b.Location(), "kind=decision")
	shown := b.Text("main p[role=status]")
	require.NotEqual(t, total, shown, "the filter narrowed the timeline")
	kinds := webtest.Eval[[]string](b, `[...document.querySelectorAll('#timeline tbody tr td:nth-child(3)')].map(td => td.textContent.trim().split(' ')[0])`)
	require.NotEmpty(t, kinds)
	for _, k := range kinds {
		require.Equal(t, "decision", k)
	}
	b.Axe(t)

	href := b.Attr("a[href*='format=hxl']", "href")
	got := fetchText(b, href)
	status, body, _ := strings.Cut(got, "\n")
	require.Equal(t, "200", status, body)
	records, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(records), 2)
	for i, tag := range records[1] {
		require.True(t, strings.HasPrefix(tag, "#"), "row 2 is the hashtag row: column %s is %q", records[0][i], tag)
	}
	kindCol := slices.Index(records[0], "record")
	require.GreaterOrEqual(t, kindCol, 0)
	for _, r := range records[2:] {
		require.Equal(t, "decision", r[kindCol])
	}
	n := len(records) - 2
	require.Contains(t, shown, strconv.Itoa(n), "the file holds every event the filtered timeline counts, on every page")
	if os.Getenv("LEDGER_WEB_SHOTS") != "0" {
		b.Shots(site.Base, url.QueryEscape("/ops/"+site.Op.String()+"/timeline?kind=decision"), "analyst-timeline")
		b.Shots(site.Base, url.QueryEscape("/ops/"+site.Op.String()+"/figures"), "analyst-figures")
	}
}

// secrets are the texts of the demo's confidential compliance issues and of
// the escalations of them, as a reviewer reads them through the API.
func secrets(t *testing.T, site *webtest.Site) []string {
	t.Helper()
	reviewer := site.Token(t, auth.RoleReviewer)
	base := "/api/v1/operations/" + site.Op.String()
	var out []string
	issues := decode[register[views.Issue]](t, api(t, site, reviewer, http.MethodGet, base+"/compliance-issues?limit=1000", nil)).Items
	for _, i := range issues {
		if i.Classification == domain.ClassConfidential {
			out = append(out, i.Summary, i.RuleReference, i.ID.String())
		}
	}
	escalations := decode[register[views.Escalation]](t, api(t, site, reviewer, http.MethodGet, base+"/escalations?limit=1000", nil)).Items
	found := 0
	for _, e := range escalations {
		if e.Classification == domain.ClassConfidential && e.SubjectKind == domain.KindCompliance {
			out, found = append(out, e.Reason, e.ID.String()), found+1
		}
	}
	require.NotEmpty(t, issues)
	require.Positive(t, found, "the demo escalates a confidential compliance issue")
	return slices.DeleteFunc(out, func(s string) bool { return s == "" })
}

// An analyst never sees a confidential flag: every page an analyst can
// reach from the operations list (following every link, and every download
// a page offers) holds none of the confidential issue's or its
// escalation's texts or ids.
func TestAnalystNeverSeesAConfidentialFlag(t *testing.T) {
	site := webtest.Start(t)
	hidden := secrets(t, site)
	b := webtest.NewBrowser(t)
	b.SignIn(site.Base, site.Token(t, auth.RoleAnalyst))
	seen := map[string]bool{}
	queue := []string{"/", "/ops/" + site.Op.String()}
	pages, downloads := 0, 0
	for len(queue) > 0 && pages < 80 {
		path := queue[0]
		queue = queue[1:]
		if seen[path] {
			continue
		}
		seen[path] = true
		b.Go(site.Base + path)
		html := webtest.Eval[string](b, `document.documentElement.outerHTML`)
		pages++
		for _, s := range hidden {
			require.NotContains(t, html, s, "page %s", path)
		}
		links := webtest.Eval[[]string](b, `[...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))`)
		for _, l := range links {
			switch {
			case !strings.HasPrefix(l, "/") || strings.HasPrefix(l, "/lang/") || strings.HasPrefix(l, "/static/"):
			case strings.Contains(l, "format="):
				if !seen[l] {
					seen[l] = true
					downloads++
					file := fetchText(b, l)
					for _, s := range hidden {
						require.NotContains(t, file, s, "download %s", l)
					}
				}
			default:
				queue = append(queue, l)
			}
		}
	}
	t.Logf("analyst: %d pages and %d downloads checked; none shows the confidential issue or its escalation", pages, downloads)
	require.Greater(t, pages, 8, "the crawl reached the analyst's pages")
	require.True(t, seen["/ops/"+site.Op.String()+"/timeline"] && seen["/ops/"+site.Op.String()+"/figures"], "timeline and figures were visited")
}
