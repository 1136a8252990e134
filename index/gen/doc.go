// Package gen makes realistic synthetic articles for benchmarks and crash
// tests: English and Chinese (about a quarter of them), headline and lead
// lengths of real feeds, full text on a share of them, companies and
// investors from the embedded taxonomy, tags with the event mix of
// AI-industry news, deal fields, a share marked as copies of earlier
// articles (DuplicateOf), and dates spread over the three years before
// End. The same seed gives the same articles.
//
// It is for tests and benchmarks only: the program never imports it. It
// makes values and nothing else: it stores, indexes and fetches nothing
// (the test that uses it writes the articles where it needs them). Its
// tags are drawn from the mix, not found by classify, so what it makes
// says nothing of the classifier. It reads the embedded taxonomy through
// config, and no file.
package gen
