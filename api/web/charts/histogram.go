package charts

import (
	"html/template"
	"strconv"
	"time"
)

// Histogram is a distribution: one column per bin, its count above it and
// its label (a range such as "1–3 days") below.
type Histogram struct {
	Meta
	Bins []Bin
}

// Bin is one column of a histogram.
type Bin struct {
	Label string
	Count int
	Text  string // the count as shown; empty: the count in plain digits
}

// Histogram geometry.
const (
	plotHeight  = 160.0
	labelHeight = 2 * fontSize
)

type column struct {
	Bin
	Shown                 string
	X, Y, W, H, Mid, Base float64
}

type histData struct {
	Histogram
	Columns     []column
	Height      float64
	Base, Right float64
	Font        float64
}

// Histo draws the histogram as an <svg> element.
func Histo(h Histogram) (template.HTML, error) {
	if err := h.validate(); err != nil {
		return "", err
	}
	most := 0
	for _, b := range h.Bins {
		most = max(most, b.Count)
	}
	top := margin + fontSize + 4 // room for the tallest column's count
	base := top + plotHeight
	d := histData{Histogram: h, Height: base + labelHeight + margin, Base: base, Right: width - margin, Font: fontSize}
	if len(h.Bins) == 0 { // a line of text, not an empty plot
		d.Height, d.Base = 2*margin+fontSize, 0
	}
	if n := len(h.Bins); n > 0 {
		step := (width - 2*margin) / float64(n)
		for i, b := range h.Bins {
			ht := scale(float64(b.Count), float64(most), plotHeight)
			shown := b.Text
			if shown == "" {
				shown = strconv.Itoa(b.Count)
			}
			x := margin + step*float64(i)
			d.Columns = append(d.Columns, column{Bin: b, Shown: shown, X: x + 4, W: step - 8,
				Y: base - ht, H: ht, Mid: x + step/2, Base: base})
		}
	}
	return render(histTemplate, d)
}

// BinDurations counts durations into bins bounded by edges: bin 0 holds
// d < edges[0], bin i holds edges[i-1] <= d < edges[i], and the last bin
// (len(edges)) holds d >= the last edge. So there is one bin more than
// there are edges, and every duration counts exactly once.
func BinDurations(ds []time.Duration, edges []time.Duration) ([]int, error) {
	for i := 1; i < len(edges); i++ {
		if edges[i] <= edges[i-1] {
			return nil, ErrBadBins
		}
	}
	counts := make([]int, len(edges)+1)
	for _, d := range ds {
		i := 0
		for i < len(edges) && d >= edges[i] {
			i++
		}
		counts[i]++
	}
	return counts, nil
}

var histTemplate = template.Must(template.New("histogram").Funcs(funcs).Parse(`<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-histogram" role="img" viewBox="0 0 400 {{num .Height}}" width="100%" aria-labelledby="{{.ID}}-title {{.ID}}-desc" font-size="{{num .Font}}">
<title id="{{.ID}}-title">{{.Title}}</title>
<desc id="{{.ID}}-desc">{{.Desc}}</desc>
<defs><pattern id="{{.ID}}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#1d4f91"/><line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" stroke-width="2"/></pattern></defs>
{{- if not .Columns}}
<text x="8" y="{{num .Font}}" fill="#1a1a1a" class="chart-empty">{{.Empty}}</text>
{{- end}}
{{- range .Columns}}
<g class="bin" data-count="{{.Count}}">
<title>{{.Label}}: {{.Shown}}</title>
<rect x="{{num .X}}" y="{{num .Y}}" width="{{num .W}}" height="{{num .H}}" fill="url(#{{$.ID}}-hatch)" stroke="#1d4f91" class="bin-fill"/>
<text x="{{num .Mid}}" y="{{num (above .Y)}}" text-anchor="middle" fill="#1a1a1a" class="bin-count">{{.Shown}}</text>
<text x="{{num .Mid}}" y="{{num (below .Base)}}" text-anchor="middle" fill="#1a1a1a" class="bin-label">{{.Label}}</text>
</g>
{{- end}}
{{- if .Columns}}
<line x1="8" y1="{{num .Base}}" x2="{{num .Right}}" y2="{{num .Base}}" stroke="#1a1a1a"/>
{{- end}}
</svg>`))
