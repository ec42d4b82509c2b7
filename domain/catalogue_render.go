package domain

import (
	"encoding/json"
	"fmt"
	"strings"
)

// CatalogueJSON renders the catalogue as a JSON array of event descriptions
// (type, version, aggregate, description, fields), for `ledger schema --json`.
func CatalogueJSON() ([]byte, error) {
	return json.MarshalIndent(Catalogue(), "", "  ")
}

// CatalogueMarkdown renders the catalogue as Markdown, one section per event.
func CatalogueMarkdown() string {
	var b strings.Builder
	b.WriteString("# Event catalogue\n\nGenerated from the payload structs in package domain. ")
	b.WriteString("Fields marked personal hold personal data and are erasable; optional fields may be absent.\n")
	writeFields(&b, "\n## Envelope (event metadata)\n\nEvery event carries these next to its payload.\n", EnvelopeFields())
	agg := ""
	for _, d := range Catalogue() {
		if d.Aggregate != agg {
			agg = d.Aggregate
			fmt.Fprintf(&b, "\n## %s\n", aggregateTitle(agg))
		}
		writeEventDoc(&b, d)
	}
	return b.String()
}

func aggregateTitle(agg string) string {
	if agg == string(KindAny) {
		return "any aggregate"
	}
	return agg
}

func writeEventDoc(b *strings.Builder, d EventDoc) {
	fmt.Fprintf(b, "\n### `%s` (version %d)\n\n%s\n", d.Type, d.Version, d.Description)
	if d.UpcastTo != "" {
		fmt.Fprintf(b, "\nLegacy: read only, upcast to `%s` when decoded.\n", d.UpcastTo)
	}
	writeFields(b, "", d.Fields)
}

func writeFields(b *strings.Builder, title string, fields []FieldDoc) {
	b.WriteString(title)
	if len(fields) == 0 {
		b.WriteString("\nNo fields.\n")
		return
	}
	b.WriteString("\n| field | type | meaning |\n|---|---|---|\n")
	for _, f := range fields {
		fmt.Fprintf(b, "| `%s` | %s | %s |\n", f.Name, f.Type, strings.ReplaceAll(meaningOf(f), "|", "\\|"))
	}
}

func meaningOf(f FieldDoc) string {
	m := f.Meaning
	if f.Optional {
		m += " (optional)"
	}
	if f.Personal {
		m += " (personal)"
	}
	return m
}
