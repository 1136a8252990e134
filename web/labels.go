package web

import (
	"fmt"
	"strings"
	"time"
)

// labels are the words a person reads for the machine tokens of event
// types, rounds, layers and statuses; the API keeps the tokens.
var labels = map[string]string{
	"funding": "Funding", "acquisition": "Acquisition", "model_release": "Model release",
	"product_launch": "Product launch", "partnership": "Partnership", "ipo": "IPO", "layoffs": "Layoffs",
	"regulation": "Regulation", "other": "Other",
	"pre-seed": "Pre-seed", "seed": "Seed", "series_a": "Series A", "series_b": "Series B", "series_c": "Series C",
	"series_d": "Series D", "series_e": "Series E", "series_f": "Series F", "growth": "Growth round",
	"strategic": "Strategic round", "unknown": "Undisclosed round",
	"infrastructure": "Infrastructure", "model": "Model", "middleware": "Middleware", "application": "Application",
	"none":    "No layer",
	"rumored": "Rumoured", "announced": "Announced", "completed": "Completed",
}

// label is the word a person reads for a token: "series_c" is
// "Series C", "model_release" "Model release". An unknown token reads
// with spaces for underscores and a capital first letter.
func label(v any) string {
	s := fmt.Sprint(v)
	if l, ok := labels[s]; ok {
		return l
	}
	s = strings.ReplaceAll(s, "_", " ")
	if s == "" {
		return ""
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// humanDate is a day as a person reads it: "2 Dec 2026".
func humanDate(t time.Time) string { return t.UTC().Format("2 Jan 2006") }

// currencySign puts a currency's sign before a sum, or its code after it.
func currencySign(currency, sum string) string {
	switch currency {
	case "USD", "":
		return "$" + sum
	case "EUR":
		return "€" + sum
	case "GBP":
		return "£" + sum
	case "JPY":
		return "¥" + sum + " JPY"
	case "CNY":
		return "¥" + sum
	}
	return sum + " " + currency
}
