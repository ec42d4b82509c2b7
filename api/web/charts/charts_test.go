package charts_test

import (
	"encoding/xml"
	"html/template"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/web/charts"
)

// node is a parsed SVG element, enough to read back what was drawn.
type node struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Text    string     `xml:",chardata"`
	Nodes   []node     `xml:",any"`
}

func (n node) attr(name string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func (n node) all(class string) []node {
	var out []node
	if strings.Contains(" "+n.attr("class")+" ", " "+class+" ") {
		out = append(out, n)
	}
	for _, c := range n.Nodes {
		out = append(out, c.all(class)...)
	}
	return out
}

func (n node) child(name string) node {
	for _, c := range n.Nodes {
		if c.XMLName.Local == name {
			return c
		}
	}
	return node{}
}

func parse(t *testing.T, h template.HTML) node {
	t.Helper()
	var root node
	require.NoError(t, xml.Unmarshal([]byte(h), &root), string(h))
	require.Equal(t, "svg", root.XMLName.Local)
	return root
}

func float(t *testing.T, s string) float64 {
	t.Helper()
	f, err := strconv.ParseFloat(s, 64)
	require.NoError(t, err, s)
	return f
}

// requireAccessible: the chart names itself for screen readers.
func requireAccessible(t *testing.T, svg node, m charts.Meta) {
	t.Helper()
	require.Equal(t, "img", svg.attr("role"))
	require.Equal(t, m.ID+"-title "+m.ID+"-desc", svg.attr("aria-labelledby"))
	require.Equal(t, m.Title, svg.child("title").Text)
	require.Equal(t, m.Desc, svg.child("desc").Text)
}

func TestBarsDrawEachValueAsTextAndProportionalLength(t *testing.T) {
	cases := []struct {
		name  string
		chart charts.BarChart
	}{
		{"overdue per component", charts.BarChart{Meta: charts.Meta{ID: "overdue", Title: "Overdue action points per component", Desc: "Count per owner"},
			Hatched: true, Bars: []charts.Bar{{Label: "Nepal Red Cross Society", Value: 4}, {Label: "ICRC", Value: 1}, {Label: "IFRC", Value: 0}}}},
		{"completion per mechanism", charts.BarChart{Meta: charts.Meta{ID: "done", Title: "Completion per mechanism", Desc: "Completed over all"},
			Max: 100, Track: true, Bars: []charts.Bar{{Label: "Operations committee", Value: 75, Text: "75 % (3 of 4)"}, {Label: "Shelter group", Value: 12.5, Text: "12,5 % (1 sur 8)"}}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h, err := charts.Bars(tc.chart)
			require.NoError(t, err)
			svg := parse(t, h)
			requireAccessible(t, svg, tc.chart.Meta)
			bars := svg.all("bar")
			require.Len(t, bars, len(tc.chart.Bars))
			max := tc.chart.Max
			for _, b := range tc.chart.Bars {
				max = maxf(max, b.Value)
			}
			var widths []float64
			for i, g := range bars {
				in := tc.chart.Bars[i]
				want := in.Text
				if want == "" {
					want = strconv.FormatFloat(in.Value, 'f', -1, 64)
				}
				require.Equal(t, in.Label, g.all("bar-label")[0].Text, "short labels are drawn whole")
				require.Equal(t, want, g.all("bar-value")[0].Text, "the value is written, not only drawn")
				require.Equal(t, in.Label+": "+want, g.child("title").Text)
				widths = append(widths, float(t, g.all("bar-fill")[0].attr("width")))
				if tc.chart.Hatched {
					require.Equal(t, "url(#"+tc.chart.ID+"-hatch)", g.all("bar-fill")[0].attr("fill"))
				}
				require.Equal(t, tc.chart.Track, len(g.all("bar-track")) == 1)
			}
			full := widths[0] * max / tc.chart.Bars[0].Value
			for i, w := range widths {
				require.InDelta(t, tc.chart.Bars[i].Value/max*full, w, 0.02, "bar %d is as long as its value", i)
			}
		})
	}
}

func maxf(a, b float64) float64 {
	if b > a {
		return b
	}
	return a
}

func TestChartsEscapeWhatPeopleTyped(t *testing.T) {
	h, err := charts.Bars(charts.BarChart{Meta: charts.Meta{ID: "x", Title: "T"}, Bars: []charts.Bar{{Label: `<script>alert(1)</script> & "co"`, Value: 1}}})
	require.NoError(t, err)
	require.NotContains(t, string(h), "<script>")
	svg := parse(t, h)
	require.Equal(t, `<script>alert(1)</script> & "co"`, svg.all("bar-label")[0].Text)
}

func TestEmptyChartsSaySo(t *testing.T) {
	meta := charts.Meta{ID: "e", Title: "Nothing yet", Empty: "No action point is overdue."}
	bars, err := charts.Bars(charts.BarChart{Meta: meta, Bars: []charts.Bar{}})
	require.NoError(t, err)
	hist, err := charts.Histo(charts.Histogram{Meta: meta})
	require.NoError(t, err)
	for _, h := range []template.HTML{bars, hist} {
		svg := parse(t, h)
		require.Equal(t, meta.Empty, svg.all("chart-empty")[0].Text)
	}
	_, err = charts.Bars(charts.BarChart{})
	require.ErrorIs(t, err, charts.ErrNoID)
}

func TestHistogramColumnsComeFromTheDurations(t *testing.T) {
	day := 24 * time.Hour
	edges := []time.Duration{day, 3 * day, 7 * day}
	ds := []time.Duration{2 * time.Hour, 30 * time.Hour, 2 * day, 3 * day, 5 * day, 6 * day, 20 * day}
	counts, err := charts.BinDurations(ds, edges)
	require.NoError(t, err)
	// Expected from the inputs by hand: <1d: 2h; 1–3d: 30h, 2d; 3–7d: 3d, 5d, 6d; ≥7d: 20d.
	require.Equal(t, []int{1, 2, 3, 1}, counts)
	total := 0
	for _, c := range counts {
		total += c
	}
	require.Equal(t, len(ds), total, "every duration counts once")

	labels := []string{"< 1 d", "1–3 d", "3–7 d", "≥ 7 d"}
	h := charts.Histogram{Meta: charts.Meta{ID: "esc", Title: "Escalation to resolution", Desc: "Resolved escalations by time taken"}}
	for i, c := range counts {
		h.Bins = append(h.Bins, charts.Bin{Label: labels[i], Count: c})
	}
	out, err := charts.Histo(h)
	require.NoError(t, err)
	svg := parse(t, out)
	requireAccessible(t, svg, h.Meta)
	cols := svg.all("bin")
	require.Len(t, cols, len(counts))
	unit := float(t, cols[2].all("bin-fill")[0].attr("height")) / 3 // the tallest column holds 3
	for i, g := range cols {
		require.Equal(t, labels[i], g.all("bin-label")[0].Text)
		require.Equal(t, strconv.Itoa(counts[i]), g.all("bin-count")[0].Text)
		require.InDelta(t, float64(counts[i])*unit, float(t, g.all("bin-fill")[0].attr("height")), 0.02)
	}
}

func TestBinEdgesMustRise(t *testing.T) {
	_, err := charts.BinDurations(nil, []time.Duration{time.Hour, time.Hour})
	require.ErrorIs(t, err, charts.ErrBadBins)
}

func TestLongLabelsAreCutOnTheChartAndWholeInTheTitle(t *testing.T) {
	long := "International Federation of Red Cross and Red Crescent Societies"
	h, err := charts.Bars(charts.BarChart{Meta: charts.Meta{ID: "l", Title: "T"}, Bars: []charts.Bar{{Label: long, Value: 1}}})
	require.NoError(t, err)
	g := parse(t, h).all("bar")[0]
	drawn := g.all("bar-label")[0].Text
	require.Less(t, len([]rune(drawn)), len([]rune(long)))
	require.True(t, strings.HasPrefix(long, strings.TrimSuffix(drawn, "…")))
	require.Equal(t, long+": 1", g.child("title").Text)
}
