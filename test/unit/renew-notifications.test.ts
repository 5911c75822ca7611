// Notifications are said only when something failed or needs the user, and click through to the registry.
import { describe, expect, it } from 'vitest';
import { loginNotification, loginNotifications, renewNotifications } from '../../main/core/renew/notification-model';
import { registryName } from '../../main/core/renew/registry-name';
import type { ErrorDetail, LoginOutcome } from '../../shared/types';
import type { ErrorKind } from '../../shared/ids';

const ecr = '123456789012.dkr.ecr.eu-west-1.amazonaws.com';
const failed = (host: string, kind: ErrorKind, message = 'm', detail?: ErrorDetail): LoginOutcome => ({ host, result: 'failed', error: { kind, message, ...(detail ? { detail } : {}) } });

describe('notification model', () => {
  it('says nothing about a login that worked or one a helper handles itself', () => {
    expect(loginNotification({ host: ecr, result: 'logged-in' }, 'renew')).toBeNull();
    expect(loginNotification({ host: 'quay.io', result: 'skipped', error: { kind: 'helper-managed', message: 'x' } }, 'tray')).toBeNull();
  });

  it('asks for input in words that say what to do, and opens that registry', () => {
    expect(loginNotification(failed(ecr, 'needs-mfa', 'x', { profile: 'prod' }), 'renew')).toEqual({
      title: 'ECR 123456789012 (eu-west-1): MFA code needed',
      body: 'Finch Logins could not renew this login by itself. Click to enter the code from your MFA device for profile "prod".',
      host: ecr,
      reason: 'input-needed',
    });
    expect(loginNotification(failed('ghcr.io', 'needs-password'), 'tray')).toMatchObject({ title: 'ghcr.io: password needed', host: 'ghcr.io', reason: 'input-needed' });
    expect(loginNotification(failed('public.ecr.aws', 'needs-profile'), 'renew')).toMatchObject({ title: 'ECR Public: choose an AWS profile' });
    expect(loginNotification(failed(ecr, 'sso-login-needed'), 'renew')!.body).toMatch(/AWS SSO session has ended/);
    // An IAM Identity Center session signed in from the app that truly ended (the refresh token no longer works).
    expect(loginNotification(failed(ecr, 'sso-session-ended', 'Your IAM Identity Center session corp has ended (it expired or was signed out).'), 'renew')).toEqual({
      title: 'ECR 123456789012 (eu-west-1): IAM Identity Center sign-in needed',
      body: 'Finch Logins could not renew this login by itself. Your IAM Identity Center session corp has ended (it expired or was signed out). Click to sign in again.',
      host: ecr,
      reason: 'input-needed',
    });
  });

  it('reports other failures with the core\u2019s message', () => {
    expect(loginNotification(failed(ecr, 'access-denied', 'AccessDeniedException: not authorized'), 'renew')).toEqual({
      title: 'Could not renew ECR 123456789012 (eu-west-1)',
      body: 'AccessDeniedException: not authorized',
      host: ecr,
      reason: 'failed',
    });
  });

  it('folds more than two into one notification that opens the list', () => {
    const outcomes = [failed(ecr, 'needs-mfa'), failed('public.ecr.aws', 'sso-login-needed'), failed('ghcr.io', 'needs-password'), failed('quay.io', 'needs-password')];
    expect(loginNotifications(outcomes, 'tray')).toEqual([
      { title: '4 logins need you', body: 'ECR 123456789012 (eu-west-1), ECR Public, ghcr.io and 1 more. Click to open Finch Logins.', host: null, reason: 'input-needed' },
    ]);
    expect(loginNotifications([...outcomes, failed('x.io', 'network')], 'renew')[0]).toMatchObject({ title: '5 logins could not be renewed', reason: 'failed' });
    expect(loginNotifications(outcomes.slice(0, 2), 'tray')).toHaveLength(2);
  });

  it('notifies a repeated renewal failure only the first time', () => {
    const outcome = failed(ecr, 'network');
    expect(renewNotifications([{ outcome, failures: 1 }])).toHaveLength(1);
    expect(renewNotifications([{ outcome, failures: 2 }])).toEqual([]);
  });

  it('names registries the way people say them', () => {
    expect(registryName(ecr)).toBe('ECR 123456789012 (eu-west-1)');
    expect(registryName('public.ecr.aws')).toBe('ECR Public');
    expect(registryName('docker.io')).toBe('Docker Hub');
    expect(registryName('registry.acme.internal:5000')).toBe('registry.acme.internal:5000');
  });
});
