// Linux, a window that is not root: root's config.json cannot be read (issue 11, point 2). The status says so in
// `finch.configNeedsRoot` (proved for real by test/unit/linux-root-config.test.ts, the CLI run as nobody); here the
// window shows it as the state it is — an explanation, not a problem. The table's status is main's, with that field
// set as a user's status has it (the e2e machine runs as root, where the file is readable).
import { expect, test } from './harness';

const host = 'ghcr.io';

test('root\u2019s config.json is explained, not listed as a problem, with or without registries', async ({ app, page, sandboxHome }) => {
  const home = sandboxHome({ platform: 'linux', files: {} });
  let registries = false;
  await app.open(home, {
    handlers: (real) => ({
      ...real,
      getStatus: async (r) => {
        const s = await real.getStatus(r);
        return {
          ...s,
          finch: { ...s.finch, configNeedsRoot: true },
          registries: registries ? [{ host, kind: 'other', auth: 'none', profile: null, expiresAt: null, state: 'unknown' }] : [],
        };
      },
    }),
  });

  await expect(page.getByRole('heading', { name: 'Logins are root\u2019s' })).toBeVisible();
  await expect(page.getByText(/only root can read: the logins in it show as unknown here/)).toBeVisible();
  await expect(page.getByRole('region', { name: /problem/ })).toHaveCount(0);

  registries = true;
  await app.pushStatus();
  await expect(page.getByRole('table')).toBeVisible();
  await expect(page.getByText(/asks for your password once per batch/)).toBeVisible();
  expect(app.failures).toEqual([]);
});
