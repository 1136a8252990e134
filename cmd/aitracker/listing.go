package main

import (
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"
)

// listing is how a command prints a list: with --json as one JSON object
// {key: [...]}; otherwise a line saying there is nothing, or a table.
type listing[T any] struct {
	key string // the JSON object's one key
	// none is printed when there are no rows; "" prints the header alone.
	none   string
	header string         // the column names, tab-separated
	row    func(T) string // a row's cells, tab-separated
	// json is what --json prints for the rows, when not the rows as they are.
	json func([]T) any
	foot string // printed below a table that has rows
}

func (l listing[T]) print(w io.Writer, rows []T, asJSON bool) error {
	if asJSON {
		var v any = rows
		if l.json != nil {
			v = l.json(rows)
		}
		return printJSON(w, map[string]any{l.key: v})
	}
	if len(rows) == 0 && l.none != "" {
		_, err := fmt.Fprintln(w, l.none)
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, l.header)
	for _, r := range rows {
		fmt.Fprintln(tw, l.row(r))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(rows) > 0 && l.foot != "" {
		_, err := fmt.Fprintln(w, l.foot)
		return err
	}
	return nil
}

func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
