// The fixes a check can offer: ids are part of the contract (the window and `finch-logins fix <id>` use them).
export const fixIds = ['osxkeychain-setup', 'ecr-login-setup', 'migrate-plaintext', 'remove-unsupported-store', 'vm-restart'] as const;
export type FixId = (typeof fixIds)[number];

export function isFixId(id: string): id is FixId {
  return (fixIds as readonly string[]).includes(id);
}
