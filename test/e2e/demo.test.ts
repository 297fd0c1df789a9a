/** `npm run demo` is the first thing a newcomer runs: keep it working. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

it('the demo deletes, runs a client through create, rotate, finish, backup and restore, then plans and applies a file', async () => {
  const { stdout } = await promisify(execFile)('npx', ['tsx', 'scripts/demo.ts'], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
  });
  const exits = [...stdout.matchAll(/^\(exit (\d+)\)$/gm)].map((match) => match[1]);
  expect(exits).toEqual(['0', '0', '4', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0']);
  expect(stdout).toContain('"outcome": "deleted"');
  expect(stdout).toMatch(/OAuth clients left in account [0-9a-f]{32}: 1\n/);
  expect(stdout).toContain('Rotated secret:  pending');
  expect(stdout).toMatch(
    /Restored from the backup as a new client: [0-9a-f]{32} \(the old ID [0-9a-f]{32} is gone for good\)\n/,
  );
  expect(stdout).toContain('1 to create, 1 to update, 1 to delete, 0 unchanged\n');
  expect(stdout).toMatch(/0 to create, 0 to update, 0 to delete, 2 unchanged\n\(exit 0\)\n$/);
  expect(stdout).not.toContain('cfsecret_');
  expect(stdout).not.toContain('demo-token');
  expect(stdout).toMatch(/^Local Cloudflare API emulator at https:\/\/127\.0\.0\.1:\d+\//m);
});
