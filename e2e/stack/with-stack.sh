#!/usr/bin/env bash
# with-stack.sh CMD [ARGS...]
#
# Starts the real services the integration and e2e tests run against, exports where they are, runs CMD, tears
# everything down and exits with CMD's exit code. See README.md next to this file.
#
#   - a private D-Bus session (dbus-run-session) with gnome-keyring's Secret Service unlocked, so
#     `docker-credential-secretservice` and @napi-rs/keyring store into a real keyring (verified before CMD runs);
#   - two real registries (Debian `docker-registry`, htpasswd/bcrypt auth, plain http on 127.0.0.1);
#   - the AWS stub (aws-stub.mjs) for ECR, ECR Public, STS and SSO.
#
# Made for CI: no TTY, no stdin, root, a fresh Debian 12 with only the apt packages. Nothing is read from or written
# to the caller's HOME: the services get a throwaway HOME and XDG dirs; CMD gets the caller's environment back plus
# the FL_* variables (and DBUS_SESSION_BUS_ADDRESS).
#
# How it works: the script runs twice. The outer run creates the temp dir and starts `dbus-run-session`, which
# re-runs this script (the inner run, FL_STACK_PHASE=inner) inside the new bus. The inner run owns the service
# processes; the outer run owns the files. dbus-run-session stops the bus when the inner run exits.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SERVICES_HOME_VARS=(HOME XDG_DATA_HOME XDG_CONFIG_HOME XDG_CACHE_HOME XDG_RUNTIME_DIR)

say() { echo "with-stack: $*" >&2; }
die() {
  say "ERROR: $*"
  exit 1
}

# Print the end of every service log: the first thing anyone needs when a service did not come up.
dump_logs() {
  local f
  for f in "${FL_STACK_LOGS:?}"/*.log; do
    [ -s "$f" ] || continue
    echo "----- tail of $f -----" >&2
    tail -n 25 "$f" >&2
  done
}

###################################################################################################################
# Outer run: temp dir, D-Bus session, file cleanup.
###################################################################################################################
outer() {
  [ $# -gt 0 ] || die "usage: with-stack.sh CMD [ARGS...]"

  # Nested use (a script run under the stack calling with-stack.sh again) reuses the running stack.
  if [ "${FL_STACK:-}" = 1 ]; then exec "$@"; fi

  local tool
  for tool in node go dbus-run-session dbus-send gnome-keyring-daemon docker-credential-secretservice docker-registry htpasswd; do
    command -v "$tool" >/dev/null || die "'$tool' is not installed (apt-get install dbus gnome-keyring golang-docker-credential-helpers docker-registry apache2-utils golang-go nodejs)"
  done

  FL_STACK_DIR="$(mktemp -d "${TMPDIR:-/tmp}/fl-stack.XXXXXX")"
  export FL_STACK_DIR
  # Logs go to FL_STACK_LOGS if the caller chose a place (e.g. a CI artifact dir; kept), else into the temp dir
  # (kept only if CMD or the stack failed).
  OUTER_KEEP_LOGS=0
  if [ -n "${FL_STACK_LOGS:-}" ]; then
    OUTER_KEEP_LOGS=1
    mkdir -p "$FL_STACK_LOGS"
    FL_STACK_LOGS="$(cd "$FL_STACK_LOGS" && pwd)"
  else
    FL_STACK_LOGS="$FL_STACK_DIR/logs"
    mkdir -p "$FL_STACK_LOGS"
  fi
  export FL_STACK_LOGS
  mkdir -p "$FL_STACK_DIR/home" "$FL_STACK_DIR/run"
  chmod 700 "$FL_STACK_DIR/run" # XDG_RUNTIME_DIR must be private or gnome-keyring refuses it

  trap outer_cleanup EXIT
  trap 'outer_forward TERM' TERM
  trap 'outer_forward INT' INT
  trap 'outer_forward HUP' HUP

  # Remember the caller's values so the inner run can give them back to CMD.
  local var
  for var in "${SERVICES_HOME_VARS[@]}"; do
    if [ -n "${!var+set}" ]; then export "FL_STACK_SAVED_$var=${!var}"; fi
  done

  # fd 3: the caller's stdin (background jobs would otherwise get /dev/null); fd 4: the caller's stderr, because
  # dbus-run-session's own stderr (the bus daemon's chatter) goes to a log file and the inner run inherits it.
  # A CI runner may start us with stdin closed altogether: give CMD /dev/null then.
  if (exec 5<&0) 2>/dev/null; then exec 3<&0; else exec 3</dev/null; fi
  if (exec 5>&2) 2>/dev/null; then exec 4>&2; else exec 4>/dev/null; fi
  HOME="$FL_STACK_DIR/home" \
    XDG_DATA_HOME="$FL_STACK_DIR/home/.local/share" \
    XDG_CONFIG_HOME="$FL_STACK_DIR/home/.config" \
    XDG_CACHE_HOME="$FL_STACK_DIR/home/.cache" \
    XDG_RUNTIME_DIR="$FL_STACK_DIR/run" \
    FL_STACK_PHASE=inner \
    dbus-run-session -- bash "$HERE/with-stack.sh" "$@" <&3 2>>"$FL_STACK_LOGS/dbus.log" &
  OUTER_CHILD=$!
  exec 3<&-
  wait_for "$OUTER_CHILD"
  exit "$WAITED_RC"
}

# Signals reach the outer run (e.g. CI cancelling the job): pass them to the inner run, which stops CMD and the
# services, then dbus-run-session ends and the outer `wait` returns.
outer_forward() {
  local pid
  pid="$(cat "$FL_STACK_DIR/inner.pid" 2>/dev/null || true)"
  if [ -n "$pid" ]; then kill -s "$1" "$pid" 2>/dev/null || true; fi
}

outer_cleanup() {
  local rc=$?
  if [ "$rc" != 0 ] && [ "$OUTER_KEEP_LOGS" = 0 ] && [ -d "$FL_STACK_LOGS" ]; then
    local kept
    kept="$(mktemp -d "${TMPDIR:-/tmp}/fl-stack-logs.XXXXXX")"
    cp -r "$FL_STACK_LOGS"/. "$kept"/ 2>/dev/null || true
    say "exit code $rc; service logs kept in $kept"
  fi
  rm -rf "$FL_STACK_DIR"
}

# wait_for PID: wait until PID exits even if trapped signals interrupt `wait`; sets WAITED_RC.
wait_for() {
  WAITED_RC=0
  while :; do
    if wait "$1"; then WAITED_RC=0; else WAITED_RC=$?; fi
    kill -0 "$1" 2>/dev/null || return 0 # gone: WAITED_RC is its status (a trap would have left it running)
  done
}

###################################################################################################################
# Inner run (inside the D-Bus session): services, checks, CMD.
###################################################################################################################
inner() {
  exec 2>&4 4>&- # stderr back to the caller's
  echo $$ >"$FL_STACK_DIR/inner.pid"
  SERVICE_PIDS=()
  CMD_PID=
  trap inner_cleanup EXIT
  trap 'inner_signal TERM' TERM
  trap 'inner_signal INT' INT
  trap 'inner_signal HUP' HUP

  # Fixed test credentials (the caller may override them). The ECR token password stays under bcrypt's 72-byte
  # limit; it is the one the AWS stub hands out inside authorizationToken, so ECR-style logins really work.
  export FL_REGISTRY_USER="${FL_REGISTRY_USER:-fl-tester}"
  export FL_REGISTRY_PASSWORD="${FL_REGISTRY_PASSWORD:-fl-test-password-7d9c2e}"
  export FL_ECR_TOKEN_PASSWORD="${FL_ECR_TOKEN_PASSWORD:-eyJwYXlsb2FkIjoiZmwtZWNyLXRlc3QtdG9rZW4ifQ}"

  start_keyring
  # The main registry accepts the plain test user and AWS+token; the ECR one only AWS+token, like a real ECR host.
  start_registry registry "$FL_REGISTRY_USER" FL_REGISTRY_PASSWORD AWS FL_ECR_TOKEN_PASSWORD
  FL_REGISTRY=$REGISTRY_ADDR
  start_registry ecr-registry AWS FL_ECR_TOKEN_PASSWORD
  FL_ECR_REGISTRY=$REGISTRY_ADDR
  start_aws_stub
  build_finch

  export FL_STACK=1 FL_REGISTRY FL_ECR_REGISTRY FL_AWS_ENDPOINT FL_STACK_LOGS FL_FINCH
  say "up: registry $FL_REGISTRY, ECR registry $FL_ECR_REGISTRY, AWS stub $FL_AWS_ENDPOINT, keyring on $DBUS_SESSION_BUS_ADDRESS, logs $FL_STACK_LOGS"

  # Give CMD the caller's HOME/XDG dirs back and drop the script's internals.
  local var saved
  for var in "${SERVICES_HOME_VARS[@]}"; do
    saved="FL_STACK_SAVED_$var"
    if [ -n "${!saved+set}" ]; then export "$var=${!saved}"; else unset "$var"; fi
    unset "$saved"
  done
  [ -n "${HOME:-}" ] || export HOME="$FL_STACK_DIR/home"
  unset FL_STACK_PHASE
  export -n FL_STACK_DIR # internal: the outer run deletes it

  # CMD runs in the background so signal traps fire at once; `<&0` keeps the caller's stdin (see fd 3 above).
  "$@" <&0 &
  CMD_PID=$!
  wait_for "$CMD_PID"
  CMD_PID=
  exit "$WAITED_RC"
}

inner_signal() {
  if [ -n "$CMD_PID" ]; then
    kill -s "$1" "$CMD_PID" 2>/dev/null || true # CMD exits, wait_for returns, the EXIT trap cleans up
  else
    exit 130 # still starting: stop now (EXIT trap cleans up)
  fi
}

inner_cleanup() {
  local rc=$? pid i
  trap - TERM INT HUP
  if [ -n "${CMD_PID:-}" ]; then kill -TERM "$CMD_PID" 2>/dev/null || true; fi
  # Stop our services by pid, newest first; give each a moment, then insist.
  for ((i = ${#SERVICE_PIDS[@]} - 1; i >= 0; i--)); do
    pid="${SERVICE_PIDS[$i]}"
    kill -TERM "$pid" 2>/dev/null || continue
    for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
  done
  exit "$rc"
}

# ---- keyring -----------------------------------------------------------------------------------------------------
secret_service_call() { # METHOD-ARGS… → dbus-send reply on stdout
  dbus-send --session --print-reply --dest=org.freedesktop.secrets "$@"
}

start_keyring() {
  local log="$FL_STACK_LOGS/gnome-keyring.log" pid owner alias locked canary out
  # --foreground keeps the daemon our child (we know its pid); --unlock reads the password from stdin and creates
  # the "login" keyring with it when none exists, which is the case in our empty XDG_DATA_HOME.
  printf %s "fl-stack-keyring" | gnome-keyring-daemon --foreground --unlock --components=secrets >>"$log" 2>&1 &
  pid=$!
  SERVICE_PIDS+=("$pid")

  # Wait until the daemon owns org.freedesktop.secrets on our bus.
  for _ in $(seq 100); do
    kill -0 "$pid" 2>/dev/null || break
    owner="$(dbus-send --session --print-reply --dest=org.freedesktop.DBus / org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null || true)"
    if [[ "$owner" == *"boolean true"* ]]; then break; fi
    sleep 0.1
  done
  [[ "${owner:-}" == *"boolean true"* ]] || {
    dump_logs
    die "gnome-keyring-daemon did not register org.freedesktop.secrets on the session bus"
  }

  # secretservice `store` writes to the default collection: it must exist and be unlocked.
  alias="$(secret_service_call /org/freedesktop/secrets org.freedesktop.Secret.Service.ReadAlias string:default 2>&1 | grep -o '"/org/freedesktop/secrets/collection/[^"]*"' | tr -d '"' || true)"
  [ -n "$alias" ] || {
    dump_logs
    die "the Secret Service has no default collection (expected the 'login' keyring)"
  }
  locked="$(secret_service_call "$alias" org.freedesktop.DBus.Properties.Get string:org.freedesktop.Secret.Collection string:Locked 2>&1 || true)"
  [[ "$locked" == *"boolean false"* ]] || {
    dump_logs
    die "the default keyring collection $alias is locked (or unreadable): $locked"
  }

  # Prove the whole path the tests use: docker-credential-secretservice store / list / get / erase.
  canary="https://fl-stack-canary.invalid"
  out="$(printf '{"ServerURL":"%s","Username":"fl-canary","Secret":"canary-secret"}' "$canary" | docker-credential-secretservice store 2>&1)" ||
    die "docker-credential-secretservice store failed: $out"
  out="$(docker-credential-secretservice list 2>&1)" || die "docker-credential-secretservice list failed: $out"
  [[ "$out" == *"$canary"* ]] || die "docker-credential-secretservice list does not show the canary: $out"
  out="$(printf %s "$canary" | docker-credential-secretservice get 2>&1)" || die "docker-credential-secretservice get failed: $out"
  [[ "$out" == *'"Secret":"canary-secret"'* ]] || die "docker-credential-secretservice get returned the wrong secret: $out"
  out="$(printf %s "$canary" | docker-credential-secretservice erase 2>&1)" || die "docker-credential-secretservice erase failed: $out"
  if printf %s "$canary" | docker-credential-secretservice get >/dev/null 2>&1; then
    die "docker-credential-secretservice erase did not remove the canary"
  fi
  echo "keyring ok: default collection $alias, store/list/get/erase round trip passed" >>"$log"
}

# ---- registries --------------------------------------------------------------------------------------------------
# start_registry NAME USER PASSWORD_VAR [USER PASSWORD_VAR]… → sets REGISTRY_ADDR=127.0.0.1:PORT once it answers.
# Passwords are passed by variable name so they never appear on a command line. Runs in the inner shell itself (not
# in a $(…) subshell) so the registry stays our child and is reaped when we stop it.
start_registry() {
  local name=$1
  shift
  local dir="$FL_STACK_DIR/$name" log="$FL_STACK_LOGS/$name.log" users=("$@") i port pid attempt
  mkdir -p "$dir/data"
  : >"$dir/htpasswd"
  for ((i = 0; i < ${#users[@]}; i += 2)); do
    # -B bcrypt (the only scheme docker-registry accepts), -i password from stdin, -n print instead of editing.
    printf %s "${!users[i + 1]}" | htpasswd -niB "${users[i]}" | sed '/^$/d' >>"$dir/htpasswd"
  done

  for attempt in 1 2 3 4 5; do
    # The kernel's free port can be taken before the registry binds it; then we simply try another one.
    port="$(node "$HERE/stack-util.mjs" free-port)"
    cat >"$dir/config.yml" <<EOF
version: 0.1
log:
  level: info
  formatter: text
storage:
  filesystem:
    rootdirectory: $dir/data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
  secret: $(node -e 'console.log(require("crypto").randomBytes(16).toString("hex"))')
auth:
  htpasswd:
    realm: fl-stack-$name
    path: $dir/htpasswd
EOF
    echo "=== attempt $attempt on port $port" >>"$log"
    docker-registry serve "$dir/config.yml" >>"$log" 2>&1 &
    pid=$!
    # Up means: /v2/ refuses anonymous requests (401) …
    if node "$HERE/stack-util.mjs" wait-status "http://127.0.0.1:$port/v2/" 401 --timeout-ms 15000 --pid "$pid" 2>>"$log"; then
      SERVICE_PIDS+=("$pid")
      break
    fi
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    if ! grep -q 'address already in use' "$log"; then
      dump_logs
      die "registry '$name' did not start (log tails above)"
    fi
    pid=
  done
  [ -n "${pid:-}" ] || {
    dump_logs
    die "registry '$name' found no free port"
  }
  # … and accepts each configured user (200).
  for ((i = 0; i < ${#users[@]}; i += 2)); do
    node "$HERE/stack-util.mjs" wait-status "http://127.0.0.1:$port/v2/" 200 --user "${users[i]}" --password-env "${users[i + 1]}" --timeout-ms 5000 ||
      {
        dump_logs
        die "registry '$name' rejects user ${users[i]}"
      }
  done
  REGISTRY_ADDR="127.0.0.1:$port"
}

# ---- AWS stub ----------------------------------------------------------------------------------------------------
start_aws_stub() {
  local log="$FL_STACK_LOGS/aws-stub.log" portfile="$FL_STACK_DIR/aws-stub.port" pid port
  # Port 0: the stub binds any free port itself and writes it to the port file — no race.
  node "$HERE/aws-stub.mjs" --port 0 --port-file "$portfile" >>"$log" 2>&1 &
  pid=$!
  SERVICE_PIDS+=("$pid")
  for _ in $(seq 100); do
    [ -s "$portfile" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  port="$(cat "$portfile" 2>/dev/null || true)"
  [ -n "$port" ] && node "$HERE/stack-util.mjs" wait-status "http://127.0.0.1:$port/__stats" 200 --timeout-ms 5000 --pid "$pid" || {
    dump_logs
    die "the AWS stub did not start (log tails above)"
  }
  FL_AWS_ENDPOINT="http://127.0.0.1:$port"
}

# ---- finch stand-in ----------------------------------------------------------------------------------------------
# Go, like Finch, so it starts in ~2 ms (see finch/main.go). Standard library only: GOPROXY=off, nothing is fetched.
# Go's build cache is shared between stacks (it is safe for concurrent builds): with Debian's golang-go the build takes
# ~0.3 s even cold; a Go without a precompiled standard library needs ~5 s once.
build_finch() {
  local log="$FL_STACK_LOGS/finch-build.log"
  FL_FINCH="$FL_STACK_DIR/bin/finch"
  (cd "$HERE/finch" && GOPROXY=off GOCACHE="${TMPDIR:-/tmp}/finch-logins-go-cache" go build -o "$FL_FINCH" .) >>"$log" 2>&1 || {
    dump_logs
    die "the finch stand-in did not build (log tail above)"
  }
}

if [ "${FL_STACK_PHASE:-}" = inner ]; then inner "$@"; else outer "$@"; fi
