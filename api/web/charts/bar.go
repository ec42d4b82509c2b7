package charts

import "html/template"

// BarChart is a horizontal bar chart: one row per bar, its label above it
// and its value beside it, so long names (component names in two
// languages) never collide with the bars.
type BarChart struct {
	Meta
	Bars []Bar
	// Max is the value of a full-length bar; zero: the largest value.
	Max float64
	// Track draws the full length behind each bar, for shares of a whole
	// (completion rates), so 40 % reads as 40 % of something.
	Track bool
	// Hatched fills bars with diagonal lines as well as colour, so they
	// stay distinct in print and for people who do not see the colour.
	Hatched bool
}

// Bar geometry: a row is a label line and a bar.
const (
	rowHeight  = 44.0
	barHeight  = 18.0
	valueSpace = 120.0 // room right of the longest bar for its value
)

// barRow is one bar with its computed geometry.
type barRow struct {
	Bar
	Shown                string
	Short                string // the label as drawn: long names are cut, the <title> keeps them whole
	LabelY, BarY, TextY  float64
	BarWidth, TrackWidth float64
	ValueX               float64 // where the value is written: after the bar, or after the track
}

type barData struct {
	BarChart
	Rows    []barRow
	Height  float64
	X, Span float64
	Font    float64
}

// Bars draws the chart as an <svg> element.
func Bars(c BarChart) (template.HTML, error) {
	if err := c.validate(); err != nil {
		return "", err
	}
	max := c.Max
	if max == 0 {
		for _, b := range c.Bars {
			max = maxf(max, b.Value)
		}
	}
	span := width - 2*margin - valueSpace
	d := barData{BarChart: c, X: margin, Span: span, Font: fontSize, Height: 2*margin + rowHeight}
	if len(c.Bars) > 0 {
		d.Height = 2*margin + rowHeight*float64(len(c.Bars))
	}
	for i, b := range c.Bars {
		top := margin + rowHeight*float64(i)
		d.Rows = append(d.Rows, barRow{Bar: b, Shown: b.shown(), Short: shorten(b.Label, maxLabel), LabelY: top + fontSize,
			BarY: top + fontSize + 5, TextY: top + fontSize + 5 + barHeight - 4,
			BarWidth: scale(b.Value, max, span), TrackWidth: span})
		r := &d.Rows[i]
		r.ValueX = margin + r.BarWidth + 6
		if c.Track {
			r.ValueX = margin + span + 6
		}
	}
	return render(barTemplate, d)
}

// maxLabel is how many characters of a label fit on the chart's width.
const maxLabel = 48

// shorten cuts s to n characters, ending it with an ellipsis when cut.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func maxf(a, b float64) float64 {
	if b > a {
		return b
	}
	return a
}

var barTemplate = template.Must(template.New("bars").Funcs(funcs).Parse(`<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-bars" role="img" viewBox="0 0 400 {{num .Height}}" width="100%" aria-labelledby="{{.ID}}-title {{.ID}}-desc" font-size="{{num .Font}}">
<title id="{{.ID}}-title">{{.Title}}</title>
<desc id="{{.ID}}-desc">{{.Desc}}</desc>
{{- if .Hatched}}
<defs><pattern id="{{.ID}}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#1d4f91"/><line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" stroke-width="2"/></pattern></defs>
{{- end}}
{{- if not .Rows}}
<text x="{{num .X}}" y="{{num .Font}}" fill="#1a1a1a" class="chart-empty">{{.Empty}}</text>
{{- end}}
{{- range .Rows}}
<g class="bar" data-value="{{.Value}}">
<title>{{.Label}}: {{.Shown}}</title>
<text x="{{num $.X}}" y="{{num .LabelY}}" fill="#1a1a1a" class="bar-label">{{.Short}}</text>
{{- if $.Track}}
<rect x="{{num $.X}}" y="{{num .BarY}}" width="{{num .TrackWidth}}" height="18" fill="#ffffff" stroke="#595959" class="bar-track"/>
{{- end}}
<rect x="{{num $.X}}" y="{{num .BarY}}" width="{{num .BarWidth}}" height="18" fill="{{if $.Hatched}}url(#{{$.ID}}-hatch){{else}}#1d4f91{{end}}" stroke="#1d4f91" class="bar-fill"/>
<text x="{{num .ValueX}}" y="{{num .TextY}}" fill="#1a1a1a" class="bar-value">{{.Shown}}</text>
</g>
{{- end}}
</svg>`))
