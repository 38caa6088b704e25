// Package sarif converts the analysis driver's -json output into a SARIF
// 2.1.0 log for code scanning (GitHub's upload-sarif and others).
//
// Each analyzer/category pair is a rule (see suite.Rules), with help text and
// a help URI into docs/. Locations are relative to a source root (the
// repository's top directory) under the uriBaseId %SRCROOT%, and columns are
// counted in UTF-16 code units, as SARIF's default columnKind requires.
package sarif

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/o11ylint/o11ylint/suite"
)

// The parts of the driver's -json output that SARIF needs.
type jsonDiagnostic struct {
	Category string `json:"category"`
	Posn     string `json:"posn"`
	End      string `json:"end"`
	Message  string `json:"message"`
	Related  []struct {
		Posn    string `json:"posn"`
		End     string `json:"end"`
		Message string `json:"message"`
	} `json:"related"`
	SuggestedFixes []struct {
		Message string `json:"message"`
		Edits   []struct {
			Filename string `json:"filename"`
			Start    int    `json:"start"`
			End      int    `json:"end"`
			New      string `json:"new"`
		} `json:"edits"`
	} `json:"suggested_fixes"`
}

// Log is a SARIF 2.1.0 log (the subset o11ylint writes).
type Log struct {
	Schema  string `json:"$schema"`
	Version string `json:"version"`
	Runs    []Run  `json:"runs"`
}

type Run struct {
	Tool               Tool                   `json:"tool"`
	OriginalURIBaseIDs map[string]ArtifactLoc `json:"originalUriBaseIds,omitempty"`
	Results            []Result               `json:"results"`
	Invocations        []Invocation           `json:"invocations,omitempty"`
	ColumnKind         string                 `json:"columnKind"`
	Properties         map[string]any         `json:"properties,omitempty"`
	_                  struct{}
}

type Tool struct {
	Driver Driver `json:"driver"`
}

type Driver struct {
	Name           string           `json:"name"`
	Version        string           `json:"version,omitempty"`
	InformationURI string           `json:"informationUri"`
	Rules          []RuleDescriptor `json:"rules"`
}

type RuleDescriptor struct {
	ID               string         `json:"id"`
	Name             string         `json:"name,omitempty"`
	ShortDescription Text           `json:"shortDescription"`
	FullDescription  *Text          `json:"fullDescription,omitempty"`
	Help             *Text          `json:"help,omitempty"`
	HelpURI          string         `json:"helpUri,omitempty"`
	DefaultConfig    *RuleConfig    `json:"defaultConfiguration,omitempty"`
	Properties       map[string]any `json:"properties,omitempty"`
}

type RuleConfig struct {
	Level string `json:"level"`
}

type Text struct {
	Text string `json:"text"`
}

type Result struct {
	RuleID           string     `json:"ruleId"`
	RuleIndex        int        `json:"ruleIndex"`
	Level            string     `json:"level"`
	Message          Text       `json:"message"`
	Locations        []Location `json:"locations"`
	RelatedLocations []Location `json:"relatedLocations,omitempty"`
	Fixes            []Fix      `json:"fixes,omitempty"`
}

type Location struct {
	ID               *int             `json:"id,omitempty"`
	PhysicalLocation PhysicalLocation `json:"physicalLocation"`
	Message          *Text            `json:"message,omitempty"`
}

type PhysicalLocation struct {
	ArtifactLocation ArtifactLoc `json:"artifactLocation"`
	Region           Region      `json:"region"`
}

type ArtifactLoc struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type Region struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

type Fix struct {
	Description     Text             `json:"description"`
	ArtifactChanges []ArtifactChange `json:"artifactChanges"`
}

type ArtifactChange struct {
	ArtifactLocation ArtifactLoc   `json:"artifactLocation"`
	Replacements     []Replacement `json:"replacements"`
}

type Replacement struct {
	DeletedRegion   ByteRegion `json:"deletedRegion"`
	InsertedContent *Text      `json:"insertedContent,omitempty"`
}

type ByteRegion struct {
	ByteOffset int `json:"byteOffset"`
	ByteLength int `json:"byteLength"`
}

type Invocation struct {
	ExecutionSuccessful        bool           `json:"executionSuccessful"`
	ToolExecutionNotifications []Notification `json:"toolExecutionNotifications,omitempty"`
}

type Notification struct {
	Level   string `json:"level"`
	Message Text   `json:"message"`
}

// Convert turns the driver's -json output into a SARIF log. root is the
// directory that paths are made relative to (the repository top).
func Convert(jsonOut []byte, root, version string) (*Log, error) {
	var tree map[string]map[string]json.RawMessage
	if err := json.Unmarshal(jsonOut, &tree); err != nil {
		return nil, fmt.Errorf("reading the driver's JSON output: %v", err)
	}
	root, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	c := &converter{root: root, lines: make(map[string][]string), ruleIndex: make(map[string]int)}
	for _, r := range suite.Rules {
		c.addRule(r)
	}
	var notes []Notification
	var results []Result
	pkgs := mapKeys(tree)
	for _, pkg := range pkgs {
		analyzers := mapKeys(tree[pkg])
		for _, name := range analyzers {
			raw := tree[pkg][name]
			var diags []jsonDiagnostic
			if err := json.Unmarshal(raw, &diags); err != nil {
				var e struct {
					Error string `json:"error"`
				}
				if json.Unmarshal(raw, &e) == nil && e.Error != "" {
					notes = append(notes, Notification{Level: "error", Message: Text{fmt.Sprintf("%s on %s: %s", name, pkg, e.Error)}})
				}
				continue
			}
			for _, d := range diags {
				results = append(results, c.result(name, d))
			}
		}
	}
	sort.SliceStable(results, func(i, j int) bool {
		a, b := results[i].Locations[0].PhysicalLocation, results[j].Locations[0].PhysicalLocation
		if a.ArtifactLocation.URI != b.ArtifactLocation.URI {
			return a.ArtifactLocation.URI < b.ArtifactLocation.URI
		}
		if a.Region.StartLine != b.Region.StartLine {
			return a.Region.StartLine < b.Region.StartLine
		}
		return a.Region.StartColumn < b.Region.StartColumn
	})
	if results == nil {
		results = []Result{}
	}
	rootURI := "file://" + filepath.ToSlash(root)
	if !strings.HasSuffix(rootURI, "/") {
		rootURI += "/"
	}
	return &Log{
		Schema:  "https://json.schemastore.org/sarif-2.1.0.json",
		Version: "2.1.0",
		Runs: []Run{{
			Tool: Tool{Driver: Driver{
				Name:           "o11ylint",
				Version:        version,
				InformationURI: "https://github.com/o11ylint/o11ylint",
				Rules:          c.rules,
			}},
			OriginalURIBaseIDs: map[string]ArtifactLoc{"%SRCROOT%": {URI: rootURI}},
			Results:            results,
			Invocations:        []Invocation{{ExecutionSuccessful: len(notes) == 0, ToolExecutionNotifications: notes}},
			ColumnKind:         "utf16CodeUnits",
		}},
	}, nil
}

type converter struct {
	root      string
	lines     map[string][]string // file -> lines, for UTF-16 columns
	rules     []RuleDescriptor
	ruleIndex map[string]int
}

func (c *converter) addRule(r suite.Rule) int {
	if i, ok := c.ruleIndex[r.ID()]; ok {
		return i
	}
	desc := RuleDescriptor{
		ID:               r.ID(),
		Name:             r.Name,
		ShortDescription: Text{r.Summary},
		Help:             &Text{r.Summary + ". Documentation: " + r.HelpURI()},
		HelpURI:          r.HelpURI(),
		DefaultConfig:    &RuleConfig{Level: "warning"},
		Properties:       map[string]any{"analyzer": r.Analyzer},
	}
	c.rules = append(c.rules, desc)
	c.ruleIndex[r.ID()] = len(c.rules) - 1
	return len(c.rules) - 1
}

func (c *converter) result(analyzer string, d jsonDiagnostic) Result {
	rule, ok := suite.LookupRule(analyzer, d.Category)
	if !ok {
		rule = suite.Rule{Analyzer: analyzer, Name: d.Category, Summary: analyzer + " " + d.Category}
	}
	idx := c.addRule(rule)
	res := Result{
		RuleID:    rule.ID(),
		RuleIndex: idx,
		Level:     "warning",
		Message:   Text{d.Message},
		Locations: []Location{c.location(d.Posn, d.End, "")},
	}
	for i, r := range d.Related {
		loc := c.location(r.Posn, r.End, r.Message)
		id := i + 1
		loc.ID = &id
		res.RelatedLocations = append(res.RelatedLocations, loc)
	}
	for _, f := range d.SuggestedFixes {
		byFile := make(map[string][]Replacement)
		var files []string
		for _, e := range f.Edits {
			if _, ok := byFile[e.Filename]; !ok {
				files = append(files, e.Filename)
			}
			rep := Replacement{DeletedRegion: ByteRegion{ByteOffset: e.Start, ByteLength: e.End - e.Start}}
			if e.New != "" {
				rep.InsertedContent = &Text{e.New}
			}
			byFile[e.Filename] = append(byFile[e.Filename], rep)
		}
		fix := Fix{Description: Text{f.Message}}
		for _, file := range files {
			fix.ArtifactChanges = append(fix.ArtifactChanges, ArtifactChange{ArtifactLocation: c.artifact(file), Replacements: byFile[file]})
		}
		res.Fixes = append(res.Fixes, fix)
	}
	return res
}

// location converts "file:line:col" positions (columns in bytes) into a
// SARIF location (columns in UTF-16 code units).
func (c *converter) location(posn, end, msg string) Location {
	file, line, col := splitPosn(posn)
	efile, eline, ecol := splitPosn(end)
	reg := Region{StartLine: max(line, 1), StartColumn: c.utf16Col(file, line, col)}
	if efile == file && eline >= line && eline > 0 {
		reg.EndLine = eline
		reg.EndColumn = c.utf16Col(file, eline, ecol)
		if reg.EndLine == reg.StartLine && reg.EndColumn < reg.StartColumn {
			reg.EndColumn = reg.StartColumn
		}
	}
	loc := Location{PhysicalLocation: PhysicalLocation{ArtifactLocation: c.artifact(file), Region: reg}}
	if msg != "" {
		loc.Message = &Text{msg}
	}
	return loc
}

func (c *converter) artifact(file string) ArtifactLoc {
	if rel, err := filepath.Rel(c.root, file); err == nil && !strings.HasPrefix(rel, "..") {
		return ArtifactLoc{URI: filepath.ToSlash(rel), URIBaseID: "%SRCROOT%"}
	}
	return ArtifactLoc{URI: "file://" + filepath.ToSlash(file)}
}

// utf16Col converts a 1-based byte column into a 1-based UTF-16 column.
func (c *converter) utf16Col(file string, line, col int) int {
	if col <= 1 || line <= 0 {
		return max(col, 1)
	}
	lines, ok := c.lines[file]
	if !ok {
		data, err := os.ReadFile(file)
		if err == nil {
			lines = strings.Split(string(data), "\n")
		}
		c.lines[file] = lines
	}
	if line > len(lines) {
		return col
	}
	text := lines[line-1]
	if col-1 > len(text) {
		return col
	}
	return UTF16Len(text[:col-1]) + 1
}

// UTF16Len returns the length of s in UTF-16 code units.
func UTF16Len(s string) int {
	n := 0
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		s = s[size:]
		n += len(utf16.Encode([]rune{r}))
	}
	return n
}

// splitPosn splits "file:line:col" (file may contain colons).
func splitPosn(p string) (file string, line, col int) {
	i := strings.LastIndex(p, ":")
	if i < 0 {
		return p, 0, 0
	}
	j := strings.LastIndex(p[:i], ":")
	if j < 0 {
		return p, 0, 0
	}
	line, err1 := strconv.Atoi(p[j+1 : i])
	col, err2 := strconv.Atoi(p[i+1:])
	if err1 != nil || err2 != nil {
		return p, 0, 0
	}
	return p[:j], line, col
}

func mapKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}
