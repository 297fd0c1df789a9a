/**
 * Vitest global setup: one throwaway CA and server certificates for the whole run (see
 * test/emulator/pki.ts). The test workers are forked after this runs, so they inherit
 * NODE_EXTRA_CA_CERTS (in-process CLI runs trust the CA, as the built CLI does when a test
 * passes the variable) and find the certificates through CF_OAUTH_TEST_PKI.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createTestPki } from '../emulator/pki.js';

/** Returns the teardown, which removes the files. */
export default async function setup(): Promise<() => void> {
  const pki = await createTestPki();
  const dir = dirname(pki.caFile);
  const file = join(dir, 'pki.json');
  writeFileSync(file, JSON.stringify(pki));
  process.env.CF_OAUTH_TEST_PKI = file;
  process.env.NODE_EXTRA_CA_CERTS = pki.caFile;
  return () => rmSync(dir, { recursive: true, force: true });
}
