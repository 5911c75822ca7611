// Parts of the window the specs find again and again, by role and name as a user would.
import type { Page } from '@playwright/test';

export const registries = (page: Page) => page.getByRole('table', { name: 'Registries' });

/** A registry's row, by its host (the row header). */
export const registryRow = (page: Page, host: string) =>
  registries(page).getByRole('row').filter({ has: page.getByRole('rowheader', { name: host, exact: true }) });
