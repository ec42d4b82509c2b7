package charts

import (
	"bytes"
	"fmt"
	"html/template"
	"strconv"
)

// Layout shared by every chart, in SVG user units. The viewBox scales with
// the page, so these set proportions and a text size that stays readable on
// a 360 px phone (the chart is at most 400 units wide).
const (
	width    = 400.0
	margin   = 8.0
	fontSize = 13.0
)

// Bar is one labelled value.
type Bar struct {
	Label string  // what the bar is about, e.g. a component's name
	Value float64 // the length of the bar, in the chart's unit
	Text  string  // the value as shown beside the bar; empty: Value in plain digits
}

// shown is the text drawn beside the bar.
func (b Bar) shown() string {
	if b.Text != "" {
		return b.Text
	}
	return strconv.FormatFloat(b.Value, 'f', -1, 64)
}

// Meta is what every chart says about itself. ID must be unique on the page:
// it names the title, the description and the hatch pattern.
type Meta struct {
	ID    string
	Title string
	Desc  string
	Empty string // shown instead of bars when there is nothing to draw
}

func (m Meta) validate() error {
	if m.ID == "" || m.Title == "" {
		return ErrNoID
	}
	return nil
}

// render executes one of the chart templates into HTML to embed in a page.
func render(t *template.Template, data any) (template.HTML, error) {
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		return "", fmt.Errorf("draw %s: %w", t.Name(), err)
	}
	return template.HTML(buf.String()), nil // html/template escaped every value
}

// scale maps a value to a length in [0, span], proportional to max. A chart
// whose values are all zero draws no bars, not a division by zero.
func scale(v, max, span float64) float64 {
	if max <= 0 || v <= 0 {
		return 0
	}
	return min(v/max, 1) * span
}

// num prints a coordinate with two decimals at most, trimmed.
func num(f float64) string { return strconv.FormatFloat(f, 'f', 2, 64) }

var funcs = template.FuncMap{
	"num":   num,
	"above": func(y float64) float64 { return y - 4 },            // a count sits just above its column
	"below": func(y float64) float64 { return y + fontSize + 4 }, // a label sits just below the axis
}
