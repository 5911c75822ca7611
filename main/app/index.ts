// The Electron entry: the privileged scheme must be registered before `ready`, and a second launch only brings
// the running instance forward. Everything else is in shell.ts.
import { app } from 'electron';
import { registerSchemeAsPrivileged } from './protocol';
import { startShell } from './shell';

registerSchemeAsPrivileged();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  startShell(__dirname);
}
