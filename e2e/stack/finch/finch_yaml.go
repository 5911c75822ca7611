// finch.yaml as Finch treats it on every command (pkg/config/config.go Load, tag v1.18.0; the same in 1.14.1–1.17.2):
//
//   - missing: log `Using default values due to missing config file at "…"`, create the folder if needed
//     (ensureConfigDir: Mkdir 0700, so its parent must exist), write the defaults;
//   - present: yaml.Unmarshal into config.Finch — an error is fatal for the command: `failed to load config: failed
//     to unmarshal config file: yaml: …` (main_remote.go / main_native.go wrap it) — then apply the defaults and
//     write the result back in place (afero.WriteFile, O_TRUNC, 0600 for a new file), even when nothing changed:
//     comments and keys Finch does not know are dropped and the modification time moves on every run.
//   - Linux (main_native.go): a permission error only warns (`You may need to be root or use sudo`).
//
// Go's standard library has no YAML parser, so this reads the subset finch.yaml files use (top-level `key: value`,
// flow `[a, b]` and block `- a` lists, one nested block kept verbatim) and treats anything else as the parse error
// yaml.v3 would report. Keys and types are config.Finch's per platform (pkg/config/config_darwin.go,
// config_windows.go, config_native.go); defaults are pkg/config/defaults_darwin.go's fallbacks (cpus: half the
// CPUs, at least 2; memory 2GiB here, since the stand-in does not read the machine's memory; vmType vz;
// creds_helpers [osxkeychain] when empty), defaults_windows.go's (vmType wsl2) and none on Linux.
package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
)

type yamlKind int

const (
	kindScalar yamlKind = iota
	kindList            // list of scalars
	kindBlock           // anything nested (additional_directories, experimental): kept verbatim
)

type yamlValue struct {
	kind   yamlKind
	scalar string
	list   []string
	block  []string // the nested lines, indentation normalised to 4 spaces per level
	line   int
}

type fieldType int

const (
	tString fieldType = iota
	tInt
	tBool
	tStrings
	tNested
)

type field struct {
	key string
	typ fieldType
}

// The fields of config.Finch in yaml.Marshal order (struct order, inline structs flattened).
var darwinFields = []field{
	{"cpus", tInt}, {"memory", tString}, {"additional_directories", tNested}, {"rosetta", tBool},
	{"bootdisk", tString}, {"datadisk", tString}, {"vmnet", tBool}, {"vmType", tString}, {"auto_vm_start", tBool},
	{"snapshotters", tStrings}, {"creds_helpers", tStrings}, {"experimental", tNested}, {"dockercompat", tBool},
}
var windowsFields = []field{
	{"vmType", tString}, {"auto_vm_start", tBool},
	{"snapshotters", tStrings}, {"creds_helpers", tStrings}, {"experimental", tNested}, {"dockercompat", tBool},
}
var linuxFields = []field{{"snapshotters", tStrings}, {"creds_helpers", tStrings}, {"experimental", tNested}, {"dockercompat", tBool}}

func platformFields() []field {
	switch platform {
	case "windows":
		return windowsFields
	case "linux":
		return linuxFields
	default:
		return darwinFields
	}
}

type yamlError struct{ msg string }

func (e *yamlError) Error() string { return e.msg }

func yamlErr(line int, format string, args ...any) error {
	return &yamlError{fmt.Sprintf("yaml: line %d: %s", line, fmt.Sprintf(format, args...))}
}

func unmarshalErr(line int, format string, args ...any) error {
	return &yamlError{fmt.Sprintf("yaml: unmarshal errors:\n  line %d: %s", line, fmt.Sprintf(format, args...))}
}

// stripComment drops a `#` comment that starts a line or follows a space, outside quotes.
func stripComment(s string) string {
	var quote rune
	for i, r := range s {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			}
		case r == '"' || r == '\'':
			quote = r
		case r == '#' && (i == 0 || s[i-1] == ' ' || s[i-1] == '\t'):
			return strings.TrimRight(s[:i], " \t")
		}
	}
	return strings.TrimRight(s, " \t")
}

func unquote(s string, line int) (string, error) {
	if strings.HasPrefix(s, `"`) {
		v, err := strconv.Unquote(s)
		if err != nil {
			return "", yamlErr(line, "found unexpected end of stream")
		}
		return v, nil
	}
	if strings.HasPrefix(s, "'") {
		if len(s) < 2 || !strings.HasSuffix(s, "'") {
			return "", yamlErr(line, "found unexpected end of stream")
		}
		return strings.ReplaceAll(s[1:len(s)-1], "''", "'"), nil
	}
	if strings.ContainsAny(s[:1], "[]{},&*!|>%@`") {
		return "", yamlErr(line, "did not find expected node content")
	}
	return s, nil
}

func parseFlowList(s string, line int) ([]string, error) {
	if !strings.HasSuffix(s, "]") {
		return nil, yamlErr(line, "did not find expected ',' or ']'")
	}
	inner := strings.TrimSpace(s[1 : len(s)-1])
	if inner == "" {
		return []string{}, nil
	}
	var out []string
	for _, part := range strings.Split(inner, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			return nil, yamlErr(line, "did not find expected node content")
		}
		v, err := unquote(part, line)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

var keyLine = regexp.MustCompile(`^("(?:[^"\\]|\\.)*"|'[^']*'|[^\s:#'"][^:#]*?)\s*:(?:\s+(.*)|)$`)

type yamlDoc struct {
	keys   []string
	values map[string]yamlValue
}

func parseFinchYaml(text string) (*yamlDoc, error) {
	doc := &yamlDoc{values: map[string]yamlValue{}}
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	for i := 0; i < len(lines); i++ {
		n := i + 1
		raw := lines[i]
		if strings.HasPrefix(strings.TrimLeft(raw, " "), "\t") {
			return nil, yamlErr(n, "found character that cannot start any token")
		}
		line := stripComment(raw)
		if strings.TrimSpace(line) == "" || strings.TrimSpace(line) == "---" {
			continue
		}
		if line != strings.TrimLeft(line, " ") {
			return nil, yamlErr(n, "did not find expected <document start>")
		}
		if strings.HasPrefix(line, "- ") || line == "-" {
			return nil, unmarshalErr(n, "cannot unmarshal !!seq into config.Finch")
		}
		m := keyLine.FindStringSubmatch(line)
		if m == nil {
			if len(doc.keys) == 0 && i == len(lines)-1 || strings.Count(text, ":") == 0 {
				return nil, unmarshalErr(n, "cannot unmarshal !!str `%s` into config.Finch", strings.TrimSpace(line))
			}
			return nil, yamlErr(n, "could not find expected ':'")
		}
		key, err := unquote(m[1], n)
		if err != nil {
			return nil, err
		}
		if first, dup := doc.values[key]; dup {
			return nil, yamlErr(n, "mapping key %q already defined at line %d", key, first.line)
		}
		rest := strings.TrimSpace(m[2])
		val := yamlValue{line: n}
		switch {
		case strings.HasPrefix(rest, "["):
			list, err := parseFlowList(rest, n)
			if err != nil {
				return nil, err
			}
			val.kind, val.list = kindList, list
		case rest == "{}":
			val.kind = kindBlock
		case strings.HasPrefix(rest, "{"):
			return nil, yamlErr(n, "did not find expected ',' or '}'")
		case rest != "":
			s, err := unquote(rest, n)
			if err != nil {
				return nil, err
			}
			val.kind, val.scalar = kindScalar, s
		default:
			// A nested block: the indented lines that follow (a sequence may also start at column 0).
			var nested []int
			for j := i + 1; j < len(lines); j++ {
				l := stripComment(lines[j])
				if strings.TrimSpace(l) == "" {
					continue
				}
				if strings.HasPrefix(strings.TrimLeft(lines[j], " "), "\t") {
					return nil, yamlErr(j+1, "found character that cannot start any token")
				}
				if !strings.HasPrefix(l, " ") && !strings.HasPrefix(l, "- ") {
					break
				}
				nested = append(nested, j)
				i = j
			}
			if len(nested) == 0 {
				val.kind = kindScalar // `key:` alone is null
				break
			}
			isList := true
			var items, block []string
			base := len(lines[nested[0]]) - len(strings.TrimLeft(lines[nested[0]], " "))
			for _, j := range nested {
				l := stripComment(lines[j])
				indent := len(l) - len(strings.TrimLeft(l, " "))
				if indent < base {
					return nil, yamlErr(j+1, "did not find expected key")
				}
				body := strings.TrimLeft(l, " ")
				block = append(block, strings.Repeat(" ", 4+indent-base)+body)
				if indent == base {
					if !strings.HasPrefix(body, "- ") {
						isList = false
						continue
					}
					item := strings.TrimSpace(body[2:])
					if keyLine.MatchString(item) {
						isList = false
						continue
					}
					v, err := unquote(item, j+1)
					if err != nil {
						return nil, err
					}
					items = append(items, v)
				} else {
					isList = false
				}
			}
			if isList {
				val.kind, val.list = kindList, items
			} else {
				val.kind, val.block = kindBlock, block
			}
		}
		doc.keys = append(doc.keys, key)
		doc.values[key] = val
	}
	return doc, nil
}

// decodeFinch applies config.Finch's field types, as yaml.Unmarshal would: unknown keys are ignored.
func decodeFinch(doc *yamlDoc) (map[string]yamlValue, error) {
	out := map[string]yamlValue{}
	for _, f := range platformFields() {
		v, ok := doc.values[f.key]
		if !ok || (v.kind == kindScalar && v.scalar == "" && f.typ != tString) {
			continue
		}
		switch f.typ {
		case tStrings:
			if v.kind != kindList {
				return nil, unmarshalErr(v.line, "cannot unmarshal !!str `%s` into []string", v.scalar)
			}
		case tInt:
			if _, err := strconv.Atoi(v.scalar); v.kind != kindScalar || err != nil {
				return nil, unmarshalErr(v.line, "cannot unmarshal !!str `%s` into int", v.scalar)
			}
		case tBool:
			if _, err := strconv.ParseBool(v.scalar); v.kind != kindScalar || err != nil {
				return nil, unmarshalErr(v.line, "cannot unmarshal !!str `%s` into bool", v.scalar)
			}
		case tString:
			if v.kind != kindScalar {
				return nil, unmarshalErr(v.line, "cannot unmarshal !!seq into string")
			}
		}
		out[f.key] = v
	}
	return out, nil
}

func applyDefaults(cfg map[string]yamlValue) {
	def := func(key, value string) {
		if _, ok := cfg[key]; !ok {
			cfg[key] = yamlValue{kind: kindScalar, scalar: value}
		}
	}
	switch platform {
	case "darwin":
		cpus := (runtime.NumCPU() + 1) / 2
		if cpus < 2 {
			cpus = 2
		}
		def("cpus", strconv.Itoa(cpus))
		def("memory", "2GiB")
		def("vmType", "vz")
		def("rosetta", "false")
		if v, ok := cfg["creds_helpers"]; !ok || len(v.list) == 0 {
			cfg["creds_helpers"] = yamlValue{kind: kindList, list: []string{"osxkeychain"}}
		}
		def("bootdisk", "100GiB")
		def("datadisk", "50GiB")
	case "windows":
		def("vmType", "wsl2")
	}
}

var plainScalar = regexp.MustCompile(`^[A-Za-z0-9/~.][A-Za-z0-9._/~:-]*$`)

func emitScalar(s string) string {
	if plainScalar.MatchString(s) {
		return s
	}
	return strconv.Quote(s)
}

// marshalFinch writes the fields in struct order, as yaml.v3 does (4-space indent, omitempty).
func marshalFinch(cfg map[string]yamlValue) string {
	var b strings.Builder
	for _, f := range platformFields() {
		v, ok := cfg[f.key]
		if !ok {
			continue
		}
		switch v.kind {
		case kindScalar:
			if v.scalar == "" {
				continue
			}
			fmt.Fprintf(&b, "%s: %s\n", f.key, emitScalar(v.scalar))
		case kindList:
			if len(v.list) == 0 {
				continue
			}
			fmt.Fprintf(&b, "%s:\n", f.key)
			for _, item := range v.list {
				fmt.Fprintf(&b, "    - %s\n", emitScalar(item))
			}
		case kindBlock:
			if len(v.block) == 0 {
				continue
			}
			fmt.Fprintf(&b, "%s:\n%s\n", f.key, strings.Join(v.block, "\n"))
		}
	}
	if b.Len() == 0 {
		return "{}\n"
	}
	return b.String()
}

func finchYamlPath() string { return filepath.Join(finchDir(), "finch.yaml") }

// finchConfig is what the command runs with: the parsed settings after defaults.
var finchConfig map[string]yamlValue

func credsHelpers() []string { return finchConfig["creds_helpers"].list }

func loadFinchYaml() {
	if platform == "linux" && os.Getenv("FL_FINCH_ROOT") == "" {
		fatal("finch stand-in: set FL_FINCH_ROOT when FL_FINCH_PLATFORM=linux, so /etc/finch of this machine is never written")
	}
	err := loadFinchYamlFrom(finchYamlPath())
	if err == nil {
		return
	}
	if platform == "linux" && errors.Is(err, fs.ErrPermission) {
		logLine("warning", fmt.Sprintf("Failed to load config, using default values. You may need to be root or use sudo. (%s)", err))
		finchConfig = map[string]yamlValue{}
		return
	}
	fatal("failed to load config: %v", err)
}

func loadFinchYamlFrom(file string) error {
	data, err := os.ReadFile(file)
	if errors.Is(err, fs.ErrNotExist) {
		logLine("info", fmt.Sprintf("Using default values due to missing config file at %q", file))
		finchConfig = map[string]yamlValue{}
		applyDefaults(finchConfig)
		dir := filepath.Dir(file)
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			logLine("info", fmt.Sprintf("%q directory doesn't exist, attempting to create it", dir))
			if err := os.Mkdir(dir, 0o700); err != nil {
				return fmt.Errorf("failed to ensure %q directory: failed to create config directory: %w", file, err)
			}
		}
		if err := os.WriteFile(file, []byte(marshalFinch(finchConfig)), 0o600); err != nil {
			logLine("warning", fmt.Sprintf("Could not save default values to %q: %v", file, err))
		}
		return nil
	}
	if err != nil {
		return fmt.Errorf("failed to read the config file: %w", err)
	}
	doc, err := parseFinchYaml(string(data))
	if err == nil {
		finchConfig, err = decodeFinch(doc)
	}
	if err != nil {
		return fmt.Errorf("failed to unmarshal config file: %w", err)
	}
	applyDefaults(finchConfig)
	if err := os.WriteFile(file, []byte(marshalFinch(finchConfig)), 0o600); err != nil {
		return fmt.Errorf("failed to write to config file: %w", err)
	}
	return nil
}
