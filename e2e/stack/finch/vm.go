// `finch vm …` on macOS and Windows (Linux has no `vm` command; main.go refuses it as cobra would).
//
//   - status (cmd/finch/virtual_machine_status.go): Running | Stopped | Nonexistent on stdout, exit 0.
//   - start / init (virtual_machine_start.go, virtual_machine_init.go): dependency.InstallOptionalDeps first, which
//     for every creds_helpers entry Finch knows — only `ecr-login` (pkg/dependency/credhelper/cred_helper.go) —
//     downloads the Linux helper into <finch folder>/cred-helpers (for the VM) and, because Installed() also requires
//     credsStore == "ecr-login", rewrites config.json's credsStore to ecr-login whenever it is anything else: on every
//     start, not only the first (finch #480; cred_helper_binary.go updateConfigFile). Errors there are logged
//     (`Dependency error: …`) and the start goes on. Other names, osxkeychain included, are skipped.
//   - stop / remove: Finch's messages; `--force` as Finch has it.
//
// State transitions take FL_FINCH_VM_DELAY_MS (default 300) ms and log Finch's own lines on stderr.
package main

import (
	"encoding/json"
	"os"
	"path/filepath"
)

// transition logs Finch's messages around a state change.
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

// A stand-in for the Linux ELF Finch downloads: like that binary on a Mac, it cannot run on the host.
var placeholderEcrLogin = []byte("\x7fELF stand-in for the Linux docker-credential-ecr-login Finch downloads for its VM\n")

func installOptionalDeps() {
	wanted := false
	for _, h := range credsHelpers() {
		wanted = wanted || h == "ecr-login"
	}
	if !wanted {
		return
	}
	if err := installEcrLogin(); err != nil {
		logLine("error", "Dependency error: failed to install dependencies: "+err.Error())
	}
}

func installEcrLogin() error {
	dir := filepath.Join(finchDir(), "cred-helpers")
	bin := filepath.Join(dir, "docker-credential-ecr-login")
	if _, err := os.Stat(bin); err != nil {
		logLine("info", "Installing ecr credential helper")
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return err
		}
		data := placeholderEcrLogin
		if src := os.Getenv("FL_FINCH_ECR_LOGIN_BINARY"); src != "" {
			var err error
			if data, err = os.ReadFile(src); err != nil {
				return err
			}
		}
		if err := os.WriteFile(bin, data, 0o700); err != nil {
			return err
		}
		if err := os.Chmod(bin, 0o700); err != nil {
			return err
		}
	}
	file := filepath.Join(finchDir(), "config.json")
	data, err := os.ReadFile(file)
	if os.IsNotExist(err) {
		return os.WriteFile(file, []byte(`{"credsStore":"ecr-login"}`), 0o666)
	}
	if err != nil {
		return err
	}
	var cfg configFile
	if err := json.Unmarshal(data, &cfg); err != nil {
		return err
	}
	if cfg.CredentialsStore == "ecr-login" {
		return nil
	}
	cfg.CredentialsStore = "ecr-login"
	out, err := json.Marshal(&cfg)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(file, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	_, err = f.Write(out)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
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
		os.Stdout.WriteString(state + "\n")
	case "start":
		if state == "Nonexistent" {
			fatal("the instance %q does not exist, run `finch vm init` to create a new instance", instance)
		}
		if state == "Running" {
			fatal("the instance %q is already running", instance)
		}
		installOptionalDeps()
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
		installOptionalDeps()
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
