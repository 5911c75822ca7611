// config.json the way the Go code around Finch handles it.
//
//   - docker/cli cli/config/configfile/file.go (what nerdctl's login and logout use): ConfigFile has a fixed set of
//     keys, so unknown top-level keys are dropped on save; `auths` has no omitempty, so a nil map is written as
//     `"auths": null`; Save() writes a temp file in the same folder and renames it over the file (following a
//     symlink, copying the old file's mode), and takes no lock. MarshalIndent with a tab.
//   - Finch's credserver.EnsureConfigExists (pkg/credserver/utils_darwin.go, v1.15.0+): a new config.json is
//     json.MarshalIndent(&configfile.ConfigFile{…}, "", "  ") → `{"auths": null}` or with credsStore.
//   - Finch's credhelper updateConfigFile (pkg/dependency/credhelper/cred_helper_binary.go): json.Unmarshal into
//     ConfigFile, set credsStore, json.Marshal (compact), written in place (O_TRUNC, 0600 for a new file).
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

type authConfig struct {
	Username      string `json:"username,omitempty"`
	Password      string `json:"password,omitempty"`
	Auth          string `json:"auth,omitempty"`
	Email         string `json:"email,omitempty"`
	ServerAddress string `json:"serveraddress,omitempty"`
	IdentityToken string `json:"identitytoken,omitempty"`
	RegistryToken string `json:"registrytoken,omitempty"`
}

// configFile mirrors docker/cli's ConfigFile field for field (same JSON names, order and omitempty); the fields the
// stand-in never reads are kept as raw JSON so that they survive a save as they would in docker.
type configFile struct {
	AuthConfigs          map[string]authConfig `json:"auths"`
	HTTPHeaders          json.RawMessage       `json:"HttpHeaders,omitempty"`
	PsFormat             string                `json:"psFormat,omitempty"`
	ImagesFormat         string                `json:"imagesFormat,omitempty"`
	NetworksFormat       string                `json:"networksFormat,omitempty"`
	PluginsFormat        string                `json:"pluginsFormat,omitempty"`
	VolumesFormat        string                `json:"volumesFormat,omitempty"`
	StatsFormat          string                `json:"statsFormat,omitempty"`
	DetachKeys           string                `json:"detachKeys,omitempty"`
	CredentialsStore     string                `json:"credsStore,omitempty"`
	CredentialHelpers    map[string]string     `json:"credHelpers,omitempty"`
	ServiceInspectFormat string                `json:"serviceInspectFormat,omitempty"`
	ServicesFormat       string                `json:"servicesFormat,omitempty"`
	TasksFormat          string                `json:"tasksFormat,omitempty"`
	SecretFormat         string                `json:"secretFormat,omitempty"`
	ConfigFormat         string                `json:"configFormat,omitempty"`
	NodesFormat          string                `json:"nodesFormat,omitempty"`
	PruneFilters         json.RawMessage       `json:"pruneFilters,omitempty"`
	Proxies              json.RawMessage       `json:"proxies,omitempty"`
	CurrentContext       string                `json:"currentContext,omitempty"`
	CLIPluginsExtraDirs  json.RawMessage       `json:"cliPluginsExtraDirs,omitempty"`
	Plugins              json.RawMessage       `json:"plugins,omitempty"`
	Aliases              json.RawMessage       `json:"aliases,omitempty"`
	Features             json.RawMessage       `json:"features,omitempty"`
	Experimental         string                `json:"experimental,omitempty"`
}

// loadConfigFile reads DIR/config.json like configfile.LoadFromReader: missing → empty; a JSON or type error is
// returned (docker and nerdctl then fail the command).
func loadConfigFile(file string) (*configFile, bool, error) {
	cfg := &configFile{}
	data, err := os.ReadFile(file)
	if errors.Is(err, fs.ErrNotExist) {
		return cfg, false, nil
	}
	if err != nil {
		return nil, true, err
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return cfg, true, nil
	}
	if err := json.Unmarshal(data, cfg); err != nil {
		return nil, true, err
	}
	return cfg, true, nil
}

// marshal encodes like Go's json.Marshal, without HTML escaping and the trailing newline of an Encoder.
func marshal(v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		fatal("finch stand-in: %v", err)
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

// save is configfile.Save: temp file in the same folder, the old file's mode copied, rename over the target
// (the target of a symlink). No lock: parallel saves lose each other's changes, as with docker.
func (c *configFile) save(file string) error {
	dir := filepath.Dir(file)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	data, err := json.MarshalIndent(c, "", "\t")
	if err != nil {
		return err
	}
	temp, err := os.CreateTemp(dir, filepath.Base(file))
	if err != nil {
		return err
	}
	_, err = temp.Write(data)
	if cerr := temp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(temp.Name())
		return err
	}
	target := file
	if resolved, err := filepath.EvalSymlinks(file); err == nil {
		target = resolved
	}
	if st, err := os.Stat(target); err == nil {
		_ = os.Chmod(temp.Name(), st.Mode().Perm())
	}
	return os.Rename(temp.Name(), target)
}
