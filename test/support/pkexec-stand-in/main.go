// A stand-in for pkexec that really becomes root: installed setuid root (as pkexec is), it answers as the file
// FL_PKEXEC_ANSWER says (the desktop dialog the test cannot click), then does what polkit's
// src/programs/pkexec.c does once authorised: setuid/setgid 0, a cleared environment keeping only the variables
// pkexec saves (SHELL, LANG, LC_*, TERM, COLORTERM, DISPLAY and XAUTHORITY are dropped unless the action allows
// GUI programs), root's HOME/USER/LOGNAME, PATH=/usr/sbin:/usr/bin:/sbin:/bin:/root/bin, PKEXEC_UID, and exec.
// Refusals print pkexec's own lines and exit codes: 126 "Request dismissed", 127 "Not authorized".
// FL_ROOT_HOME stands in for /root, so a test never writes the machine's real /root. FL_ROOT_LOG records each call.
package main

import (
	"fmt"
	"os"
	"strconv"
	"syscall"
)

func main() {
	uid := os.Getuid()
	if log := os.Getenv("FL_ROOT_LOG"); log != "" {
		if f, err := os.OpenFile(log, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o666); err == nil {
			fmt.Fprintf(f, "pkexec-setuid uid=%d %s\n", uid, os.Args[1])
			f.Close()
		}
	}
	answer := "yes"
	if file := os.Getenv("FL_PKEXEC_ANSWER"); file != "" {
		if b, err := os.ReadFile(file); err == nil {
			answer = string(b)
		}
	}
	switch answer {
	case "dismissed":
		fmt.Fprintln(os.Stderr, "Error executing command as another user: Request dismissed")
		os.Exit(126)
	case "denied":
		fmt.Fprint(os.Stderr, "Error executing command as another user: Not authorized\n\nThis incident has been reported.\n")
		os.Exit(127)
	}
	if len(os.Args) < 2 {
		os.Exit(127)
	}
	home := os.Getenv("FL_ROOT_HOME")
	if home == "" {
		home = "/root"
	}
	env := []string{"SHELL=/bin/sh", "HOME=" + home, "USER=root", "LOGNAME=root", "PATH=/usr/sbin:/usr/bin:/sbin:/bin:/root/bin", "PKEXEC_UID=" + strconv.Itoa(uid)}
	if lang := os.Getenv("LANG"); lang != "" {
		env = append(env, "LANG="+lang)
	}
	if err := syscall.Setgid(0); err != nil {
		fmt.Fprintln(os.Stderr, "pkexec stand-in: not installed setuid root:", err)
		os.Exit(127)
	}
	if err := syscall.Setuid(0); err != nil {
		fmt.Fprintln(os.Stderr, "pkexec stand-in: not installed setuid root:", err)
		os.Exit(127)
	}
	if err := syscall.Exec(os.Args[1], os.Args[1:], env); err != nil {
		fmt.Fprintln(os.Stderr, "Error executing", os.Args[1]+":", err)
		os.Exit(127)
	}
}
