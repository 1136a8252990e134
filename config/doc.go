// Package config owns aitracker's configuration: the types, the defaults
// (Default is their single source), strict loading of the YAML file, and
// validation that names the file, line and key of every problem. It also
// embeds the default source list and classifier taxonomy, and loads and
// checks taxonomy files from the contents it is given (LoadTaxonomy).
//
// It describes and checks; it acts on nothing. It does not open files
// other than the one Load is asked to read (the command reads the
// taxonomy files that classify.taxonomy lists and hands their contents to
// LoadTaxonomy), nor read the environment, nor set anything for the
// process: the command builds the logger and listens as it says, and
// passes each section (Fetch, Digest) to the stage that uses it. It
// checks what the taxonomy's data alone can tell; reading cue phrases and
// argument kinds, and compiling the rules, are classify's.
package config
