// Secrets never reach a preview: in config.json text, the values of the keys docker keeps secrets under are
// replaced before diffing (any formatting, any nesting: the keys are matched wherever they appear).
const secretValue = /("(?:auth|password|identitytoken|registrytoken)"\s*:\s*)"(?:[^"\\]|\\.)*"/gi;

export const secretMask = '"\u2022\u2022\u2022\u2022\u2022\u2022\u2022\u2022"';

export function maskSecrets(jsonText: string): string {
  return jsonText.replace(secretValue, `$1${secretMask}`);
}
