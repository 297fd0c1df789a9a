/**
 * A throwaway certificate authority for the emulator's HTTPS mode: one CA and server
 * certificates it signs, made in memory with `selfsigned` (no openssl binary needed). The CLI
 * trusts the CA the way a user trusts a corporate one, through NODE_EXTRA_CA_CERTS.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';

export interface ServerCertificate {
  key: string;
  cert: string;
}

export interface TestPki {
  /** The CA certificate, PEM. */
  caCert: string;
  /** A file holding `caCert`, for NODE_EXTRA_CA_CERTS. */
  caFile: string;
  /** Valid for 127.0.0.1 and localhost. */
  server: ServerCertificate;
  /** Signed by the same CA but for another host name: a hostname mismatch on 127.0.0.1. */
  otherHost: ServerCertificate;
}

const KEY = { keyType: 'ec', curve: 'P-256', algorithm: 'sha256' } as const;

export async function createTestPki(): Promise<TestPki> {
  const ca = await generate([{ name: 'commonName', value: 'cf-oauth test CA' }], {
    ...KEY,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  const signer = { key: ca.private, cert: ca.cert };
  const [server, otherHost] = await Promise.all([
    serverCertificate(signer, 'localhost', [
      { type: 2, value: 'localhost' },
      { type: 7, ip: '127.0.0.1' },
    ]),
    serverCertificate(signer, 'other.example', [{ type: 2, value: 'other.example' }]),
  ]);
  const caFile = join(mkdtempSync(join(tmpdir(), 'cf-oauth-ca-')), 'ca.pem');
  writeFileSync(caFile, ca.cert);
  return { caCert: ca.cert, caFile, server, otherHost };
}

async function serverCertificate(
  ca: { key: string; cert: string },
  commonName: string,
  altNames: Array<{ type: 2; value: string } | { type: 7; ip: string }>,
): Promise<ServerCertificate> {
  const pems = await generate([{ name: 'commonName', value: commonName }], {
    ...KEY,
    ca,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}
