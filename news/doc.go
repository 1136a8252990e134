// Package news holds aitracker's domain: the types every stage hands on
// and the vocabularies they share. Sources and their fetch state,
// articles, the tags the classifier puts on them (companies, layer, event
// type, status, fields, and the trail of rules and text spans behind
// each), events merged from articles with the provenance of each field,
// and subscribers with what they follow. Beside the types it holds only
// what the domain itself says: the valid layers and event types
// (ParseLayer, ParseEventType), how far along a status is (StatusRank),
// and which articles may report one event (Tags.EventKey, EventClass).
//
// It must not do I/O, read configuration, log, or import another package
// of the project, so that every stage can depend on it and it on none.
// How a value is shown (JSON shapes, sums written for people) belongs to
// the place that shows it; how a user's text is read (query words,
// dates, amounts) to the package that parses it.
package news
