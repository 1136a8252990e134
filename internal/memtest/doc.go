// Package memtest measures what code allocates, for the tests that bound
// how much memory hostile input may cost (a body over the cap, a page
// nested a million deep). It is for tests only: the program never
// imports it.
package memtest
