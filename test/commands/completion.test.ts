/**
 * `completion`'s run function in-process, and what cli.ts does when a run function throws
 * (a bug): one line, and the stack only with CF_OAUTH_DEBUG=1.
 */
import { Command } from '@commander-js/extra-typings';
import { describe, expect, it } from 'vitest';
import { run as runCli } from '../../src/cli.js';
import { defineCompletion } from '../../src/commands/completion/definition.js';
import { run } from '../../src/commands/completion/run.js';
import { defineList } from '../../src/commands/list/definition.js';
import { fakeContext } from '../helpers/in-process.js';

describe('completion run', () => {
  it("completes the program's commands and their flags", () => {
    const program = new Command('cf-oauth');
    const completion = defineCompletion(program);
    defineList(program);
    const { ctx, output } = fakeContext();

    expect(run('bash', {}, ctx, completion)).toBe(0);
    const script = output().stdout;
    expect(script).toContain('completion list');
    expect(script).toContain('--filter');
  });
});

describe('a run function that throws', () => {
  function brokenStdout(env: Record<string, string> = {}) {
    const { ctx, output } = fakeContext({ env });
    ctx.streams.stdout.write = () => {
      throw new Error('stdout broke');
    };
    return { ctx, output };
  }

  it('is an internal error in one line, exit 1', async () => {
    const { ctx, output } = brokenStdout();
    expect(await runCli(['completion', 'bash'], ctx)).toBe(1);
    expect(output().stderr).toBe('cf-oauth: internal error: stdout broke\n');
  });

  it('shows its stack with CF_OAUTH_DEBUG=1', async () => {
    const { ctx, output } = brokenStdout({ CF_OAUTH_DEBUG: '1' });
    expect(await runCli(['completion', 'bash'], ctx)).toBe(1);
    const { stderr } = output();
    expect(stderr).toMatch(/^cf-oauth: internal error: stdout broke\nError: stdout broke\n {4}at /);
    expect(stderr).toMatch(/ {4}at .*src[/\\]commands[/\\]completion[/\\]run\.ts:\d+/);
  });
});
