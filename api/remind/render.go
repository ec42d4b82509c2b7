package remind

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"
	texttemplate "text/template"

	"github.com/movementcoord/ledger/domain"
)

// words are the digest's texts in the languages it is written in; a person
// reading another language gets English.
var words = map[domain.Language]map[string]string{
	domain.LangEnglish: {
		"subject":                   "Follow-up for %s: %d reminder(s)",
		"hello":                     "Hello %s,",
		"intro":                     "the coordination ledger reminds you of the following:",
		"hidden":                    "a restricted %s (sign in to read it)",
		"footer":                    "You receive this digest as a focal point of your component. The reminders are recorded in the ledger.",
		"due_soon":                  "due in %d day(s)",
		"overdue":                   "overdue by %d day(s)",
		"escalation_unacknowledged": "escalation not acknowledged for %d day(s)",
		"escalation_unanswered":     "escalation not answered for %d day(s)",
		"minutes_not_circulated":    "minutes not circulated %d day(s) after the meeting",
		"decision_idle":             "decision with no action or progress for %d day(s)",
		"actionpoint":               "action point", "escalation": "escalation", "meeting": "meeting", "decision": "decision",
	},
	domain.LangFrench: {
		"subject":                   "Suivi pour %s : %d rappel(s)",
		"hello":                     "Bonjour %s,",
		"intro":                     "le registre de coordination vous rappelle ce qui suit :",
		"hidden":                    "un(e) %s à diffusion restreinte (connectez-vous pour le lire)",
		"footer":                    "Vous recevez ce récapitulatif en tant que point focal de votre composante. Les rappels sont consignés dans le registre.",
		"due_soon":                  "échéance dans %d jour(s)",
		"overdue":                   "en retard de %d jour(s)",
		"escalation_unacknowledged": "remontée sans accusé de réception depuis %d jour(s)",
		"escalation_unanswered":     "remontée sans réponse depuis %d jour(s)",
		"minutes_not_circulated":    "compte rendu non diffusé %d jour(s) après la réunion",
		"decision_idle":             "décision sans action ni progrès depuis %d jour(s)",
		"actionpoint":               "point d'action", "escalation": "remontée", "meeting": "réunion", "decision": "décision",
	},
}

func lang(l domain.Language) domain.Language {
	if _, ok := words[l]; ok {
		return l
	}
	return domain.LangEnglish
}

func say(l domain.Language, id string, args ...any) string {
	return fmt.Sprintf(words[lang(l)][id], args...)
}

// line is one reminder rendered: what is due and about which record.
type line struct{ Operation, What, Record string }

func (d Digest) lines() []line {
	l := d.To.Language
	out := make([]line, len(d.Items))
	for i, it := range d.Items {
		days := it.Days
		if days < 0 {
			days = -days
		}
		rec := it.Title
		if rec == "" {
			rec = say(l, "hidden", say(l, string(it.Record.Kind)))
		}
		out[i] = line{Operation: it.Operation, What: say(l, string(it.Rule), days), Record: rec}
	}
	return out
}

// Subject is the message's subject line.
func (d Digest) Subject() string {
	return say(d.To.Language, "subject", d.Day.Format("2006-01-02"), len(d.Items))
}

type body struct {
	Lang                 domain.Language
	Hello, Intro, Footer string
	Lines                []line
}

func (d Digest) body() body {
	l := lang(d.To.Language)
	return body{Lang: l, Hello: say(l, "hello", d.To.Name), Intro: say(l, "intro"), Footer: say(l, "footer"), Lines: d.lines()}
}

var textBody = texttemplate.Must(texttemplate.New("text").Parse(`{{.Hello}}

{{.Intro}}
{{range .Lines}}
- [{{.Operation}}] {{.Record}}: {{.What}}{{end}}

{{.Footer}}
`))

var htmlBody = template.Must(template.New("html").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}"><body>
<p>{{.Hello}}</p>
<p>{{.Intro}}</p>
<ul>{{range .Lines}}
<li><strong>{{.Operation}}</strong> &middot; <bdi>{{.Record}}</bdi>: {{.What}}</li>{{end}}
</ul>
<p><small>{{.Footer}}</small></p>
</body></html>
`))

// Text is the plain-text part.
func (d Digest) Text() string {
	var b bytes.Buffer
	_ = textBody.Execute(&b, d.body()) // a fixed template over strings cannot fail
	return strings.ReplaceAll(b.String(), "\n", "\r\n")
}

// HTML is the HTML part (escaped by html/template).
func (d Digest) HTML() string {
	var b bytes.Buffer
	_ = htmlBody.Execute(&b, d.body())
	return strings.ReplaceAll(b.String(), "\n", "\r\n")
}
