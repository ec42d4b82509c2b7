// Package audit is the audit trail and the operation timelines: one compact
// entry per event (who, recorded time, occurred time, classification, what it
// corrects), indexed by record, actor and operation. The payload itself stays
// in the log; Load fetches it for the entry a reader opens.
//
// Entries are kept in fixed-size chunks with strings interned in tables, so
// the trail of a million events holds well under 100 bytes per event.
package audit
