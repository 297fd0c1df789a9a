/**
 * Start-up: a run that names a command defines that command alone (the others' options cost a
 * delete about 3 ms, bench/README.md); `help`, a mistyped name and `completion` get them all.
 * What a run prints is the same either way: test/e2e/startup.test.ts compares the recorded help
 * of every command with the full CLI, and the e2e tests check each command's errors.
 */
import { Command } from '@commander-js/extra-typings';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../src/cli.js';
import { fakeContext } from '../helpers/in-process.js';

/** The names of the commands `argv`'s run defined, in order. */
async function definedBy(argv: string[]): Promise<{ names: string[]; code: number }> {
  const names: string[] = [];
  const command = Command.prototype.command;
  vi.spyOn(Command.prototype, 'command').mockImplementation(function (
    this: Command,
    ...args: unknown[]
  ) {
    names.push(String(args[0]).split(' ')[0] ?? '');
    return (command as (...a: unknown[]) => Command).apply(this, args);
  } as typeof command);
  const { ctx } = fakeContext();
  const code = await run(argv, ctx);
  return { names, code };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the commands a run defines', () => {
  it.each([
    ['delete', ['delete', '--help']],
    ['rotate-secret', ['rotate-secret', '--bogus']],
    ['create', ['create', '--help']],
  ])('%s alone when argv names it', async (name, argv) => {
    const { names } = await definedBy(argv);
    expect(names).toEqual([name]);
  });

  it('all ten for --help', async () => {
    const { names } = await definedBy(['--help']);
    expect(names).toHaveLength(10);
    expect(names).toEqual(
      expect.arrayContaining(['delete', 'create', 'rotate-secret', 'completion']),
    );
  });

  it.each([[['help', 'delete']], [['delet', 'x']], [['completion', 'bash']]])(
    'all of them for %j',
    async (argv) => {
      const all = (await definedBy(['--help'])).names;
      vi.restoreAllMocks();
      const { names } = await definedBy(argv);
      expect(names).toEqual(all);
    },
  );
});
