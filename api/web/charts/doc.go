// Package charts draws the analysts' figures as server-rendered SVG: a
// horizontal bar chart (overdue action points per component, completion per
// mechanism) and a histogram (escalation-to-resolution times).
//
// The drawings are meant to be read by everyone, not only by sighted people
// who tell colours apart: every chart has a <title> and a <desc> that the
// <svg role="img"> is labelled by, every bar carries its value as text
// (never only its length or colour), and bars may be hatched so that they
// survive printing in black and white. Labels and values arrive already
// translated and formatted by the caller, so this package knows no language.
//
// The SVG is written by html/template, so every label people typed (a
// component's name) is escaped. No JavaScript, no chart library, no CDN:
// see the dependency table in the README for why no library was used.
package charts
