package money

import (
	"math"
	"strconv"
)

// Short writes a sum with a K, M or B suffix and up to two decimals:
// 1,250,000 → "1.25M". A sum under a thousand is written as it is.
func Short(v float64) string {
	units := []struct {
		div    float64
		suffix string
	}{{1e9, "B"}, {1e6, "M"}, {1e3, "K"}}
	for _, u := range units {
		if v >= u.div {
			return strconv.FormatFloat(math.Round(v/u.div*100)/100, 'f', -1, 64) + u.suffix
		}
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}
