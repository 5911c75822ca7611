// A seeded, bounded fuzz run: mutations of a valid config.json and finch.yaml (bytes flipped, structure tokens,
// BOMs, NULs, control characters, anchors and aliases, cuts and repeats) through status, doctor and fix previews.
// Whatever the file, no command crashes (exit 0, 1 or 2 with a message, never "a bug") and no file is written.
// FUZZ_SEED and FUZZ_RUNS replay or widen a run; a failure prints the seed and the case's bytes.
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { hostileSandbox, layout, picture } from '../support/hostile';

const seed = Number(process.env.FUZZ_SEED ?? 20261130);
const runs = Number(process.env.FUZZ_RUNS ?? 60);

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
function random(s: number): () => number {
  let a = s >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const configSeed = JSON.stringify(
  {
    auths: { 'ghcr.io': { auth: Buffer.from('u:pw').toString('base64') }, '111122223333.dkr.ecr.eu-west-1.amazonaws.com': {} },
    credsStore: 'osxkeychain',
    credHelpers: { '111122223333.dkr.ecr.eu-west-1.amazonaws.com': 'ecr-login' },
    psFormat: 'table',
  },
  null,
  2,
);
const yamlSeed = 'cpus: 4   # four\nmemory: 4GiB\nvmType: vz\nrosetta: false\ncreds_helpers:\n  - osxkeychain\nadditional_directories:\n  - path: /Volumes\n';
const tokens = ['{', '}', '[', ']', '"', ',', ':', 'null', '5', '\uFEFF', '\u0000', '\\', '/../', 'x/../evil', '&a ', '*a', '<<: *a', '\t', '\n', '\r', '\u001b[31m', '\u2028', '#', '- ', '!!binary ', '\xff\xfe', '"credsStore": "../evil"', '"auths": null'];

function mutate(text: string, rnd: () => number): Buffer {
  let b = Buffer.from(text, 'utf8');
  const steps = 1 + Math.floor(rnd() * 4);
  for (let s = 0; s < steps; s++) {
    const at = Math.floor(rnd() * (b.length + 1));
    switch (Math.floor(rnd() * 5)) {
      case 0: // flip a byte
        if (b.length) b[Math.min(at, b.length - 1)] = Math.floor(rnd() * 256);
        break;
      case 1: {
        const t = tokens[Math.floor(rnd() * tokens.length)]!;
        b = Buffer.concat([b.subarray(0, at), Buffer.from(t, t === '\xff\xfe' ? 'latin1' : 'utf8'), b.subarray(at)]);
        break;
      }
      case 2: // delete a range
        b = Buffer.concat([b.subarray(0, at), b.subarray(at + Math.floor(rnd() * 20))]);
        break;
      case 3: // repeat a range
        b = Buffer.concat([b.subarray(0, at), b.subarray(at, at + Math.floor(rnd() * 40)), b.subarray(at)]);
        break;
      default: // cut the end
        b = b.subarray(0, at);
    }
  }
  return b;
}

async function survives(file: string, bytes: Buffer, other: Record<string, string>, commands: string[][], label: string): Promise<void> {
  const sb = hostileSandbox({ ...other, [file]: bytes });
  const before = picture(sb.dir);
  for (const args of commands) {
    const r = await runCli(sb.vars, args);
    const what = `${label} ${args.join(' ')} — case bytes (base64): ${bytes.toString('base64')}\n${r.stdout}${r.stderr}`;
    expect([0, 1, 2], what).toContain(r.code);
    expect(r.stdout + r.stderr, what).not.toMatch(/This is a bug|Maximum call stack|TypeError|RangeError/);
    if (args.includes('--json') && r.code === 0) expect(() => JSON.parse(r.stdout), what).not.toThrow();
  }
  expect(picture(sb.dir), label).toEqual(before);
}

describe(`fuzz (seed ${seed}, ${runs} cases per file)`, () => {
  it('config.json mutations: status, doctor and fix previews never crash and never write', async () => {
    const rnd = random(seed);
    for (let i = 0; i < runs; i++) {
      await survives(layout.configJson, mutate(configSeed, rnd), { [layout.finchYaml]: yamlSeed }, [['status', '--json'], ['doctor', '--json'], ['fix', 'migrate-plaintext'], ['login', '--all']], `config.json #${i}`);
    }
  }, 240_000);

  it('finch.yaml mutations: status, doctor and the ecr-login-setup preview never crash and never write', async () => {
    const rnd = random(seed + 1);
    for (let i = 0; i < runs; i++) {
      await survives(layout.finchYaml, mutate(yamlSeed, rnd), { [layout.configJson]: '{"auths": {}}' }, [['status'], ['doctor', '--json'], ['fix', 'ecr-login-setup']], `finch.yaml #${i}`);
    }
  }, 240_000);
});
