/** The run's throwaway CA and certificates, made once by test/setup/pki.ts. */
import { readFileSync } from 'node:fs';
import type { TestPki } from '../emulator/pki.js';

let loaded: TestPki | undefined;

export function testPki(): TestPki {
  const file = process.env.CF_OAUTH_TEST_PKI;
  if (file === undefined) throw new Error('CF_OAUTH_TEST_PKI is unset: run the tests with vitest');
  loaded ??= JSON.parse(readFileSync(file, 'utf8')) as TestPki;
  return loaded;
}
