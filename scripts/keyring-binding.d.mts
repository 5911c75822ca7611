// Types for keyring-binding.mjs (a plain script electron-builder loads as its beforePack / afterPack hooks).
export interface KeyringTarget {
  /** napi-rs' target name: linux-arm64-gnu, darwin-x64, win32-x64-msvc … */
  target: string;
  pkg: string;
  node: string;
}
export function keyringTarget(platform: string, arch: string): KeyringTarget;
export const allTargets: KeyringTarget[];
export function keyringVersion(dir?: string): string;
export function lockedIntegrity(pkg: string, dir?: string): { version: string; integrity: string };
export function ensureKeyringBinding(platform: string, arch: string, dir?: string): { pkg: string; fetched: boolean };
export function resourcesDir(appOutDir: string, platform: string, productFilename: string): string;
export function packagedBindings(resources: string): string[];
export function checkPackagedBinding(resources: string, platform: string, arch: string): void;
export function archName(arch: string | number): string;
export function beforePack(context: unknown): Promise<void>;
export function afterPack(context: unknown): Promise<void>;
