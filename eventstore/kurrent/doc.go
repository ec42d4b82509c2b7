// Package kurrent implements the eventstore port on KurrentDB (formerly
// EventStoreDB) through github.com/EventStore/EventStore-Client-Go/v4.
//
// Our global position is KurrentDB's commit position (equal to the prepare
// position for every event written by a gRPC append); our stream version is
// KurrentDB's revision plus one. System streams and events (names starting
// with "$") are hidden. README.md documents the mapping and every client
// trap the adapter works around.
package kurrent
