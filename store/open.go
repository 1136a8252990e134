package store

import (
	"context"
	"fmt"
)

// The backends a Config can name.
const (
	DriverSQLite   = "sqlite"
	DriverPostgres = "postgres"
)

// Config says which backend holds a store and where.
type Config struct {
	// Driver is DriverSQLite (also when empty) or DriverPostgres.
	Driver string
	// Path is the SQLite file.
	Path string
	// DSN is the PostgreSQL connection string.
	DSN string
}

// OpenWith opens the store c names, creating it (or its schema) when
// needed and running its pending migrations: the SQLite file at c.Path,
// or the PostgreSQL database at c.DSN.
func OpenWith(ctx context.Context, c Config) (Store, error) {
	switch c.Driver {
	case "", DriverSQLite:
		return Open(ctx, c.Path)
	case DriverPostgres:
		s, err := OpenPostgres(ctx, c.DSN)
		if err != nil {
			return nil, err
		}
		return s, nil
	default:
		return nil, fmt.Errorf("store: unknown driver %q (want %s or %s)", c.Driver, DriverSQLite, DriverPostgres)
	}
}
