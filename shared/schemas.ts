// Runtime validation of every request the renderer sends. Main validates before any handler runs.
// Strict objects: an unexpected field is refused rather than passed along.
import { z } from 'zod';
import type { Channel } from './contract';
import { fixIds } from './ids';
import { regionPattern } from './registry-host';
import { renewBeforeRange } from './renew';

const none = z.undefined();
const host = z.string().min(1).max(255);
const profile = z.string().min(1).max(128);
const fixId = z.enum(fixIds, 'not a fix id');
const region = z.string().regex(regionPattern, 'not an AWS region name');
const ssoSession = z.string().regex(/^(session|url):\S/, 'not an IAM Identity Center session').max(1100);
const accountId = z.string().regex(/^\d{12}$/, 'an AWS account id is 12 digits');
const roleName = z.string().regex(/^[\w+=,.@-]{1,64}$/, 'not a role name');

export const requestSchemas = {
  getStatus: none,
  login: z.strictObject({
    host,
    profile: profile.optional(),
    username: z.string().min(1).max(256).optional(),
    password: z.string().min(1).max(8192).optional(),
    remember: z.boolean().optional(),
    mfaCode: z.string().regex(/^\d{6}$/, 'an MFA code is 6 digits').optional(),
  }),
  loginAll: z.strictObject({ relogin: z.boolean().optional() }),
  logout: z.strictObject({ host, forget: z.boolean().optional() }),
  setProfile: z.strictObject({ host, profile: profile.nullable() }),
  addRegistry: z.strictObject({ host }),
  addEcrFromProfile: z.strictObject({ profile, regions: z.array(region).min(1).max(40) }),
  ssoLogin: z.strictObject({ profile }),
  runChecks: none,
  previewFix: z.strictObject({ fixId }),
  applyFix: z.strictObject({ fixId, token: z.string().min(1).max(512) }),
  undo: none,
  restartVm: none,
  getSettings: none,
  setSettings: z.strictObject({
    startAtLogin: z.boolean().optional(),
    menuBarOnly: z.boolean().optional(),
    autoRenewAll: z.boolean().optional(),
    renewBeforeMinutes: z.number().int().min(renewBeforeRange.min).max(renewBeforeRange.max).optional(),
  }),
  setAutoRenew: z.strictObject({ host, enabled: z.boolean() }),
  ssoSessions: none,
  ssoSignIn: z.union([z.strictObject({ session: ssoSession }), z.strictObject({ startUrl: z.string().min(1).max(1024), region })]),
  ssoFinishSignIn: z.strictObject({ session: ssoSession }),
  ssoCancelSignIn: z.strictObject({ session: ssoSession }),
  ssoAccounts: z.strictObject({ session: ssoSession, refresh: z.boolean().optional() }),
  ssoSetRole: z.strictObject({ session: ssoSession, accountId, roleName }),
  ssoAddRegistries: z.strictObject({
    session: ssoSession,
    accounts: z.array(z.strictObject({ accountId, roleName })).min(1).max(1000),
    regions: z.array(region).min(1).max(40),
  }),
  copyDiagnostics: none,
} satisfies Record<Channel, z.ZodType>;
