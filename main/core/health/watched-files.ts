// The files whose changes should rerun the checks (the window watches them).
import type { Env } from '../env';
import { resolvePaths } from '../paths';
import { stateFileName } from '../state/app-state';
import path from 'node:path';

export function watchedFiles(env: Env): string[] {
  const p = resolvePaths(env);
  return [p.configJson, p.finchYaml, p.awsConfig, p.awsCredentials, path.join(p.stateDir, stateFileName)];
}
