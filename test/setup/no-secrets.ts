/**
 * Runs after every test: no output of any CLI run in that test may contain a canary secret.
 * So every scenario in the suite doubles as a leak test, not only the ones that ask.
 */
import { afterEach } from 'vitest';
import { takeProducedOutputs } from '../helpers/cli.js';
import { expectNoSecrets } from '../helpers/fixture.js';

afterEach(() => {
  expectNoSecrets(...takeProducedOutputs());
});
