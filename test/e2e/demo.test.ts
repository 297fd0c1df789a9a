/** `npm run demo` is the first thing a newcomer runs: keep it working. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

it('the demo deletes two of the three clients, shows a 404 as exit 4, and --ignore-missing as exit 0', async () => {
  const { stdout } = await promisify(execFile)('npx', ['tsx', 'scripts/demo.ts'], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
  });
  const exits = [...stdout.matchAll(/^\(exit (\d+)\)$/gm)].map((match) => match[1]);
  expect(exits).toEqual(['0', '0', '4', '0']);
  expect(stdout).toContain('"outcome": "deleted"');
  expect(stdout).toMatch(/OAuth clients left in account [0-9a-f]{32}: 1\n$/);
  expect(stdout).not.toContain('demo-token');
  expect(stdout).toMatch(/^Local Cloudflare API emulator at https:\/\/127\.0\.0\.1:\d+\//m);
});
