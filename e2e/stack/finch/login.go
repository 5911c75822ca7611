// `finch login` and `finch logout`, per version and platform.
//
//   - 1.15.0+ on macOS and Windows (cmd/finch/login_local.go): credserver.EnsureConfigExists(~/.finch) first — on
//     macOS it writes `{"auths": null, "credsStore": "osxkeychain"}` when docker-credential-osxkeychain is found on
//     PATH and its `list` succeeds, else `{"auths": null}` (pkg/credserver/utils_darwin.go); a no-op on Windows
//     (utils_windows.go). From 1.15.1 it then sets DOCKER_CONFIG=~/.finch unless the caller set it; 1.15.0 does not,
//     so nerdctl falls back to ~/.docker. ~ is os.UserHomeDir(): %USERPROFILE% on Windows, not %LOCALAPPDATA%.
//     `-p` is accepted with a warning; `-p` with `--password-stdin` is an error.
//   - before 1.15 login is nerdctl inside the VM: it needs the VM running, writes the config.json the VM reads
//     (Finch's folder) and has no host helpers there, only what Finch installed into cred-helpers.
//   - Linux (main_native.go): nerdctl directly, DOCKER_CONFIG or $HOME/.docker; Finch sets nothing.
//
// Success: "Login Succeeded" on stdout, exit 0; a plaintext store warns on stderr first. Failure: exit 1 and
// `time="…" level=fatal msg="…"`. The docker CLI does the registry round trip (a real 401 or 200) and stores through
// the helper; FL_FINCH_REGISTRY_MAP serves hosts that cannot be reached here from a local registry.
package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"

	"encoding/json"
)

const (
	indexServer = "https://index.docker.io/v1/"
	// nerdctl's warning (pkg/cmd/login), with the link Finch puts in its place (login_local.go).
	unencrypted = "WARNING! Your password will be stored unencrypted in %s.\nConfigure a credential helper to remove this warning. See\n" +
		"https://runfinch.com/docs/container-images/authentication/\n"
)

// ---- flags --------------------------------------------------------------------------------------------------------
// parseFlags parses flags the way cobra/pflag would for the flags Finch's login defines.
func parseFlags(args []string, allowed ...string) (map[string]string, []string) {
	isAllowed := func(name string) bool {
		for _, a := range allowed {
			if a == name {
				return true
			}
		}
		return false
	}
	flags := map[string]string{}
	var positional []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			positional = append(positional, args[i+1:]...)
			break
		}
		var name string
		var value *string
		switch {
		case strings.HasPrefix(a, "--"):
			n, v, has := strings.Cut(a[2:], "=")
			name = n
			if has {
				value = &v
			}
		case strings.HasPrefix(a, "-") && len(a) > 1:
			short := map[byte]string{'u': "username", 'p': "password"}[a[1]]
			if short == "" || !isAllowed(short) {
				fatal("unknown shorthand flag: '%c' in %s", a[1], a)
			}
			name = short
			if len(a) > 2 {
				v := strings.TrimPrefix(a[2:], "=")
				value = &v
			}
		default:
			positional = append(positional, a)
			continue
		}
		if !isAllowed(name) {
			fatal("unknown flag: --%s", name)
		}
		if name == "password-stdin" {
			flags[name] = strconv.FormatBool(value == nil || *value == "true")
			continue
		}
		if value == nil {
			if i+1 >= len(args) {
				fatal("flag needs an argument: --%s", name)
			}
			i++
			value = &args[i]
		}
		flags[name] = *value
	}
	return flags, positional
}

// ---- helpers and docker -------------------------------------------------------------------------------------------
func onPath(exe string) string {
	for _, dir := range filepath.SplitList(os.Getenv("PATH")) {
		if dir == "" {
			continue
		}
		candidate := filepath.Join(dir, exe)
		if st, err := os.Stat(candidate); err == nil && !st.IsDir() && syscall.Access(candidate, 1 /* X_OK */) == nil {
			return candidate
		}
	}
	return ""
}

type result struct {
	code           int
	stdout, stderr string
	err            error // the program could not be run (or timed out), as opposed to exiting non-zero
}

func run(timeout time.Duration, env []string, input *string, file string, args ...string) result {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, file, args...)
	cmd.Env = env
	if input != nil {
		cmd.Stdin = strings.NewReader(*input)
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) && ctx.Err() == nil {
		err = nil
	}
	return result{code: cmd.ProcessState.ExitCode(), stdout: stdout.String(), stderr: stderr.String(), err: err}
}

// runDocker runs docker against a config dir.
func runDocker(dir string, input *string, args ...string) result {
	docker := envOr("FL_DOCKER", onPath("docker"))
	if docker == "" {
		fatal("finch stand-in: docker CLI not found on PATH (set FL_DOCKER)")
	}
	res := run(120*time.Second, os.Environ(), input, docker, append([]string{"--config", dir}, args...)...)
	if res.err != nil {
		fatal("finch stand-in: running docker failed: %v", res.err)
	}
	return res
}

var infoLine = regexp.MustCompile(`^time=".*" level=(info|debug)\b`)

// dockerError is docker's stderr minus its own info/debug log lines, as one message.
func dockerError(stderr string) string {
	var lines []string
	for _, l := range strings.Split(stderr, "\n") {
		l = strings.TrimSpace(l)
		if l != "" && !infoLine.MatchString(l) && !strings.HasPrefix(l, "WARNING!") {
			lines = append(lines, l)
		}
	}
	msg := strings.TrimPrefix(strings.Join(lines, " "), "Error response from daemon: ")
	if msg == "" {
		return "docker failed without a message"
	}
	return msg
}

// ---- where a login goes -------------------------------------------------------------------------------------------
func hostLogin() bool { return platform == "linux" || !versionBelow(1, 15, 0) }

// loginConfigDir is the folder whose config.json nerdctl's login uses.
func loginConfigDir() string {
	switch {
	case platform == "linux":
		return envOr("DOCKER_CONFIG", filepath.Join(homeDir(), ".docker"))
	case versionBelow(1, 15, 0):
		return finchDir() // inside the VM, DOCKER_CONFIG is Finch's folder, whatever the host's environment says
	case versionBelow(1, 15, 1):
		return envOr("DOCKER_CONFIG", filepath.Join(homeDir(), ".docker"))
	default:
		return envOr("DOCKER_CONFIG", filepath.Join(homeDir(), ".finch"))
	}
}

// ensureConfigExists is credserver.EnsureConfigExists(~/.finch) on macOS ≥ 1.15 (a no-op on Windows).
func ensureConfigExists() {
	if platform != "darwin" || versionBelow(1, 15, 0) {
		return
	}
	dir := filepath.Join(homeDir(), ".finch")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fatal("failed to create finch directory: %v", err)
	}
	file := filepath.Join(dir, "config.json")
	if _, err := os.Stat(file); err == nil {
		return
	}
	cfg := configFile{}
	helper := envOr("FL_FINCH_KEYCHAIN_HELPER", "secretservice")
	if bin := onPath("docker-credential-" + helper); bin != "" {
		if r := run(10*time.Second, os.Environ(), nil, bin, "list"); r.err == nil && r.code == 0 {
			cfg.CredentialsStore = helper
		}
	}
	data, _ := json.MarshalIndent(&cfg, "", "  ")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		fatal("%v", err)
	}
}

func loginServer(positional []string) string {
	if len(positional) > 1 {
		fatal("accepts at most 1 arg(s), received %d", len(positional))
	}
	if len(positional) == 0 {
		return indexServer
	}
	switch positional[0] {
	case "", "docker.io", "index.docker.io", "registry-1.docker.io":
		return indexServer
	}
	return positional[0]
}

// hostnameOf is the host[:port] of a server address, as a WHATWG URL parser gives it.
func hostnameOf(server string) string {
	s := server
	if !strings.Contains(s, "://") {
		s = "https://" + s
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return server
	}
	host := strings.ToLower(u.Host)
	if u.Scheme == "https" {
		host = strings.TrimSuffix(host, ":443")
	}
	return host
}

func helperFor(cfg *configFile, server string) string {
	if h, ok := cfg.CredentialHelpers[hostnameOf(server)]; ok && h != "" {
		return h
	}
	return cfg.CredentialsStore
}

// ---- login --------------------------------------------------------------------------------------------------------
func login(args []string) {
	if hostLogin() && platform != "linux" {
		ensureConfigExists()
	}
	flags, positional := parseFlags(args, "username", "password", "password-stdin", "namespace")
	username := strings.TrimSpace(flags["username"])
	if strings.Contains(username, ":") {
		fatal("username cannot contain colons")
	}
	password, hasPassword := flags["password"]
	stdin := flags["password-stdin"] == "true"
	if hasPassword && password != "" {
		logLine("warning", "WARNING! Using --password via the CLI is insecure. Use --password-stdin.")
		if stdin {
			fatal("--password and --password-stdin are mutually exclusive")
		}
	}
	if stdin {
		if username == "" {
			fatal("must provide --username with --password-stdin")
		}
		in, err := io.ReadAll(os.Stdin)
		if err != nil {
			fatal("%v", err)
		}
		password = strings.TrimSuffix(strings.TrimSuffix(string(in), "\n"), "\r")
	}
	if username == "" || password == "" {
		// nerdctl would prompt; without a TTY that fails like this.
		fatal("error: Username and Password are required (the stand-in has no prompt)")
	}
	if !hostLogin() {
		requireRunningVM()
	}

	server := loginServer(positional)
	dir := loginConfigDir()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		fatal("%v", err)
	}
	file := filepath.Join(dir, "config.json")
	cfg, _, err := loadConfigFile(file)
	if err != nil {
		fatal("error loading config file %s: %v", file, err)
	}
	helper := helperFor(cfg, server)
	if !hostLogin() && helper != "" {
		inVMHelperFails(helper)
	}
	// Lets tests watch the process table while a login is in flight.
	if delay := os.Getenv("FL_FINCH_LOGIN_DELAY_MS"); delay != "" {
		sleepMs(delay)
	}
	upstream := mappedRegistry(server)
	if upstream == "" {
		upstream = server
	}
	verifyPassword(server, upstream, username, password)
	storeLogin(file, server, username, password)
	if after, _, err := loadConfigFile(file); err == nil && helperFor(after, server) == "" {
		fmt.Fprintf(os.Stderr, unencrypted, file)
	}
	fmt.Println("Login Succeeded")
}

func requireRunningVM() {
	switch readVMState() {
	case "Stopped":
		fatal("instance %q is stopped, run `finch vm start` to start the instance", instance)
	case "Nonexistent":
		fatal("instance %q does not exist, run `finch vm init` to create a new instance", instance)
	}
}

// inVMHelperFails: before 1.15 nerdctl ran in the VM, where no host helper exists; Finch's own ecr-login copy is
// there once installed, and cannot store.
func inVMHelperFails(helper string) {
	if helper == "ecr-login" {
		if _, err := os.Stat(filepath.Join(finchDir(), "cred-helpers", "docker-credential-ecr-login")); err == nil {
			fatal("error saving credentials: error storing credentials - err: exit status 1, out: `not implemented`")
		}
	}
	fatal("error saving credentials: error storing credentials - err: exec: \"docker-credential-%s\": executable file not found in $PATH, out: ``", helper)
}

// ---- registry map: public hosts served by the local test registries -------------------------------------------------
// ECR hosts (123456789012.dkr.ecr.eu-west-1.amazonaws.com), public.ecr.aws and Docker Hub cannot be reached here.
// FL_FINCH_REGISTRY_MAP is JSON {"<host or *.suffix>": "127.0.0.1:PORT"}: a login to a mapped host checks the password
// against the local registry (a real 401 or 200, through docker) and is then stored under the real host.
func mappedRegistry(server string) string {
	raw := os.Getenv("FL_FINCH_REGISTRY_MAP")
	if raw == "" {
		return ""
	}
	dec := json.NewDecoder(strings.NewReader(raw))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		fatal("finch stand-in: FL_FINCH_REGISTRY_MAP is not a JSON object")
	}
	var keys, values []string
	for dec.More() {
		k, err := dec.Token()
		var v string
		if err == nil {
			err = dec.Decode(&v)
		}
		if err != nil {
			fatal("finch stand-in: FL_FINCH_REGISTRY_MAP values must be strings")
		}
		keys, values = append(keys, k.(string)), append(values, v)
	}
	host := hostnameOf(server)
	if server == indexServer {
		host = "docker.io"
	}
	for i, k := range keys {
		if k == host && values[i] != "" {
			return values[i]
		}
	}
	for i, k := range keys { // the first matching wildcard, in the map's order
		if strings.HasPrefix(k, "*.") && strings.HasSuffix(host, k[1:]) {
			return values[i]
		}
	}
	return ""
}

// verifyPassword has the docker CLI log in to the registry (to `upstream`, which serves `server` here) with a
// throwaway plaintext config: only the registry's verdict matters. Storing is storeLogin's, like nerdctl's
// configfile code (the docker CLI's own store would differ: Debian's 20.10 panics on `"auths": null`).
func verifyPassword(server, upstream, username, password string) {
	scratch, err := os.MkdirTemp("", "finch-stand-in-")
	if err != nil {
		fatal("%v", err)
	}
	// A throwaway plaintext config: only the registry's verdict on the password matters here.
	err = os.WriteFile(filepath.Join(scratch, "config.json"), []byte(`{"auths":{"placeholder":{}}}`), 0o600)
	var res result
	if err == nil {
		res = runDocker(scratch, &password, "login", upstream, "-u", username, "--password-stdin")
	}
	os.RemoveAll(scratch)
	if err != nil {
		fatal("%v", err)
	}
	if res.code != 0 {
		msg := dockerError(res.stderr)
		if upstream != server {
			msg = strings.ReplaceAll(msg, upstream, hostnameOf(server))
		}
		fatal("%s", msg)
	}
}

// storeLogin stores the login under the real host the way docker's configfile does: through credHelpers[host] or
// credsStore with the helper's `store` (leaving `"host": {}` in auths), else base64 in auths.
func storeLogin(file, server, username, password string) {
	cfg, _, err := loadConfigFile(file)
	if err != nil {
		fatal("error loading config file %s: %v", file, err)
	}
	if cfg.AuthConfigs == nil {
		cfg.AuthConfigs = map[string]authConfig{}
	}
	if helper := helperFor(cfg, server); helper != "" {
		bin := onPath("docker-credential-" + helper)
		if bin == "" {
			fatal("error saving credentials: error storing credentials - err: exec: \"docker-credential-%s\": executable file not found in $PATH, out: ``", helper)
		}
		input := string(marshal(struct{ ServerURL, Username, Secret string }{server, username, password}))
		r := run(30*time.Second, os.Environ(), &input, bin, "store")
		if r.err != nil || r.code != 0 {
			out := strings.TrimSpace(r.stdout)
			if out == "" {
				out = strings.TrimSpace(r.stderr)
			}
			fatal("error saving credentials: error storing credentials - err: exit status %d, out: `%s`", r.code, out)
		}
		// docker/cli's file store skips Save when the entry is already exactly the blanked one (cli/config/credentials/
		// file_store.go: "Credentials didn't change, so skip updating the configuration file"): a repeated
		// helper-backed login leaves config.json untouched.
		if prev, ok := cfg.AuthConfigs[server]; ok && prev == (authConfig{}) {
			return
		}
		cfg.AuthConfigs[server] = authConfig{}
	} else {
		cfg.AuthConfigs[server] = authConfig{Auth: base64.StdEncoding.EncodeToString([]byte(username + ":" + password))}
	}
	if err := cfg.save(file); err != nil {
		fatal("error saving credentials: %v", err)
	}
}

// ---- logout -------------------------------------------------------------------------------------------------------
// cmd/finch/logout (a copy of nerdctl's): logout.Logout erases through the host's helper (or the file) and drops the
// auths entry. An erase error logs `level=error msg="Failed to erase credentials for: HOST" error="…"` and is then
// fatal; a plaintext host with no entry logs "None of the following entries could be found" and exits 0.
func logout(args []string) {
	if hostLogin() && platform != "linux" {
		ensureConfigExists()
	}
	_, positional := parseFlags(args)
	server := loginServer(positional)
	if !hostLogin() {
		requireRunningVM()
	}
	file := filepath.Join(loginConfigDir(), "config.json")
	cfg, _, err := loadConfigFile(file)
	if err != nil {
		fatal("error loading config file %s: %v", file, err)
	}
	key := server
	if _, ok := cfg.AuthConfigs[key]; !ok {
		if _, ok := cfg.AuthConfigs[hostnameOf(server)]; ok {
			key = hostnameOf(server)
		}
	}
	_, inFile := cfg.AuthConfigs[key]
	if helper := helperFor(cfg, server); helper != "" {
		failed := func(why string) {
			logLine("error", "Failed to erase credentials for: "+positionalOr(positional), "error", why)
			fatal("%s", why)
		}
		bin := onPath("docker-credential-" + helper)
		if bin == "" || (!hostLogin() && helper != "ecr-login") {
			failed(fmt.Sprintf("error erasing credentials - err: exec: \"docker-credential-%s\": executable file not found in $PATH, out: ``", helper))
		}
		input := server
		r := run(30*time.Second, os.Environ(), &input, bin, "erase")
		if r.err != nil || r.code != 0 {
			failed(fmt.Sprintf("error erasing credentials - err: exit status %d, out: `%s`", r.code, strings.TrimSpace(r.stdout)))
		}
	} else if !inFile {
		logLine("error", "None of the following entries could be found")
		logLine("error", server)
		return
	}
	if inFile {
		delete(cfg.AuthConfigs, key)
		if err := cfg.save(file); err != nil {
			fatal("%v", err)
		}
	}
}

func positionalOr(p []string) string {
	if len(p) > 0 {
		return p[0]
	}
	return ""
}
