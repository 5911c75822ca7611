#!/usr/bin/env node
// Small helpers for with-stack.sh, in Node because a fresh Debian 12 with only the stack's apt packages has no curl,
// and bash alone cannot ask the kernel for a free port.
//
//   node stack-util.mjs free-port
//       Print a TCP port that is free on 127.0.0.1 right now (the kernel picks it; there is a small window before
//       the caller binds it, so callers retry on "address already in use").
//   node stack-util.mjs wait-status URL STATUS [--user U --password-env VAR] [--timeout-ms N] [--pid PID]
//       Poll URL until it answers with HTTP STATUS (exit 0) or the timeout passes (exit 1, last result on stderr).
//       The password is read from the environment variable VAR so it never shows up in `ps`. With --pid, give up
//       as soon as that process (the server being waited for) has exited.
import { createServer } from 'node:net';
import { request } from 'node:http';

const [cmd, ...rest] = process.argv.slice(2);

function opt(name, fallback) {
  const i = rest.indexOf(name);
  return i >= 0 && i + 1 < rest.length ? rest[i + 1] : fallback;
}

function freePort() {
  const srv = createServer();
  srv.listen(0, '127.0.0.1', () => {
    const { port } = srv.address();
    srv.close(() => console.log(port));
  });
}

function getStatus(url, auth) {
  return new Promise((resolve) => {
    const headers = auth ? { Authorization: `Basic ${Buffer.from(auth).toString('base64')}` } : {};
    const req = request(url, { method: 'GET', headers, timeout: 2000 }, (res) => {
      res.resume();
      resolve(String(res.statusCode));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (err) => resolve(err.code ?? err.message));
    req.end();
  });
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

async function waitStatus() {
  const [url, want] = rest;
  const user = opt('--user');
  const passwordVar = opt('--password-env');
  const auth = user ? `${user}:${passwordVar ? (process.env[passwordVar] ?? '') : ''}` : undefined;
  const deadline = Date.now() + Number(opt('--timeout-ms', '15000'));
  const pid = Number(opt('--pid', '0'));
  let last = '';
  while (Date.now() < deadline) {
    if (pid && !alive(pid)) {
      console.error(`stack-util: process ${pid} exited while waiting for ${url}`);
      process.exit(1);
    }
    last = await getStatus(url, auth);
    if (last === want) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  console.error(`stack-util: ${url} answered ${last || 'nothing'}, expected ${want}${user ? ` (as ${user})` : ''}`);
  process.exit(1);
}

if (cmd === 'free-port') freePort();
else if (cmd === 'wait-status') await waitStatus();
else {
  console.error('usage: stack-util.mjs free-port | wait-status URL STATUS [--user U --password-env VAR] [--timeout-ms N] [--pid PID]');
  process.exit(2);
}
