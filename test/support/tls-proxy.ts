// An HTTPS proxy that sends every CONNECT to the AWS stub, for programs that cannot be pointed at an endpoint (Debian's
// `aws` 2.9 has no AWS_ENDPOINT_URL_* and its SSO credential provider takes no --endpoint-url). It terminates TLS with a
// throwaway certificate for the AWS host names asked for (the program trusts it through AWS_CA_BUNDLE) and pipes the
// plain HTTP to the stub. It records which hosts were asked for.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';

export interface TlsProxy {
  url: string;
  caBundle: string;
  hosts: string[];
  close(): void;
}

export async function startTlsProxy(stubUrl: string, names: string[]): Promise<TlsProxy> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fl-tls-'));
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=fl-test-aws', '-keyout', key, '-out', cert, '-addext', `subjectAltName=${names.map((n) => `DNS:${n}`).join(',')}`], { stdio: 'ignore' });
  const context = { key: readFileSync(key), cert: readFileSync(cert) };
  const stub = new URL(stubUrl);
  const hosts: string[] = [];
  const server = net.createServer((client) => {
    client.once('data', (head) => {
      const target = /^CONNECT ([^\s:]+):\d+ /.exec(head.toString('latin1'))?.[1];
      if (!target) return client.end('HTTP/1.1 405 Method Not Allowed\r\n\r\n');
      hosts.push(target);
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      const secure = new tls.TLSSocket(client, { isServer: true, ...context });
      const upstream = net.connect(Number(stub.port), stub.hostname);
      secure.pipe(upstream).pipe(secure);
      const close = () => (secure.destroy(), upstream.destroy());
      secure.on('error', close);
      upstream.on('error', close);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`, caBundle: cert, hosts, close: () => server.close() };
}
