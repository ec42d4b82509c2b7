// Package views holds the registers of the ledger: one read model per file
// pair (the fold and its queries). Every view is partitioned by operation,
// keeps each record's classification so the API can filter by it, and
// derives time-dependent facts (overdue, age) at query time from dates it
// stores, never from the clock at apply time.
//
// Corrections (correction.recorded.v1) are applied over the corrected
// record: views show the corrected value; the audit trail shows both.
package views
