package config

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// Load reads the YAML file at path over Default. Unknown keys, wrong types
// and invalid values are errors that name the file, line and key.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	return Parse(path, data)
}

// Parse is Load for content already read; name is used in error messages.
func Parse(name string, data []byte) (*Config, error) {
	c := Default()
	c.File = name
	if len(bytes.TrimSpace(data)) == 0 {
		return c, nil
	}
	// Decode into a copy whose Sources start empty, so that we can tell an
	// absent key from an explicit empty list.
	dec := *c
	dec.Sources = nil
	file, err := parser.ParseBytes(data, 0)
	if err != nil {
		return nil, locateDecodeError(name, nil, err)
	}
	if err := decodeStrict(data, &dec); err != nil {
		return nil, locateDecodeError(name, file, err)
	}
	if !hasKey(file, "$.sources") {
		dec.Sources = c.Sources
		dec.DefaultSources = true
	} else {
		dec.DefaultSources = false
	}
	c = &dec
	c.File = name
	for i, t := range c.Classify.Taxonomy {
		if !filepath.IsAbs(t) {
			c.Classify.Taxonomy[i] = filepath.Join(filepath.Dir(name), t)
		}
	}
	if ps := append(wholeNumbers(file), c.problems()...); len(ps) > 0 {
		for i := range ps {
			ps[i].File = name
			ps[i].Line, ps[i].Col = position(file, ps[i].Key)
		}
		return nil, joinProblems(ps)
	}
	return c, nil
}

// decodeStrict decodes YAML, refusing unknown keys. A panic inside the
// YAML library on malformed input (a tag such as "!00" before a list
// has made it dereference nil) is an error about the file, not a crash.
func decodeStrict(data []byte, v any) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("the YAML could not be read (the parser failed: %v); check the file's syntax, tags (\"!…\") in particular", p)
		}
	}()
	return yaml.UnmarshalWithOptions(data, v, yaml.Strict())
}

// locateDecodeError turns a go-yaml error into "file:line:col: key:
// message", the key found in the parsed file (nil when it did not parse)
// at the error's position.
func locateDecodeError(name string, file *ast.File, err error) error {
	var ye yaml.Error
	if errors.As(err, &ye) {
		p := Problem{File: name, Msg: cleanYAMLMessage(ye.GetMessage())}
		if tk := ye.GetToken(); tk != nil && tk.Position != nil {
			p.Line, p.Col = tk.Position.Line, tk.Position.Column
			p.Key = keyAt(file, p.Line, p.Col)
		}
		return p
	}
	return fmt.Errorf("%s: %v", name, err)
}

// keyAt is the key path ("fetch.workers", "sources[2].url") of the value
// at line and column, or "" when there is none.
func keyAt(file *ast.File, line, col int) string {
	if file == nil {
		return ""
	}
	var key string
	for _, doc := range file.Docs {
		ast.Walk(visitFunc(func(n ast.Node) bool {
			if key != "" {
				return false
			}
			if tk := n.GetToken(); tk != nil && tk.Position != nil && tk.Position.Line == line && tk.Position.Column == col {
				key = strings.TrimPrefix(strings.TrimPrefix(n.GetPath(), "$"), ".")
			}
			return true
		}), doc)
	}
	return key
}

type visitFunc func(ast.Node) bool

func (f visitFunc) Visit(n ast.Node) ast.Visitor {
	if f(n) {
		return f
	}
	return nil
}

// wholeNumbers reports integer settings written as fractions or
// exponents ("workers: 3.5", "port: 1e3"), which the decoder would
// silently truncate.
func wholeNumbers(file *ast.File) []Problem {
	var ps []Problem
	for _, key := range intKeys() {
		p, err := yaml.PathString("$." + key)
		if err != nil {
			continue
		}
		n, err := p.FilterFile(file)
		if err != nil || n == nil || n.Type() == ast.IntegerType || n.Type() == ast.NullType {
			continue
		}
		ps = append(ps, Problem{Key: key, Msg: fmt.Sprintf("want a whole number, got %s", n.String())})
	}
	return ps
}

var overflowRE = regexp.MustCompile(`^cannot unmarshal (\S+) into Go .* \( overflow \)$`)

var goTypeRE = regexp.MustCompile(`^cannot unmarshal (.+) into Go (?:struct field \S+|value) of type (\S+)$`)

// cleanYAMLMessage rewrites a decoder type error, which speaks of Go types,
// into words a user of the file understands; the line and column say where.
func cleanYAMLMessage(m string) string {
	if sub := overflowRE.FindStringSubmatch(m); sub != nil {
		return "number out of range: " + sub[1]
	}
	sub := goTypeRE.FindStringSubmatch(m)
	if sub == nil {
		return m
	}
	return "wrong type: want " + yamlKind(sub[2]) + ", got " + yamlKind(sub[1])
}

func yamlKind(goType string) string {
	switch {
	case strings.HasPrefix(goType, "[]"):
		return "a list"
	case strings.HasPrefix(goType, "map["), strings.HasPrefix(goType, "config."), strings.HasPrefix(goType, "*config."):
		return "a mapping"
	case strings.HasPrefix(goType, "int"), strings.HasPrefix(goType, "uint"), strings.HasPrefix(goType, "float"):
		return "a number"
	case goType == "bool":
		return "true or false"
	case goType == "string":
		return "a string"
	}
	return goType
}

func hasKey(f *ast.File, path string) bool {
	p, err := yaml.PathString(path)
	if err != nil {
		return false
	}
	n, err := p.FilterFile(f)
	return err == nil && n != nil
}

// position finds the line and column of a key path such as
// "sources[3].url" in the parsed file, falling back to the nearest parent
// that exists.
func position(f *ast.File, key string) (int, int) {
	for key != "" {
		if p, err := yaml.PathString("$." + key); err == nil {
			if n, err := p.FilterFile(f); err == nil && n != nil {
				if tk := n.GetToken(); tk != nil && tk.Position != nil {
					return tk.Position.Line, tk.Position.Column
				}
			}
		}
		i := strings.LastIndexAny(key, ".[")
		if i < 0 {
			break
		}
		key = key[:i]
	}
	return 0, 0
}

func joinProblems(ps []Problem) error {
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].Line < ps[j].Line })
	errs := make([]error, len(ps))
	for i, p := range ps {
		errs[i] = p
	}
	return errors.Join(errs...)
}

// Locate returns the line and column of a key path such as
// "companies[12].aliases[3]" in YAML content, or of its nearest parent
// that exists; 0, 0 when the content does not parse.
func Locate(data []byte, key string) (line, col int) {
	f, err := parser.ParseBytes(data, 0)
	if err != nil {
		return 0, 0
	}
	return position(f, key)
}
