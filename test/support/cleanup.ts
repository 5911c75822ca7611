// Vitest setup for every project: the sandboxes a test file made (makeSandbox) are removed when the file is done,
// so runs do not pile up folders in the temp directory.
import { afterAll } from 'vitest';
import { removeSandboxes } from './sandbox-home';

afterAll(() => removeSandboxes());
