// What may follow "docker-credential-" in a helper name read from config.json (credsStore, credHelpers) or
// finch.yaml (creds_helpers). docker runs `exec.Command("docker-credential-" + name)`
// (docker/cli cli/config/credentials/native_store.go → docker-credential-helpers client/command.go), and Go's
// exec.LookPath searches PATH only for a name without a path separator (`/`; on Windows also `\` and `:`): any
// other name is opened as a path, relative to the current folder. Node's path.join would go further and fold
// "docker-credential-x/../../tmp/evil" into "/tmp/evil". So a helper name is a bare word: letters, digits, and
// `.` `_` `-` inside it, never `..` — every helper docker ships or documents (osxkeychain, secretservice, wincred,
// pass, desktop, ecr-login, gcloud, acr-env …) is one. Anything else is refused wherever a name is read, and never run.
const bareWord = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/;
/** Longer names cannot be file names once "docker-credential-" (18 characters) is in front (255 bytes at most). */
const maxLength = 200;

/** Why `name` is not a helper name docker would run from PATH, or null when it is one. */
export function helperNameProblem(name: string): string | null {
  if (name.length > maxLength) return `it is ${name.length} characters long`;
  if (/[/\\:]/.test(name)) return 'it holds a path separator (/, \\ or :), so it names a file elsewhere, not a helper on PATH';
  if (name.includes('..')) return 'it holds "..", which would climb out of the folder the helper is looked up in';
  if (!bareWord.test(name)) return 'a helper name is a bare word of letters, digits, ".", "_" and "-"';
  return null;
}

export function isHelperName(name: string): boolean {
  return helperNameProblem(name) === null;
}

/** A name as it can be quoted in a message: JSON-quoted (control characters escaped) and cut when very long. */
export function quoteName(name: string): string {
  return JSON.stringify(name.length > 80 ? `${name.slice(0, 80)}…` : name);
}
