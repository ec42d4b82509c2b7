package i18n_test

import (
	"maps"
	"regexp"
	"slices"
	"testing"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/movementcoord/ledger/api/web/i18n"
)

// workingLanguages are the languages whose catalogues are complete: every
// message English has, each has too, in its own words and forms.
var workingLanguages = []string{"fr", "ar", "es"}

func TestWorkingLanguagesAreComplete(t *testing.T) {
	c, err := i18n.Load()
	require.NoError(t, err)
	ids, err := i18n.IDs()
	require.NoError(t, err)
	for _, tag := range workingLanguages {
		t.Run(tag, func(t *testing.T) {
			var missing []string
			for _, id := range ids {
				if !c.Has(tag, id) {
					missing = append(missing, id)
				}
			}
			require.Empty(t, missing, "messages without a %s translation", tag)
			msgs, err := i18n.Messages(tag)
			require.NoError(t, err)
			var unknown []string
			for id := range msgs {
				if !slices.Contains(ids, id) {
					unknown = append(unknown, id)
				}
			}
			require.Empty(t, unknown, "%s messages English does not have (a misspelt id is never shown)", tag)
		})
	}
}

// A translation fills the same fields as its English message: a field it
// drops leaves out a figure or a name, one it adds shows "<no value>". Only
// {{.Count}} may go from a plural form that stands for one count alone
// (Arabic "يومان" is 2, Spanish "una vez" is 1); a form standing for several
// counts must show which.
func TestTranslationsKeepThePlaceholders(t *testing.T) {
	english, err := i18n.Messages(i18n.Default)
	require.NoError(t, err)
	for _, tag := range workingLanguages {
		t.Run(tag, func(t *testing.T) {
			counts := pluralForms(t, tag)
			msgs, err := i18n.Messages(tag)
			require.NoError(t, err)
			for id, en := range english {
				tr, ok := msgs[id]
				if !ok {
					continue // TestWorkingLanguagesAreComplete names it
				}
				require.Equal(t, en.Forms != nil, tr.Forms != nil, "%s: plural in English, plural in %s", id, tag)
				if en.Forms == nil {
					require.Equal(t, fields(en.Text), fields(tr.Text), "%s: %q", id, tr.Text)
					continue
				}
				want := withoutCount(fields(en.Forms["other"]))
				counted := slices.Contains(fields(en.Forms["other"]), "Count")
				for form, text := range tr.Forms {
					got := fields(text)
					require.Equal(t, want, withoutCount(got), "%s[%s]: %q", id, form, text)
					if counted && len(counts[form]) > 1 {
						require.Contains(t, got, "Count", "%s[%s] stands for %v: %q", id, form, counts[form], text)
					}
					if !counted {
						require.NotContains(t, got, "Count", "%s[%s]: %q", id, form, text)
					}
				}
			}
		})
	}
}

// A plural message has every form its language's rules choose among, and
// no other: go-i18n shows the message id, not a sentence, for a count whose
// form is missing (French and Spanish need "many" for a million).
func TestPluralMessagesHaveTheLanguagesCategories(t *testing.T) {
	english, err := i18n.Messages(i18n.Default)
	require.NoError(t, err)
	require.Equal(t, []string{"one", "other"}, slices.Sorted(maps.Keys(pluralForms(t, "en"))), "the rules are probed right")
	for _, tag := range append([]string{i18n.Default}, workingLanguages...) {
		t.Run(tag, func(t *testing.T) {
			want := slices.Sorted(maps.Keys(pluralForms(t, tag)))
			msgs, err := i18n.Messages(tag)
			require.NoError(t, err)
			for id, en := range english {
				if tr, ok := msgs[id]; ok && en.Forms != nil {
					require.Equal(t, want, slices.Sorted(maps.Keys(tr.Forms)), "%s in %s", id, tag)
				}
			}
		})
	}
}

// pluralForms asks go-i18n's own plural rules (those that choose the form
// when a page is shown) which category each count falls in, for whole
// counts (Page.N takes an int) from 0 to 1000 and the powers of ten to 10⁹:
// category to the counts probed in it. x/text's feature/plural is not used:
// its tables are CLDR 32, without the "many" that go-i18n's give fr and es.
func pluralForms(t *testing.T, tag string) map[string][]int {
	t.Helper()
	b := goi18n.NewBundle(language.English)
	probe := &goi18n.Message{ID: "probe", Zero: "zero", One: "one", Two: "two", Few: "few", Many: "many", Other: "other"}
	require.NoError(t, b.AddMessages(language.MustParse(tag), probe))
	l := goi18n.NewLocalizer(b, tag)
	probes := make([]int, 0, 1010)
	for n := 0; n <= 1000; n++ {
		probes = append(probes, n)
	}
	for n := 10_000; n <= 1_000_000_000; n *= 10 {
		probes = append(probes, n)
	}
	forms := map[string][]int{}
	for _, n := range probes {
		form, err := l.Localize(&goi18n.LocalizeConfig{MessageID: "probe", PluralCount: n})
		require.NoError(t, err)
		forms[form] = append(forms[form], n)
	}
	return forms
}

var field = regexp.MustCompile(`\{\{\s*\.(\w+)`)

// fields are the template fields a text fills, sorted, each once.
func fields(text string) []string {
	names := []string{}
	for _, m := range field.FindAllStringSubmatch(text, -1) {
		names = append(names, m[1])
	}
	slices.Sort(names)
	return slices.Compact(names)
}

func withoutCount(names []string) []string {
	others := []string{}
	for _, n := range names {
		if n != "Count" {
			others = append(others, n)
		}
	}
	return others
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
	require.Equal(t, "1000000 jours", c.For(fr).T("unit.days", map[string]any{"Count": 1_000_000}), "a million is French's \"many\"")
	es, _ := c.Known("es")
	require.Equal(t, "1000000 días", c.For(es).T("unit.days", map[string]any{"Count": 1_000_000}), "and Spanish's")
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
