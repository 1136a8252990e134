package classify

import "github.com/aitracker/aitracker/config"

// The taxonomy's types and loading belong to config; these names keep the
// callers that still spell them with classify compiling.

// Taxonomy is config.Taxonomy.
//
// Deprecated: use config.Taxonomy.
type Taxonomy = config.Taxonomy

// Company is config.Company.
//
// Deprecated: use config.Company.
type Company = config.Company

// File is config.NamedFile.
//
// Deprecated: use config.NamedFile.
type File = config.NamedFile

// DefaultTaxonomy is config.LoadDefaultTaxonomy.
//
// Deprecated: use config.LoadDefaultTaxonomy.
func DefaultTaxonomy() (*Taxonomy, error) { return config.LoadDefaultTaxonomy() }

// LoadTaxonomy is config.LoadTaxonomy.
//
// Deprecated: use config.LoadTaxonomy.
func LoadTaxonomy(files ...File) (*Taxonomy, error) { return config.LoadTaxonomy(files...) }
