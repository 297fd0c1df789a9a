/**
 * Runs after every test: no output of any CLI run in that test may contain a canary secret.
 * So every scenario in the suite doubles as a leak test, not only the ones that ask.
 */
import { afterEach } from 'vitest';
import { takeProducedErrorOutputs, takeProducedOutputs } from '../helpers/cli.js';
import { CLIENT_SECRET_PREFIX, expectNoSecrets } from '../helpers/fixture.js';

afterEach(() => {
  expectNoSecrets(...takeProducedOutputs());
  // Client secrets from the emulator carry a canary prefix: stdout may be their one destination
  // (--json, a terminal), stderr never is, but for the GitHub Actions `::add-mask::` line, which
  // the runner reads and never shows.
  for (const stderr of takeProducedErrorOutputs()) {
    const shown = stderr.replace(/^::add-mask::.*\n/gm, '');
    if (shown.includes(CLIENT_SECRET_PREFIX)) {
      throw new Error(`a client secret leaked onto stderr:\n${stderr}`);
    }
  }
});
