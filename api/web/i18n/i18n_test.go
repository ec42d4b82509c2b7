package i18n_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/web/i18n"
)

// French is a working language: every message English has, French has too.
func TestFrenchIsComplete(t *testing.T) {
	c, err := i18n.Load()
	require.NoError(t, err)
	ids, err := i18n.IDs()
	require.NoError(t, err)
	var missing []string
	for _, id := range ids {
		if !c.Has("fr", id) {
			missing = append(missing, id)
		}
	}
	require.Empty(t, missing, "messages without a French translation")
}

// Arabic is complete (TestWorkingLanguagesAreComplete); this checks what is
// its own: it reads right to left, its navigation and operation home are
// Arabic, and its counts take the dual and the 3–10 / 11–99 forms.
func TestArabicIsRightToLeftWithNavigationAndHome(t *testing.T) {
	c, err := i18n.Load()
	require.NoError(t, err)
	ar, ok := c.Known("ar")
	require.True(t, ok)
	require.Equal(t, "rtl", ar.Dir)
	for _, id := range []string{"nav.operations", "nav.home", "nav.actions", "home.title", "home.overdue", "home.escalations", "home.issues", "home.unapproved", "home.next"} {
		require.True(t, c.Has("ar", id), id)
	}
	days := func(n int) string { return c.For(ar).T("unit.days", map[string]any{"Count": n}) }
	require.Equal(t, "يومان", days(2))
	require.Equal(t, "3 أيام", days(3))
	require.Equal(t, "11 يومًا", days(11))
	require.Equal(t, "100 يوم", days(100))
}

func TestLanguageChoice(t *testing.T) {
	c, err := i18n.Load()
	require.NoError(t, err)
	cases := []struct{ cookie, accept, want string }{
		{"", "fr-FR,fr;q=0.9,en;q=0.5", "fr"},
		{"", "ar-SD", "ar"},
		{"", "de-DE", "en"},
		{"es", "fr", "es"},    // a remembered choice wins
		{"xx", "fr-BE", "fr"}, // an unknown cookie is ignored
		{"", "", "en"},
	}
	for _, tc := range cases {
		require.Equal(t, tc.want, c.Pick(tc.cookie, tc.accept).Tag, "cookie %q accept %q", tc.cookie, tc.accept)
	}
}

func TestPluralsFollowTheLanguage(t *testing.T) {
	c, err := i18n.Load()
	require.NoError(t, err)
	fr, _ := c.Known("fr")
	en, _ := c.Known("en")
	require.Equal(t, "1 jour", c.For(fr).T("unit.days", map[string]any{"Count": 1}))
	require.Equal(t, "0 jour", c.For(fr).T("unit.days", map[string]any{"Count": 0}), "French counts 0 as singular")
	require.Equal(t, "0 days", c.For(en).T("unit.days", map[string]any{"Count": 0}))
}

// Each language is named in itself, whatever the order its files load in.
func TestLanguagesAreNamedInThemselves(t *testing.T) {
	c, err := i18n.Load()
	require.NoError(t, err)
	names := map[string]string{}
	for _, l := range c.Languages() {
		names[l.Tag] = l.Name
	}
	require.Equal(t, map[string]string{"ar": "العربية", "en": "English", "es": "Español", "fr": "Français"}, names)
}
