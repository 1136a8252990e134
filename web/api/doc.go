// Package api holds the JSON shapes of aitracker's HTTP API that the
// command line prints too: `aitracker events --json` and GET /api/events
// answer with the same Event, so that a script can move from one to the
// other. It owns those shapes and their contract (which keys are always
// present); it does no I/O, serves nothing and imports no package of the
// project but news, so that both the web server and the command can use
// it without either reaching into the other.
package api
