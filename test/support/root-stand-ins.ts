// Stand-ins for sudo and pkexec, so the Linux elevation paths run for real (processes, pipes, environments) on a
// machine without either. Each does what the real program does for the cases the app meets:
// - pkexec (polkit 121, src/programs/pkexec.c): exit 126 "Request dismissed" when the dialog is closed, 127 "Not
//   authorized" when refused; when authorised, the program runs with a cleared environment — only SHELL, LANG/LC_*,
//   TERM and the like are kept — and HOME, USER, LOGNAME of root, PATH=/usr/sbin:/usr/bin:/sbin:/bin:/root/bin and
//   PKEXEC_UID set.
// - sudo -n (sudo 1.9, plugins/sudoers): "sudo: a password is required" and exit 1 when the rule needs a password;
//   otherwise VAR=value words before the command are set (allowed for rules matching ALL) and the command runs with
//   env_reset's environment: HOME=/root, secure_path's PATH.
// Each records its invocations (one line each) in the file named by FL_ROOT_LOG, which the caller's environment
// carries to the stand-in itself, not to the program it runs. FL_ROOT_HOME stands in for /root (a sandbox's), so a
// program run "as root" does not write into the test machine's real /root.

/** pkexec, answering as `answer` says: 'yes' runs the program, 'dismissed' / 'denied' refuse. */
export function pkexecStandIn(answer: 'yes' | 'dismissed' | 'denied'): string {
  return `#!/bin/sh
[ -n "$FL_ROOT_LOG" ] && echo "pkexec $1 $2" >> "$FL_ROOT_LOG"
case ${answer} in
  dismissed) echo "Error executing command as another user: Request dismissed" >&2; exit 126;;
  denied) printf 'Error executing command as another user: Not authorized\\n\\nThis incident has been reported.\\n' >&2; exit 127;;
esac
exec env -i SHELL=/bin/sh HOME="\${FL_ROOT_HOME:-/root}" USER=root LOGNAME=root PATH=/usr/sbin:/usr/bin:/sbin:/bin:/root/bin PKEXEC_UID=1000 \${LANG:+LANG=$LANG} "$@"
`;
}

/** sudo -n, with or without a password-free rule. */
export function sudoStandIn(withoutPassword: boolean): string {
  return `#!/bin/sh
[ -n "$FL_ROOT_LOG" ] && echo "sudo $*" >> "$FL_ROOT_LOG"
[ "$1" = "-n" ] || { echo "sudo: a terminal is required to read the password" >&2; exit 1; }
shift
${withoutPassword ? '' : 'echo "sudo: a password is required" >&2; exit 1'}
set -- env -i HOME="\${FL_ROOT_HOME:-/root}" USER=root LOGNAME=root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$@"
exec "$@"
`;
}
