import { buildRegistries } from '../../registries/model';
import type { CheckDefinition } from '../check-definition';
import { error, listWords, ok, warn } from '../verdict';

export const loginsExpired: CheckDefinition = {
  id: 'logins-expired',
  title: 'Amazon ECR logins are current',
  versions: 'All versions, every platform (ECR tokens last 12 hours).',
  requires: ['config-json-valid'],
  run: ({ snap, env }) => {
    const now = env.now();
    // Only logins this app made carry an expiry (ECR tokens last 12 h); the registry model derives their state.
    const ecr = buildRegistries({ config: snap.config, store: snap.store, state: snap.state, now }).filter(
      (r) => (r.kind === 'ecr' || r.kind === 'ecr-public') && r.expiresAt,
    );
    const expired = ecr.filter((r) => r.state === 'expired').map((r) => r.host);
    const expiring = ecr.filter((r) => r.state === 'expiring').map((r) => `${r.host} (at ${new Date(r.expiresAt!).toLocaleTimeString()})`);
    const again = 'Log in again from Registries, or run `finch-logins login --all`. To stop tokens expiring at all, set up ecr-login.';
    if (expired.length > 0) {
      return error(
        `The Amazon ECR login${expired.length === 1 ? '' : 's'} for ${listWords(expired)} expired, so pulls from there fail with ` +
          `"unauthorized".${expiring.length ? ` ${listWords(expiring)} expire${expiring.length === 1 ? 's' : ''} within the hour.` : ''} ${again}`,
      );
    }
    if (expiring.length > 0) return warn(`The Amazon ECR login${expiring.length === 1 ? '' : 's'} for ${listWords(expiring)} expire${expiring.length === 1 ? 's' : ''} within the hour. ${again}`);
    return ok(ecr.length ? `${ecr.length} Amazon ECR login${ecr.length === 1 ? '' : 's'} made here ${ecr.length === 1 ? 'is' : 'are'} valid for more than an hour.` : 'No Amazon ECR logins made here have an expiry to watch.');
  },
};
