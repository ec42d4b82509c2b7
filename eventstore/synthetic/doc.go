// Package synthetic generates realistic event logs for tests and benchmarks:
// operations with components, projects, contacts, mechanisms, meetings,
// decisions, action points, compliance issues, escalations, lessons and
// corrections, every event kind of the catalogue, with envelopes whose
// occurred times run ahead of the clock and are sometimes back-dated.
//
// The events bypass the domain's command checks but follow its lifecycles,
// so the views see sequences the application service could have written.
// A seed makes a log reproducible.
package synthetic
