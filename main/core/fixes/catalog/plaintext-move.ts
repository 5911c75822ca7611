// The plan shared by migrate-plaintext and osxkeychain-setup: which plain-text logins move to which helper, and
// the config.json edit once they have. Setting credsStore hides every login still in the file for hosts without
// a credHelpers entry (docker asks the store and gets nothing), so when credsStore is set here it is all or
// nothing: it is set only if every such login was moved.
import { plural } from '../../../../shared/format';
import { helperBinary, type HelperClient } from '../../credentials/helper';
import type { Env } from '../../env';
import type { FinchRules } from '../../finch/finch-rules';
import { unsupportedStoreReason } from '../../health/store-support';
import { listWords } from '../../health/verdict';
import type { Paths } from '../../paths';
import { findExecutable } from '../../process/find-executable';
import { configEdit, type ConfigForEdit } from '../config-json-edit';
import type { FileEdit } from '../file-edit';
import { credHelperFor, moveToStore, plaintextLogins, stripSecret, type PlaintextLogin, type Unmovable } from '../plaintext-migration';

export interface MoveTarget {
  helper: string;
  /** No credsStore yet: this one becomes it. */
  setsCredsStore: boolean;
}

export interface MovePlan {
  /** What the preview shows: every movable login moved. */
  preview: FileEdit | null;
  said: string[];
  commands: string[];
  /** Stores and verifies; returns the edit that matches what really moved. */
  run: () => Promise<{ edit: FileEdit | null; notes: string[]; complete: boolean }>;
}

interface Route {
  login: PlaintextLogin;
  helper: string;
  /** Routed by credsStore (not by a credHelpers entry). */
  viaStore: boolean;
}

function edit(cfg: ConfigForEdit, moved: readonly PlaintextLogin[], setStore: string | null): FileEdit | null {
  return configEdit(cfg, (doc) => {
    for (const l of moved) stripSecret(doc, l.key);
    if (setStore) doc.credsStore = setStore;
  });
}

export function planPlaintextMove(cfg: ConfigForEdit, env: Env, paths: Paths, rules: FinchRules, target: MoveTarget, clientFor: (helper: string) => HelperClient): MovePlan {
  const { movable, unmovable } = plaintextLogins(cfg.config);
  const left: Unmovable[] = [...unmovable];
  let routes: Route[] = [];
  for (const login of movable) {
    const own = credHelperFor(cfg.config, login.key);
    const helper = own ?? target.helper;
    if (helper === 'ecr-login') left.push({ key: login.key, why: 'its registry is sent to ecr-login, which cannot save passwords' });
    else if (helper !== target.helper && (unsupportedStoreReason(helper, env, paths, rules) || !findExecutable(helperBinary(helper), env, paths))) {
      left.push({ key: login.key, why: `its registry is sent to "${helper}", which cannot be used here` });
    } else routes.push({ login, helper, viaStore: own === null });
  }
  let setStore: string | null = target.setsCredsStore ? target.helper : null;
  if (setStore) {
    const hidden = left.filter((u) => credHelperFor(cfg.config, u.key) === null);
    if (hidden.length > 0) {
      // Setting credsStore now would hide those; and without it, moved logins would not be found. Move only
      // logins that have their own helper.
      setStore = null;
      for (const r of routes.filter((r) => r.viaStore)) left.push({ key: r.login.key, why: `credsStore cannot be set while ${listWords(hidden.map((h) => h.key))} must stay in the file` });
      routes = routes.filter((r) => !r.viaStore);
    }
  }

  const said: string[] = [];
  if (routes.length > 0) {
    said.push(
      `${listWords(routes.map((r) => r.login.key))} ${routes.length === 1 ? 'is' : 'are'} stored with ${listWords([...new Set(routes.map((r) => helperBinary(r.helper)))])}, ` +
        'read back with `get`, and only then removed from config.json (the registry stays listed there, as docker leaves it).',
    );
  }
  if (setStore) said.push(`credsStore is set to "${setStore}", so later logins go there too${routes.length ? ' (only if every login above moved, so none is hidden)' : ''}.`);
  if (left.length > 0) said.push(`Left in config.json: ${left.map((u) => `${u.key} (${u.why})`).join('; ')}.`);
  const commands = [...new Set(routes.map((r) => r.helper))].map(
    (h) => `${helperBinary(h)} store / get   (${plural(routes.filter((r) => r.helper === h).length, 'login')}; secrets on standard input only)`,
  );

  return {
    preview: edit(cfg, routes.map((r) => r.login), setStore),
    said,
    commands,
    run: async () => {
      const moved: Route[] = [];
      const notes: string[] = [];
      const clients = new Map<string, HelperClient>();
      for (const r of routes) {
        let client = clients.get(r.helper);
        if (!client) clients.set(r.helper, (client = clientFor(r.helper)));
        // The file's copy is the live one only where no store has been consulted so far.
        const result = await moveToStore(client, r.login, r.viaStore && target.setsCredsStore);
        if (result.ok) moved.push(r);
        else notes.push(`${r.login.key} stayed in config.json: ${result.why}.`);
      }
      let store = setStore;
      let keep = moved;
      if (store && moved.filter((r) => r.viaStore).length < routes.filter((r) => r.viaStore).length) {
        store = null;
        keep = moved.filter((r) => !r.viaStore);
        notes.push(`credsStore was not set, so that nothing is hidden; ${moved.filter((r) => r.viaStore).length ? 'the logins stored meanwhile stay in config.json too.' : ''}`.trim());
      }
      for (const u of left) notes.push(`${u.key} stayed in config.json: ${u.why}.`);
      return { edit: edit(cfg, keep.map((r) => r.login), store), notes, complete: notes.length === 0 };
    },
  };
}
