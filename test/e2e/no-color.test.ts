/**
 * NO_COLOR and --no-color turn off every colour, the spinner's included (ora paints its frames
 * cyan by default). In-process, with a terminal stderr; chalk's own colour support is forced on,
 * as it is on a real terminal, so only cf-oauth's decision can keep the colours away.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/cli.js';
import { ACCOUNT, useEmulator } from '../helpers/fixture.js';

const api = useEmulator();
/** An SGR sequence that sets a colour or style (ESC[36m, ESC[1m…); cursor moves do not match. */
const COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`);

beforeAll(() => {
  // Read by chalk (which ora uses) when it loads; it is loaded lazily, after this.
  process.env.FORCE_COLOR = '1';
});

describe('colours on a terminal', () => {
  const spin = (env: Record<string, string>, args: string[] = []) =>
    runInProcess(['get', api.newClient('Spun'), '-a', ACCOUNT, ...args], {
      env: { ...api.env, ...env },
      tty: { stderr: true },
    });

  it('the spinner is coloured when colours are on', async () => {
    const run = await spin({});
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(COLOUR);
  });

  it('NO_COLOR=1 turns off the spinner colour too', async () => {
    const run = await spin({ NO_COLOR: '1' });
    expect(run.code).toBe(0);
    // The spinner ran (it hides and shows the cursor), without a colour.
    expect(run.stderr).toContain('\u001b[?25l');
    expect(run.stderr).not.toMatch(COLOUR);
  });

  it('--no-color does the same', async () => {
    const run = await spin({}, ['--no-color']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('\u001b[?25l');
    expect(run.stderr).not.toMatch(COLOUR);
  });
});
