// Package i18n holds the web interface's message catalogues (one JSON file
// per language under locales/, embedded) and picks a language for a request:
// the cookie a person chose, else the best Accept-Language match, else
// English. Adding a language is adding its files: a message missing from
// them falls back to English, so a new language is usable while partial.
// French, Arabic and Spanish are complete (the tests hold them to it).
package i18n

import (
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

//go:embed locales/*.json
var files embed.FS

// Default is the language of the reference catalogue.
const Default = "en"

// Catalogue is every language's messages.
type Catalogue struct {
	bundle  *goi18n.Bundle
	langs   []Language
	matcher language.Matcher
}

// Language is one catalogue: its tag, its own name and its writing direction.
type Language struct {
	Tag  string // BCP 47, e.g. "fr"
	Name string // in the language itself, e.g. "Français"
	Dir  string // "ltr" or "rtl"
}

// Load reads the embedded catalogues. A language's messages may be split
// over several files, `<tag>.json` and `<area>.<tag>.json` (go-i18n reads
// the tag just before the extension), so that areas of the interface keep
// their messages apart.
func Load() (*Catalogue, error) { return load(files) }

// load reads the catalogues of fsys (the embedded files, or a test's).
func load(fsys fs.FS) (*Catalogue, error) {
	b := goi18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("json", json.Unmarshal)
	names, err := fs.Glob(fsys, "locales/*.json")
	if err != nil {
		return nil, err
	}
	c := &Catalogue{bundle: b}
	var tags []string
	for _, n := range names {
		if _, err := b.LoadMessageFileFS(fsys, n); err != nil {
			return nil, fmt.Errorf("i18n: %s: %w", n, err)
		}
		if tag := tagOf(n); !slices.Contains(tags, tag) {
			tags = append(tags, tag)
		}
	}
	// Described once every file is in: an area's file (followup.fr.json)
	// may come before the one holding the language's own name.
	for _, tag := range tags {
		c.langs = append(c.langs, c.describe(tag))
	}
	slices.SortFunc(c.langs, func(a, b Language) int { return strings.Compare(a.Tag, b.Tag) })
	matched := []language.Tag{language.English}
	for _, l := range c.langs {
		if l.Tag != Default {
			matched = append(matched, language.MustParse(l.Tag))
		}
	}
	c.matcher = language.NewMatcher(matched)
	return c, nil
}

// tagOf is the language of a message file: the last dot-part of its name.
func tagOf(file string) string {
	base := strings.TrimSuffix(path.Base(file), ".json")
	return base[strings.LastIndex(base, ".")+1:]
}

// describe reads a language's own name and direction from its catalogue.
func (c *Catalogue) describe(tag string) Language {
	l := goi18n.NewLocalizer(c.bundle, tag)
	name, _ := l.Localize(&goi18n.LocalizeConfig{MessageID: "lang.name"})
	dir, _ := l.Localize(&goi18n.LocalizeConfig{MessageID: "lang.dir"})
	if dir != "rtl" {
		dir = "ltr"
	}
	return Language{Tag: tag, Name: name, Dir: dir}
}

// Languages lists the catalogues, for the language switcher.
func (c *Catalogue) Languages() []Language { return c.langs }

// Known reports whether a catalogue exists for tag.
func (c *Catalogue) Known(tag string) (Language, bool) {
	i := slices.IndexFunc(c.langs, func(l Language) bool { return l.Tag == tag })
	if i < 0 {
		return Language{}, false
	}
	return c.langs[i], true
}

// Pick chooses the language: a known chosen tag wins, then Accept-Language.
func (c *Catalogue) Pick(chosen, acceptLanguage string) Language {
	if l, ok := c.Known(chosen); ok {
		return l
	}
	tags, _, err := language.ParseAcceptLanguage(acceptLanguage)
	if err == nil && len(tags) > 0 {
		_, i, conf := c.matcher.Match(tags...)
		if conf != language.No {
			if l, ok := c.Known(c.tagAt(i)); ok {
				return l
			}
		}
	}
	l, _ := c.Known(Default)
	return l
}

func (c *Catalogue) tagAt(i int) string {
	if i == 0 {
		return Default
	}
	n := 0
	for _, l := range c.langs {
		if l.Tag == Default {
			continue
		}
		n++
		if n == i {
			return l.Tag
		}
	}
	return Default
}

// Localizer translates into one language, falling back to English.
type Localizer struct {
	lang Language
	l    *goi18n.Localizer
}

// For returns the localizer of a language.
func (c *Catalogue) For(l Language) *Localizer {
	return &Localizer{lang: l, l: goi18n.NewLocalizer(c.bundle, l.Tag, Default)}
}

// Language is what the localizer translates into.
func (l *Localizer) Language() Language { return l.lang }

// T translates a message; data fills its {{.Name}} fields, and a "Count"
// entry chooses the CLDR plural form. A message missing from every catalogue
// shows its id, so the gap is visible rather than silent.
func (l *Localizer) T(id string, data map[string]any) string {
	cfg := &goi18n.LocalizeConfig{MessageID: id, TemplateData: data}
	if n, ok := data["Count"]; ok {
		cfg.PluralCount = n
	}
	msg, err := l.l.Localize(cfg)
	var missing *goi18n.MessageNotFoundErr
	if err != nil && (msg == "" || !errors.As(err, &missing)) {
		return id
	}
	return msg
}

// Has reports whether the language's own catalogue holds the message (no
// fallback), for tests of completeness.
func (c *Catalogue) Has(tag, id string) bool {
	l := goi18n.NewLocalizer(c.bundle, tag)
	_, got, err := l.LocalizeWithTag(&goi18n.LocalizeConfig{MessageID: id})
	return err == nil && got.String() == tag
}

// IDs lists every message id of the reference (English) catalogue, in
// all its files.
func IDs() ([]string, error) {
	msgs, err := Messages(Default)
	if err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(msgs))
	for id := range msgs {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids, nil
}

// Message is one message as a catalogue writes it: a text, or plural
// forms by CLDR category ("one", "few"...).
type Message struct {
	Text  string
	Forms map[string]string // nil for a message without plural forms
}

// Messages is a language's own catalogue as written, over all its files
// (no fallback), for tests of completeness and form.
func Messages(tag string) (map[string]Message, error) {
	names, err := fs.Glob(files, "locales/*.json")
	if err != nil {
		return nil, err
	}
	msgs := map[string]Message{}
	for _, n := range names {
		if tagOf(n) != tag {
			continue
		}
		raw, err := files.ReadFile(n)
		if err != nil {
			return nil, err
		}
		var m map[string]json.RawMessage
		if err := json.Unmarshal(raw, &m); err != nil {
			return nil, fmt.Errorf("i18n: %s: %w", n, err)
		}
		for id, v := range m {
			msg, err := messageOf(v)
			if err != nil {
				return nil, fmt.Errorf("i18n: %s: %s: %w", n, id, err)
			}
			msgs[id] = msg
		}
	}
	return msgs, nil
}

// messageOf reads one message: a string, or an object of plural forms.
func messageOf(v json.RawMessage) (Message, error) {
	var msg Message
	if err := json.Unmarshal(v, &msg.Text); err == nil {
		return msg, nil
	}
	err := json.Unmarshal(v, &msg.Forms)
	return msg, err
}
