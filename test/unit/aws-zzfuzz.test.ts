import { it, expect } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import { parseIni } from '../../main/core/aws/ini';
import { readAwsProfiles } from '../../main/core/aws/profiles';
it('fuzz', async () => {
  const oracle = JSON.parse(readFileSync('/tmp/fuzz/oracle.json', 'utf8'));
  let bad = 0;
  for (const [i, want] of Object.entries<any>(oracle)) {
    const got: any = {};
    for (const f of ['config', 'credentials']) {
      const p = `/tmp/fuzz/cases/${i}.${f}`;
      if (!existsSync(p)) { got[f] = null; continue; }
      const r = parseIni(readFileSync(p, 'utf8'));
      got[f] = r.ok ? Object.fromEntries([...r.sections].map(([n, o]) => [n, Object.fromEntries(o)])) : 'ERR';
    }
    const a = await readAwsProfiles({ awsConfig: `/tmp/fuzz/cases/${i}.config`, awsCredentials: `/tmp/fuzz/cases/${i}.credentials` } as never);
    got.profiles = a.profiles.map((p) => [p.name, p.region]);
    const wantProfiles = want.profiles.map(([n, r]: [string, unknown]) => [n, typeof r === 'string' && r !== '' ? r : null]);
    const ok = JSON.stringify([got.config, got.credentials]) === JSON.stringify([want.config, want.credentials]) && JSON.stringify(got.profiles) === JSON.stringify(wantProfiles);
    if (!ok && bad++ < 5) console.log(i, JSON.stringify(got), JSON.stringify(want));
  }
  expect(bad).toBe(0);
});
