// Package export turns a register or the timeline of one operation into a
// table for exchange: JSON, CSV, or CSV with an HXL hashtag row under the
// header (the Humanitarian Exchange Language). Personal columns are marked,
// and an export meant for outside the Movement never carries them.
package export

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/domain/visibility"
)

// Column is one column: its CSV header, its HXL hashtag, and whether it
// holds personal data.
type Column struct {
	Header   string
	HXL      string
	Personal bool
}

// Table is a view flattened into rows of text, one per record.
type Table struct {
	View     string
	Columns  []Column
	Rows     [][]string
	Withheld int // rows left out because of their classification
}

// Audience says who an export is for.
type Audience string

const (
	// External: outside the Movement. Public rows only, no personal columns.
	External Audience = "external"
	// Movement: inside the Movement. Rows up to restricted, personal columns.
	Movement Audience = "movement"
)

// ParseAudience reads --audience.
func ParseAudience(s string) (Audience, error) {
	switch a := Audience(strings.ToLower(s)); a {
	case External, Movement:
		return a, nil
	}
	return "", fmt.Errorf("audience %q: want external or movement", s)
}

// Reader is the audience as the visibility policy (domain/visibility) sees
// it: outside the Movement, public records and no personal data; inside,
// records up to restricted with personal data. Confidential records never
// leave through an export.
func (a Audience) Reader() visibility.Reader {
	if a == Movement {
		return visibility.Movement
	}
	return visibility.External
}

// admits says whether a record of this classification may go to a.
func (a Audience) admits(c domain.Classification) bool { return a.Reader().Admits(c) }

// withPersonal drops the personal columns unless personal is set: an
// export outside the Movement, or to an analyst, never carries them.
func (t Table) withPersonal(personal bool) Table {
	if personal {
		return t
	}
	keep := make([]int, 0, len(t.Columns))
	var cols []Column
	for i, c := range t.Columns {
		if !c.Personal {
			keep, cols = append(keep, i), append(cols, c)
		}
	}
	rows := make([][]string, len(t.Rows))
	for r, row := range t.Rows {
		for _, i := range keep {
			rows[r] = append(rows[r], row[i])
		}
	}
	return Table{View: t.View, Columns: cols, Rows: rows, Withheld: t.Withheld}
}

// WriteCSV writes the header row, the HXL hashtag row when hxl is set, and
// the rows.
func (t Table) WriteCSV(w io.Writer, hxl bool) error {
	cw := csv.NewWriter(w)
	head, tags := make([]string, len(t.Columns)), make([]string, len(t.Columns))
	for i, c := range t.Columns {
		head[i], tags[i] = c.Header, c.HXL
	}
	records := [][]string{head}
	if hxl {
		records = append(records, tags)
	}
	if err := cw.WriteAll(append(records, t.Rows...)); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	return nil
}

// WriteJSON writes the rows as an array of objects keyed by column header.
func (t Table) WriteJSON(w io.Writer) error {
	out := make([]map[string]string, len(t.Rows))
	for r, row := range t.Rows {
		out[r] = make(map[string]string, len(row))
		for i, v := range row {
			out[r][t.Columns[i].Header] = v
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
