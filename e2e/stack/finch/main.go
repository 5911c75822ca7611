// A `finch` stand-in for tests, built from Finch's source (runfinch/finch, tag v1.18.0, with v1.14.1, v1.15.0,
// v1.15.1 and v1.17.2 compared) and parametrised by the Finch version and platform it plays. Logins really hit the
// test registry through the docker CLI and really store through config.json's credsStore/credHelpers (the Secret
// Service keyring plays the macOS keychain). It is Go, like Finch, so it starts as fast as Finch does: the login
// benchmark (bench/login.mjs) depends on that. Standard library only; with-stack.sh builds it as FL_FINCH.
//
// Knobs (environment):
//
//	FL_FINCH_VERSION   the version it plays (default v1.18.0): 1.14.x logs in inside the VM; 1.15.0 logs in on the
//	                   host but leaves DOCKER_CONFIG alone (logins land in ~/.docker); 1.15.1+ sets DOCKER_CONFIG to
//	                   ~/.finch unless the caller set it.
//	FL_FINCH_PLATFORM  darwin (default) | windows | linux: where finch.yaml and config.json live, whether `vm` exists.
//	FL_FINCH_ROOT      prefix for system paths (/etc/finch on Linux), so a sandbox can hold them.
//	FL_FINCH_VM_STATE  file holding the VM state (Running | Stopped | Nonexistent; unset or missing → Running);
//	FL_FINCH_VM_DELAY_MS  how long a VM transition takes (default 300).
//	FL_FINCH_KEYCHAIN_HELPER  the helper playing docker-credential-osxkeychain (default secretservice).
//	FL_FINCH_ECR_LOGIN_BINARY a file `vm start` copies as Finch's download of docker-credential-ecr-login (default:
//	                   a placeholder that, like the Linux binary Finch downloads, cannot run on the host).
//	FL_FINCH_REGISTRY_MAP, FL_FINCH_LOGIN_DELAY_MS, FL_DOCKER, FL_FINCH_LOG: see login.go and e2e/stack/README.md.
//
// What every command does first, as Finch does (cmd/finch/main_remote.go, main_native.go → pkg/config/config.go
// Load): read finch.yaml, fail with `failed to load config: failed to unmarshal config file: …` when it does not
// parse, and write it back with Finch's defaults (comments and unknown keys dropped, mtime changed) — even for
// `--version` and `vm status`. See finch_yaml.go.
package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
)

const instance = "finch"

var (
	version  = normalizeVersion(envOr("FL_FINCH_VERSION", "v1.18.0"))
	platform = envOr("FL_FINCH_PLATFORM", "darwin")
)

func envOr(name, fallback string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return fallback
}

func normalizeVersion(v string) string {
	if strings.HasPrefix(v, "v") {
		return v
	}
	return "v" + v
}

// versionBelow compares the played version with major.minor.patch.
func versionBelow(major, minor, patch int) bool {
	m := regexp.MustCompile(`^v(\d+)\.(\d+)(?:\.(\d+))?`).FindStringSubmatch(version)
	if m == nil {
		return false
	}
	got := [3]int{}
	for i := 0; i < 3; i++ {
		got[i], _ = strconv.Atoi(m[i+1])
	}
	want := [3]int{major, minor, patch}
	for i := 0; i < 3; i++ {
		if got[i] != want[i] {
			return got[i] < want[i]
		}
	}
	return false
}

// ---- output in Finch's (logrus) format ----------------------------------------------------------------------------
// logrus' text formatter without a TTY: time="RFC3339" level=x msg=value [error=value], a value quoted with %q when it
// holds anything beyond [A-Za-z0-9-._/@^+].
var bareValue = regexp.MustCompile(`^[A-Za-z0-9\-._/@^+]+$`)

func logfmtValue(v string) string {
	if bareValue.MatchString(v) {
		return v
	}
	return strconv.Quote(v)
}

func logLine(level, msg string, fields ...string) {
	now := time.Now().UTC().Format(time.RFC3339)
	line := fmt.Sprintf("time=%s level=%s msg=%s", logfmtValue(now), level, logfmtValue(msg))
	for i := 0; i+1 < len(fields); i += 2 {
		line += fmt.Sprintf(" %s=%s", fields[i], logfmtValue(fields[i+1]))
	}
	fmt.Fprintln(os.Stderr, line)
}

// fatal is cmd/finch/main.go's `logger.Fatal(err)`: one fatal line and exit 1.
func fatal(format string, args ...any) {
	logLine("fatal", fmt.Sprintf(format, args...))
	os.Exit(1)
}

func sleepMs(ms string) {
	n, _ := strconv.Atoi(ms)
	time.Sleep(time.Duration(n) * time.Millisecond)
}

// ---- where things are ---------------------------------------------------------------------------------------------
func homeDir() string {
	if h := os.Getenv("HOME"); h != "" {
		return h
	}
	h, _ := os.UserHomeDir()
	return h
}

func sysPath(p string) string {
	return filepath.Join(os.Getenv("FL_FINCH_ROOT"), p)
}

// finchDir is Finch's own folder: ~/.finch on macOS, %LOCALAPPDATA%\.finch on Windows (pkg/path/finch.go), and
// /etc/finch on Linux (finch.yaml only).
func finchDir() string {
	switch platform {
	case "windows":
		return filepath.Join(envOr("LOCALAPPDATA", filepath.Join(homeDir(), "AppData", "Local")), ".finch")
	case "linux":
		return sysPath("/etc/finch")
	default:
		return filepath.Join(homeDir(), ".finch")
	}
}

func hasVM() bool { return platform != "linux" }

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
	// cmd/finch/virtual_machine_status.go: any other Lima state
	fatal("instance state of %q is unknown", instance)
	return ""
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
	switch platform {
	case "darwin", "windows", "linux":
	default:
		fatal("finch stand-in: FL_FINCH_PLATFORM must be darwin, windows or linux")
	}
	loadFinchYaml()
	if len(argv) == 0 {
		argv = []string{"help"}
	}
	switch cmd := argv[0]; cmd {
	case "--version", "-v":
		fmt.Printf("finch version %s\n", version)
	case "version":
		// cmd/finch/version.go: the client part, then the VM's (which needs it running).
		fmt.Printf("Client:\n Version:\t%s\n", version)
		if hasVM() && readVMState() != "Running" {
			fatal("detailed version info is unavailable because VM is not running")
		}
	case "vm":
		if !hasVM() {
			// Finch on Linux registers no `vm` command (cmd/finch/main_native.go); cobra's error goes to logger.Fatal.
			fatal("unknown command %q for %q", "vm", "finch")
		}
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
