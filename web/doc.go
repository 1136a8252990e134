// Package web serves aitracker's HTML pages and HTTP API: the search
// page and GET /api/search, the events, companies, map, charts and
// sources pages and their JSON, search results as Atom, RSS and JSON
// feeds, the subscribe, confirm and unsubscribe pages (RFC 8058 one-click
// unsubscribe), the admin API for sources and subscribers behind a
// token, the OpenAPI document and Prometheus metrics. Pages are
// server-rendered with html/template and work without JavaScript; assets
// are embedded. Every response carries a strict Content-Security-Policy;
// every request has a deadline, every body a size cap, every search a
// timeout.
//
// It owns the routes, the handlers, the templates and the mapping of
// errors to status codes (users see a generic message, the log the
// detail). The JSON shapes the command line prints too live in web/api,
// so that both share them. It must not fetch, classify, merge events or
// send digests itself: it reads the store and the index it is given and
// hands subscription mail to its Mailer. It logs no subscriber address
// or token.
package web
