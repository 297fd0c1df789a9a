/**
 * The first SIGINT/SIGTERM ends any wait for input, with the built bin and real signals: the
 * IDs from a stdin nobody writes to, an rc file that is a FIFO nobody writes to, and the
 * confirmation prompt on a terminal (a pty made by `script`). Exit 130/143, nothing sent.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, makeHome, runBin } from '../helpers/cli.js';
import { ACCOUNT, expectNoSecrets, useEmulator } from '../helpers/fixture.js';

const api = useEmulator();

/** Long enough for the bin to start and block on its input, even on a loaded machine. */
const SETTLE_MS = 1000;

/** Sends `signal` once the bin is waiting; kills it outright if it is still there 5 s later. */
function signalWhileWaiting(signal: NodeJS.Signals) {
  return (child: ChildProcess) => {
    setTimeout(() => child.kill(signal), SETTLE_MS);
    setTimeout(() => child.kill('SIGKILL'), SETTLE_MS + 5000).unref();
  };
}

describe('a signal while waiting for input', () => {
  it('reading --from-file - from a pipe nobody writes to: SIGTERM ends it (143), nothing sent', async () => {
    const run = await runBin(['delete', '--from-file', '-', '-a', ACCOUNT, '--yes'], {
      env: api.env,
      stdinOpen: true,
      onSpawn: signalWhileWaiting('SIGTERM'),
    });
    expect(run.code).toBe(143);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'error: interrupted while reading the IDs from stdin: nothing was sent\n',
    );
    expect(api.emulator.requests).toEqual([]);
  });

  it('the same with SIGINT and --json: 130 and a complete document', async () => {
    const run = await runBin(['delete', '--from-file', '-', '-a', ACCOUNT, '--yes', '--json'], {
      env: api.env,
      stdinOpen: true,
      onSpawn: signalWhileWaiting('SIGINT'),
    });
    expect(run.code).toBe(130);
    expect(JSON.parse(run.stdout)).toMatchObject({
      success: false,
      error: {
        type: 'interrupted',
        message: 'interrupted while reading the IDs from stdin: nothing was sent',
      },
    });
    expect(api.emulator.requests).toEqual([]);
  });

  it('--config naming a FIFO nobody writes to: SIGTERM ends it (143)', async () => {
    const { home, cwd } = makeHome();
    const fifo = join(home, 'rc.json');
    execFileSync('mkfifo', [fifo]);
    const run = await runBin(['list', '-a', ACCOUNT, '--config', fifo], {
      env: api.env,
      home,
      cwd,
      onSpawn: signalWhileWaiting('SIGTERM'),
    });
    expect(run.code).toBe(143);
    expect(run.stderr).toBe('error: interrupted while reading the config file: nothing was sent\n');
    expect(api.emulator.requests).toEqual([]);
  });
});

/** The bin on a pseudo-terminal (util-linux `script`), so it asks for confirmation. */
function onTerminal(args: string[]): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
} {
  const { home, cwd } = makeHome();
  const command = ['exec', process.execPath, BIN, ...args].map(shellQuote).join(' ');
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    cwd,
    env: { PATH: process.env.PATH, HOME: home, TERM: 'dumb', ...api.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    text += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
  return { child, output: () => text, exited };
}

const shellQuote = (word: string) => `'${word.replaceAll("'", "'\\''")}'`;

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('a signal at the confirmation prompt', () => {
  it('SIGTERM to the waiting bin: 143, not "not confirmed"; nothing deleted', async () => {
    const id = api.newClient();
    const term = onTerminal(['delete', id, '-a', ACCOUNT]);
    await until(() => term.output().includes('[y/N]'));
    // The bin is the only child of `script` (it was exec'd by script's shell).
    const pid = Number(
      execFileSync('pgrep', ['-P', String(term.child.pid)])
        .toString()
        .trim(),
    );
    process.kill(pid, 'SIGTERM');
    expect(await term.exited).toBe(143);
    expect(term.output()).toContain('interrupted while waiting for an answer');
    expect(term.output()).not.toContain('not confirmed');
    expectNoSecrets(term.output());
    expect(api.emulator.deleted).toEqual([]);
  });

  it('Ctrl-C typed at the prompt: 130', async () => {
    const id = api.newClient();
    const term = onTerminal(['delete', id, '-a', ACCOUNT]);
    await until(() => term.output().includes('[y/N]'));
    term.child.stdin?.write('\x03');
    expect(await term.exited).toBe(130);
    expect(term.output()).toContain('interrupted while waiting for an answer');
    expect(api.emulator.deleted).toEqual([]);
  });

  it('typing IDs on a terminal: Ctrl-C ends the reading (130), nothing sent', async () => {
    const term = onTerminal(['delete', '--from-file', '-', '-a', ACCOUNT, '--yes']);
    term.child.stdin?.write(`${api.newClient()}\n`);
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    term.child.stdin?.write('\x03');
    expect(await term.exited).toBe(130);
    expect(term.output()).toContain(
      'interrupted while reading the IDs from stdin: nothing was sent',
    );
    expect(api.emulator.requests).toEqual([]);
  });
});
