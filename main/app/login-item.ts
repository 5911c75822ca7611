// "Start at login", kept by the OS (see lifecycle.ts for the per-OS plan): Electron's login items on macOS and
// Windows, an XDG autostart file on Linux.
import { app } from 'electron';
import { readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Platform } from '../../shared/types';
import type { Env } from '../core/env';
import type { LoginItem } from '../core/state/settings';
import { autostartEnabled, hiddenFlag, loginItemPlan, type LaunchContext } from './lifecycle';

export function launchContext(env: Env): LaunchContext {
  return {
    execPath: process.execPath,
    // Under a bare Electron (development), the app folder is the first argument.
    launchArgs: app.isPackaged ? [] : [app.getAppPath()],
    appImage: env.vars.APPIMAGE || undefined,
    configHome: env.vars.XDG_CONFIG_HOME || path.join(env.home, '.config'),
  };
}

function readIfThere(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

export function osLoginItem(platform: Platform, env: Env): LoginItem {
  const ctx = launchContext(env);
  return {
    get() {
      const plan = loginItemPlan(platform, true, ctx);
      if (plan.kind === 'autostart') return autostartEnabled(readIfThere(plan.file));
      return app.getLoginItemSettings(platform === 'win32' ? { args: [hiddenFlag] } : undefined).openAtLogin;
    },
    async set(enabled) {
      const plan = loginItemPlan(platform, enabled, ctx);
      if (plan.kind === 'electron') {
        app.setLoginItemSettings({ openAtLogin: plan.openAtLogin, ...(plan.args.length ? { args: plan.args } : {}) });
        return;
      }
      if (plan.content === null) {
        await rm(plan.file, { force: true });
        return;
      }
      await mkdir(path.dirname(plan.file), { recursive: true });
      await writeFile(plan.file, plan.content, { mode: 0o644 });
    },
  };
}
