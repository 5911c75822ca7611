// Parts of the window the specs find again and again, by role and name as a user would.
import type { Page } from '@playwright/test';

export const registries = (page: Page) => page.getByRole('table', { name: 'Registries' });

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A registry's row, by its host (the row header). In a narrow window the header also holds the kind, account and
 * region after the host, so the name is matched from its start up to the end of the host.
 */
export const registryRow = (page: Page, host: string) =>
  registries(page)
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${escape(host)}(?![\\w.:-])`) }) });
