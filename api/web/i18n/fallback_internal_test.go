package i18n

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/require"
)

// Every shipped language is complete, so the fallback is shown on a
// catalogue of its own: a language being added shows English for what it
// lacks, and a message no catalogue has shows its id.
func TestAMissingMessageFallsBackToEnglish(t *testing.T) {
	fsys := fstest.MapFS{
		"locales/en.json": {Data: []byte(`{"lang.name": "English", "form.save": "Save", "form.back": "Back"}`)},
		"locales/de.json": {Data: []byte(`{"lang.name": "Deutsch", "form.save": "Speichern"}`)},
	}
	c, err := load(fsys)
	require.NoError(t, err)
	de, ok := c.Known("de")
	require.True(t, ok)
	require.Equal(t, "Speichern", c.For(de).T("form.save", nil))
	require.Equal(t, "Back", c.For(de).T("form.back", nil))
	require.False(t, c.Has("de", "form.back"))
	require.Equal(t, "form.next", c.For(de).T("form.next", nil))
}
