// A `finch` stand-in for tests: behaves like Finch ≥ 1.15 on macOS as far as Finch Logins can see
// (see /work/shared/design/FACTS.md), with the docker CLI as the real login engine, so logins really hit the
// test registry and really store through config.json's credsStore/credHelpers (e.g. the Secret Service keyring).
// It is written in Go, like Finch, so it starts as fast as Finch does: the Node script it replaces spent ~20 ms of
// CPU starting, most of a login's cost here, which distorted bench/login.mjs. with-stack.sh builds it and exports its
// path as FL_FINCH.
//
//	finch --version                      → "finch version v1.19.0"   (env FL_FINCH_VERSION overrides, e.g. 1.14.2)
//	finch vm status|start|stop|init|remove
//	     state lives in the file $FL_FINCH_VM_STATE (Running | Stopped | Nonexistent; unset or missing → Running);
//	     transitions log Finch's own messages on stderr and take $FL_FINCH_VM_DELAY_MS (default 300) ms.
//	finch login [SERVER] -u|--username U --password-stdin
//	     → docker --config DIR login SERVER -u U --password-stdin, DIR = $DOCKER_CONFIG or $HOME/.finch.
//	     Success: exit 0, "Login Succeeded" on stdout. Failure: exit 1, `time="…" level=fatal msg="…"` on stderr
//	     carrying docker's error (e.g. "… 401 Unauthorized").
//	     -p/--password is REFUSED (fatal) so tests can prove the app never puts a password on argv.
//	finch logout [SERVER]                → docker --config DIR logout SERVER; prints nothing on success.
//	anything else                        → exit 1 with a fatal line.
//
// Finch behaviours reproduced on purpose (they are what the app has to cope with):
//   - Before a login, if $HOME/.finch/config.json does not exist, Finch creates it: {"credsStore":"osxkeychain"} when
//     the keychain helper is on PATH and `list` works, else {} (plaintext). Here the platform keychain helper is
//     $FL_FINCH_KEYCHAIN_HELPER (default "secretservice"). Version 1.18.0 always writes {} (finch #1785: the helper
//     moved off PATH and logins silently went plaintext).
//   - nerdctl stores in plaintext when config.json names no helper for the host, and then prints its
//     "WARNING: Your password will be stored unencrypted in …" on stdout. Docker instead auto-detects a helper when
//     config.json has no auth settings at all, so in that case docker runs with a PATH that hides helpers.
//   - Finch < 1.15 ran `login` inside the VM: it fails unless `vm status` is Running.
//
// Other knobs: FL_FINCH_LOGIN_DELAY_MS (pause before logging in, so tests can sample the process table); FL_DOCKER
// (docker binary, default `docker` on PATH); FL_FINCH_LOG (append one JSON line per invocation: argv, DOCKER_CONFIG,
// HOME — never stdin) so tests can check how the app called finch.
package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
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
)

const (
	instance    = "finch"
	indexServer = "https://index.docker.io/v1/"
	unencrypted = "WARNING: Your password will be stored unencrypted in %s.\nConfigure a credential helper to remove this warning. See\n" +
		"https://docs.docker.com/engine/reference/commandline/login/#credentials-store\n"
)

var version = normalizeVersion(envOr("FL_FINCH_VERSION", "v1.19.0"))

func envOr(name, fallback string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return fallback
}

// ---- output in Finch's (logrus) format ----------------------------------------------------------------------------
// logrus' text formatter without a TTY: time="RFC3339" level=x msg=value, value quoted with %q when it has anything
// beyond [A-Za-z0-9-._/@^+].
var bareValue = regexp.MustCompile(`^[A-Za-z0-9\-._/@^+]+$`)

func logfmtValue(v string) string {
	if bareValue.MatchString(v) {
		return v
	}
	return strconv.Quote(v)
}

func logLine(level, msg string) {
	now := time.Now().UTC().Format(time.RFC3339)
	fmt.Fprintf(os.Stderr, "time=%s level=%s msg=%s\n", logfmtValue(now), level, logfmtValue(msg))
}

func fatal(format string, args ...any) {
	logLine("fatal", fmt.Sprintf(format, args...))
	os.Exit(1)
}

func normalizeVersion(v string) string {
	if strings.HasPrefix(v, "v") {
		return v
	}
	return "v" + v
}

func versionBelow(major, minor int) bool {
	m := regexp.MustCompile(`^v(\d+)\.(\d+)`).FindStringSubmatch(version)
	if m == nil {
		return false
	}
	maj, _ := strconv.Atoi(m[1])
	mnr, _ := strconv.Atoi(m[2])
	return maj < major || (maj == major && mnr < minor)
}

func sleepMs(ms string) {
	n, _ := strconv.Atoi(ms)
	time.Sleep(time.Duration(n) * time.Millisecond)
}

// ---- VM state -----------------------------------------------------------------------------------------------------
var vmStates = []string{"Running", "Stopped", "Nonexistent"}

func readVMState() string {
	file := os.Getenv("FL_FINCH_VM_STATE")
	if file == "" {
		return "Running"
	}
	data, err := os.ReadFile(file)
	if errors.Is(err, os.ErrNotExist) {
		return "Running"
	}
	if err != nil {
		fatal("finch stand-in: %v", err)
	}
	text := strings.TrimSpace(string(data))
	for _, s := range vmStates {
		if strings.EqualFold(s, text) {
			return s
		}
	}
	fatal("instance state of %q is unknown", instance)
	return ""
}

// transition logs Finch's messages around a state change that takes FL_FINCH_VM_DELAY_MS (default 300) ms.
func transition(before, after, state string) {
	file := os.Getenv("FL_FINCH_VM_STATE")
	if file == "" {
		fatal("finch stand-in: set FL_FINCH_VM_STATE to a file path so `finch vm` can change the VM state")
	}
	logLine("info", before)
	delay, set := os.LookupEnv("FL_FINCH_VM_DELAY_MS")
	if !set {
		delay = "300"
	}
	sleepMs(delay)
	if err := os.WriteFile(file, []byte(state+"\n"), 0o666); err != nil {
		fatal("finch stand-in: %v", err)
	}
	logLine("info", after)
}

func vm(args []string) {
	sub := ""
	force := false
	if len(args) > 0 {
		sub = args[0]
		for _, a := range args[1:] {
			force = force || a == "-f" || a == "--force"
		}
	}
	state := readVMState()
	switch sub {
	case "status":
		fmt.Println(state)
	case "start":
		if state == "Nonexistent" {
			fatal("the instance %q does not exist, run `finch vm init` to create a new instance", instance)
		}
		if state == "Running" {
			fatal("the instance %q is already running", instance)
		}
		transition("Starting existing Finch virtual machine...", "Finch virtual machine started successfully", "Running")
	case "stop":
		if !force && state == "Nonexistent" {
			fatal("the instance %q does not exist", instance)
		}
		if !force && state == "Stopped" {
			fatal("the instance %q is already stopped", instance)
		}
		msg, next := "Stopping existing Finch virtual machine...", "Stopped"
		if force {
			msg = "Forcibly stopping Finch virtual machine..."
		}
		if state == "Nonexistent" {
			next = "Nonexistent"
		}
		transition(msg, "Finch virtual machine stopped successfully", next)
	case "init":
		if state != "Nonexistent" {
			fatal("the instance %q already exists, run `finch vm start` to start the instance", instance)
		}
		transition("Initializing and starting Finch virtual machine...", "Finch virtual machine started successfully", "Running")
	case "remove":
		if state == "Nonexistent" {
			fatal("the instance %q does not exist", instance)
		}
		if state == "Running" && !force {
			fatal("the instance %q is running, run `finch vm stop` to stop the instance first", instance)
		}
		transition("Removing existing Finch virtual machine...", "Finch virtual machine removed successfully", "Nonexistent")
	default:
		fatal("finch stand-in: unsupported command \"vm %s\"", sub)
	}
}

// ---- flags --------------------------------------------------------------------------------------------------------
// parseFlags parses login/logout flags the way cobra/pflag would for the flags Finch's login defines.
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

// ---- JSON that keeps its key order --------------------------------------------------------------------------------
// object is a JSON object whose keys stay in file order, so a rewrite of config.json changes only what it means to
// (as Finch's own Go code does when it edits config.json through docker's configfile package).
type object struct {
	keys   []string
	values map[string]json.RawMessage
}

func newObject() *object { return &object{values: map[string]json.RawMessage{}} }

func parseObject(data []byte) (*object, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, errors.New("not a JSON object")
	}
	o := newObject()
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, err
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, err
		}
		o.set(t.(string), raw)
	}
	if _, err := dec.Token(); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("trailing data after the JSON object")
	}
	return o, nil
}

func (o *object) set(key string, value json.RawMessage) {
	if _, ok := o.values[key]; !ok {
		o.keys = append(o.keys, key)
	}
	o.values[key] = value
}

func (o *object) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, k := range o.keys {
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(marshal(k))
		b.WriteByte(':')
		b.Write(o.values[k])
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// marshal encodes like JSON.stringify: no HTML escaping, no trailing newline.
func marshal(v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		fatal("finch stand-in: %v", err)
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

// indented is JSON.stringify(v, null, indent).
func indented(v any, indent string) []byte {
	var b bytes.Buffer
	if err := json.Indent(&b, marshal(v), "", indent); err != nil {
		fatal("finch stand-in: %v", err)
	}
	return b.Bytes()
}

// ---- config.json ----------------------------------------------------------------------------------------------------
type authSettings struct {
	CredsStore  string                     `json:"credsStore"`
	CredHelpers map[string]string          `json:"credHelpers"`
	Auths       map[string]json.RawMessage `json:"auths"`
}

// readConfig reads DIR/config.json; a missing or broken file reads as {} (docker reports a broken one itself).
func readConfig(dir string) (*object, authSettings) {
	var settings authSettings
	data, err := os.ReadFile(filepath.Join(dir, "config.json"))
	if err != nil {
		return newObject(), settings
	}
	o, err := parseObject(data)
	if err != nil {
		return newObject(), settings
	}
	// A setting of the wrong type stays empty; the others still count, and every key is kept for the rewrite.
	_ = json.Unmarshal(data, &settings)
	return o, settings
}

func homeDir() string {
	if h := os.Getenv("HOME"); h != "" {
		return h
	}
	h, _ := os.UserHomeDir()
	return h
}

func configDir() string {
	return envOr("DOCKER_CONFIG", filepath.Join(homeDir(), ".finch"))
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

// ---- running docker and helpers -------------------------------------------------------------------------------------
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

// runDocker runs docker against the config dir. When config.json names no credential helper and holds no auths,
// docker would auto-detect a platform helper where nerdctl writes plaintext; hide the helpers (docker itself is
// called by absolute path) so the file store is used, as with Finch.
func runDocker(dir string, input *string, args ...string) result {
	_, settings := readConfig(dir)
	docker := envOr("FL_DOCKER", onPath("docker"))
	if docker == "" {
		fatal("finch stand-in: docker CLI not found on PATH (set FL_DOCKER)")
	}
	env := os.Environ()
	if settings.CredsStore == "" && len(settings.CredHelpers) == 0 && len(settings.Auths) == 0 {
		env = append(env, "PATH="+filepath.Join(os.TempDir(), "finch-stand-in-no-helpers"))
	}
	res := run(120*time.Second, env, input, docker, append([]string{"--config", dir}, args...)...)
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
		if l != "" && !infoLine.MatchString(l) {
			lines = append(lines, l)
		}
	}
	msg := strings.TrimPrefix(strings.Join(lines, " "), "Error response from daemon: ")
	if msg == "" {
		return "docker failed without a message"
	}
	return msg
}

// ---- login / logout -----------------------------------------------------------------------------------------------
// ensureFinchConfigExists: Finch (macOS) creates ~/.finch/config.json before a login when it is missing.
func ensureFinchConfigExists() {
	finchDir := filepath.Join(homeDir(), ".finch")
	file := filepath.Join(finchDir, "config.json")
	if _, err := os.Stat(file); err == nil {
		return
	}
	if err := os.MkdirAll(finchDir, 0o777); err != nil {
		fatal("finch stand-in: %v", err)
	}
	helper := envOr("FL_FINCH_KEYCHAIN_HELPER", "secretservice")
	config := map[string]string{}
	if version != "v1.18.0" {
		if bin := onPath("docker-credential-" + helper); bin != "" {
			if r := run(10*time.Second, os.Environ(), nil, bin, "list"); r.err == nil && r.code == 0 {
				config["credsStore"] = helper
			}
		}
	}
	if err := os.WriteFile(file, append(indented(config, "  "), '\n'), 0o666); err != nil {
		fatal("finch stand-in: %v", err)
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

func login(args []string) {
	flags, positional := parseFlags(args, "username", "password", "password-stdin", "namespace")
	if _, ok := flags["password"]; ok {
		fatal("finch stand-in: refusing -p/--password on the command line; pass the password with --password-stdin")
	}
	username := strings.TrimSpace(flags["username"])
	if strings.Contains(username, ":") {
		fatal("username cannot contain colons")
	}
	if flags["password-stdin"] != "true" {
		// nerdctl would prompt; without a TTY that fails like this (with a TTY it looks hung: prompts are buffered).
		fatal("stdin is not a terminal (Hint: use `nerdctl login --username=USERNAME --password-stdin`)")
	}
	if username == "" {
		fatal("must provide --username with --password-stdin")
	}
	in, err := io.ReadAll(os.Stdin)
	if err != nil {
		fatal("finch stand-in: reading stdin: %v", err)
	}
	password := strings.TrimSuffix(strings.TrimSuffix(string(in), "\n"), "\r")
	if password == "" {
		fatal("error: Password is Required")
	}

	if versionBelow(1, 15) {
		switch readVMState() {
		case "Stopped":
			fatal("instance %q is stopped, run `finch vm start` to start the instance", instance)
		case "Nonexistent":
			fatal("instance %q does not exist, run `finch vm init` to create a new instance", instance)
		}
	} else {
		ensureFinchConfigExists()
	}

	server := loginServer(positional)
	dir := configDir()
	if err := os.MkdirAll(dir, 0o777); err != nil {
		fatal("finch stand-in: %v", err)
	}
	// Lets tests watch the process table while a login is in flight.
	if delay := os.Getenv("FL_FINCH_LOGIN_DELAY_MS"); delay != "" {
		sleepMs(delay)
	}
	if upstream := mappedRegistry(server); upstream != "" {
		loginThroughMap(dir, server, upstream, username, password)
	} else if res := runDocker(dir, &password, "login", server, "-u", username, "--password-stdin"); res.code != 0 {
		fatal("%s", dockerError(res.stderr))
	}

	_, settings := readConfig(dir)
	if settings.CredHelpers[hostnameOf(server)] == "" && settings.CredsStore == "" {
		fmt.Print(strings.Replace(unencrypted, "%s", filepath.Join(dir, "config.json"), 1) + "\n")
	}
	fmt.Println("Login Succeeded")
}

// ---- registry map: public hosts served by the local test registries -------------------------------------------------
// ECR hosts (123456789012.dkr.ecr.eu-west-1.amazonaws.com), public.ecr.aws and Docker Hub cannot be reached here.
// FL_FINCH_REGISTRY_MAP is JSON {"<host or *.suffix>": "127.0.0.1:PORT"}: a login to a mapped host checks the password
// against the local registry (a real 401 or 200, through docker) and then stores the login under the real host, the
// way docker does: through credHelpers[host] or credsStore with the helper's `store`, else plaintext in auths.
func mappedRegistry(server string) string {
	raw := os.Getenv("FL_FINCH_REGISTRY_MAP")
	if raw == "" {
		return ""
	}
	m, err := parseObject([]byte(raw))
	if err != nil {
		fatal("finch stand-in: FL_FINCH_REGISTRY_MAP is not JSON")
	}
	host := hostnameOf(server)
	if server == indexServer {
		host = "docker.io"
	}
	target := func(key string) string {
		var s string
		if json.Unmarshal(m.values[key], &s) != nil {
			fatal("finch stand-in: FL_FINCH_REGISTRY_MAP values must be strings")
		}
		return s
	}
	if _, ok := m.values[host]; ok && target(host) != "" {
		return target(host)
	}
	for _, k := range m.keys { // the first matching wildcard, in the map's order
		if strings.HasPrefix(k, "*.") && strings.HasSuffix(host, k[1:]) {
			return target(k)
		}
	}
	return ""
}

func loginThroughMap(dir, server, upstream, username, password string) {
	scratch, err := os.MkdirTemp("", "finch-stand-in-")
	if err != nil {
		fatal("finch stand-in: %v", err)
	}
	// A throwaway plaintext config: only the registry's verdict on the password matters here.
	err = os.WriteFile(filepath.Join(scratch, "config.json"), []byte(`{"auths":{"placeholder":{}}}`), 0o600)
	var res result
	if err == nil {
		res = runDocker(scratch, &password, "login", upstream, "-u", username, "--password-stdin")
	}
	os.RemoveAll(scratch)
	if err != nil {
		fatal("finch stand-in: %v", err)
	}
	if res.code != 0 {
		fatal("%s", strings.ReplaceAll(dockerError(res.stderr), upstream, hostnameOf(server)))
	}

	config, settings := readConfig(dir)
	host := hostnameOf(server)
	helper := settings.CredHelpers[host]
	if helper == "" {
		helper = settings.CredsStore
	}
	auths := newObject()
	if raw, ok := config.values["auths"]; ok {
		if parsed, err := parseObject(raw); err == nil {
			auths = parsed
		}
	}
	if helper != "" {
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
		auths.set(server, json.RawMessage(`{}`))
	} else {
		auth := base64.StdEncoding.EncodeToString([]byte(username + ":" + password))
		auths.set(server, marshal(map[string]string{"auth": auth}))
	}
	config.set("auths", marshal(auths))
	if err := os.WriteFile(filepath.Join(dir, "config.json"), append(indented(config, "\t"), '\n'), 0o600); err != nil {
		fatal("finch stand-in: %v", err)
	}
}

func logout(args []string) {
	_, positional := parseFlags(args)
	server := loginServer(positional)
	if res := runDocker(configDir(), nil, "logout", server); res.code != 0 {
		fatal("%s", dockerError(res.stderr))
	}
}

// ---- main ---------------------------------------------------------------------------------------------------------
func logInvocation(argv []string) {
	file := os.Getenv("FL_FINCH_LOG")
	if file == "" {
		return
	}
	var dockerConfig *string
	if v, ok := os.LookupEnv("DOCKER_CONFIG"); ok {
		dockerConfig = &v
	}
	entry := struct {
		Time         string   `json:"time"`
		Argv         []string `json:"argv"`
		DockerConfig *string  `json:"DOCKER_CONFIG"`
		Home         string   `json:"HOME"`
	}{time.Now().UTC().Format("2006-01-02T15:04:05.000Z07:00"), argv, dockerConfig, homeDir()}
	f, err := os.OpenFile(file, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o666)
	if err == nil {
		_, err = f.Write(append(marshal(entry), '\n'))
		f.Close()
	}
	if err != nil {
		fatal("finch stand-in: writing FL_FINCH_LOG: %v", err)
	}
}

func main() {
	argv := append([]string{}, os.Args[1:]...)
	logInvocation(argv)
	if len(argv) == 0 {
		argv = []string{"help"}
	}
	switch cmd := argv[0]; cmd {
	case "--version", "-v":
		fmt.Printf("finch version %s\n", version)
	case "version":
		fmt.Printf("Finch version:\t%s\n", version)
		if readVMState() != "Running" {
			fatal("detailed version info is unavailable because VM is not running")
		}
	case "vm":
		vm(argv[1:])
	case "login":
		login(argv[1:])
	case "logout":
		logout(argv[1:])
	case "help", "--help", "-h":
		fmt.Print("Usage: finch [command]\n\nStand-in commands: --version, version, vm status|start|stop|init|remove, login, logout\n")
	default:
		fatal("finch stand-in: unsupported command %q", cmd)
	}
}
