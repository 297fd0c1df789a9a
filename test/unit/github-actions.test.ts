/**
 * Workflow commands and the step summary (src/output/github-actions.ts): the runner's escaping
 * rules (actions/toolkit packages/core/src/command.ts), the mask every secret gets before it is
 * printed, and Markdown table cells that any API message can go into.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BatchResults } from '../../src/batch/results.js';
import { type Context, systemClock } from '../../src/context.js';
import { createInterrupts } from '../../src/interrupts.js';
import type { FailureDetails } from '../../src/outcome.js';
import { batchSummaryMarkdown, SUMMARY_FAILED_ROWS } from '../../src/output/batch-report.js';
import {
  escapeCommandData,
  escapeCommandProperty,
  githubActions,
  markdownCell,
  workflowCommand,
  workflowErrorLine,
} from '../../src/output/github-actions.js';

const RUNS = { seed: 20261130, numRuns: 1000 };

function context(env: Record<string, string>): { ctx: Context; stderr: () => string } {
  let written = '';
  const stream = {
    write: (chunk: string) => {
      written += chunk;
      return true;
    },
  };
  const ctx: Context = {
    streams: { stdin: process.stdin, stdout: { write: () => true }, stderr: stream },
    env,
    cwd: '/',
    homedir: '/',
    nodeVersion: '20.0.0',
    platform: 'linux',
    clock: systemClock,
    interrupts: createInterrupts(0),
  };
  return { ctx, stderr: () => written };
}

/** What the runner does to a command value: the inverse of the escaping. */
function unescapeCommand(text: string): string {
  return text.replace(/%(25|0D|0A|3A|2C)/g, (_, code: string) =>
    String.fromCharCode(Number.parseInt(code, 16)),
  );
}

describe('workflow commands', () => {
  it('escapes values and properties as actions/toolkit does', () => {
    expect(escapeCommandData('50% done\r\nnext: a,b')).toBe('50%25 done%0D%0Anext: a,b');
    expect(escapeCommandProperty('50% done\r\nnext: a,b')).toBe('50%25 done%0D%0Anext%3A a%2Cb');
    expect(workflowCommand('error', { title: 'a:b', file: 'x' }, 'm')).toBe(
      '::error title=a%3Ab,file=x::m\n',
    );
    expect(workflowErrorLine('100% wrong', 'fix it')).toBe(
      '::error title=cf-oauth::100%25 wrong%0Ahint: fix it\n',
    );
  });

  it('always writes one line the runner reads back as the message', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (message) => {
        const line = workflowErrorLine(message);
        expect(line.indexOf('\n')).toBe(line.length - 1);
        expect(line).not.toContain('\r');
        const value = line.slice('::error title=cf-oauth::'.length, -1);
        expect(unescapeCommand(value)).toBe(message);
      }),
      RUNS,
    );
  });

  it('masks a value on stderr, only in GitHub Actions', () => {
    const inActions = context({ GITHUB_ACTIONS: 'true' });
    const actions = githubActions(inActions.ctx);
    actions?.mask('s3cr%t\nline');
    actions?.mask('');
    expect(inActions.stderr()).toBe('::add-mask::s3cr%25t%0Aline\n');

    expect(githubActions(context({}).ctx)).toBeUndefined();
    expect(githubActions(context({ GITHUB_ACTIONS: '1' }).ctx)).toBeUndefined();
  });

  it('appends the summary to GITHUB_STEP_SUMMARY, and only warns when it cannot', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cf-oauth-summary-'));
    const file = join(dir, 'summary.md');
    writeFileSync(file, 'before\n');
    const ok = context({ GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: file });
    githubActions(ok.ctx)?.summary('| a |\n');
    expect(readFileSync(file, 'utf8')).toBe('before\n| a |\n');
    expect(ok.stderr()).toBe('');

    const broken = context({ GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: dir });
    githubActions(broken.ctx)?.summary('| a |\n');
    expect(broken.stderr()).toBe(
      'warning: could not append the step summary to GITHUB_STEP_SUMMARY (EISDIR)\n',
    );
  });
});

describe('the step summary', () => {
  it('keeps every cell one cell, whatever the API message holds', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const cell = markdownCell(text);
        expect(cell).not.toMatch(/[\r\n]/);
        // Every pipe, backtick, bracket, angle bracket and emphasis character is escaped.
        expect(cell.replace(/\\[\\`*_~[\]<>&|]/g, '')).not.toMatch(/[\\`*_~[\]<>&|]/);
      }),
      RUNS,
    );
  });

  it('lists the first failed IDs with their reasons, and counts the rest', () => {
    const size = SUMMARY_FAILED_ROWS + 3;
    const ids = Array.from({ length: size }, (_, i) => i.toString(16).padStart(32, '0'));
    const results = new BatchResults(size);
    const failure: FailureDetails = {
      exitCode: 1,
      type: 'api',
      message: 'a | b <script> *x*',
      hint: undefined,
      status: 500,
      cfRay: undefined,
      attempts: 1,
      credentialSource: undefined,
    };
    // The last ID is never attempted: a count, not a row.
    for (let i = 0; i < size - 1; i += 1) {
      results.record(i, { outcome: 'failed', status: 500, errors: [], failure });
    }
    const markdown = batchSummaryMarkdown('delete', ids, results);
    const rows = markdown.split('\n').filter((line) => line.startsWith(`| ${'0'.repeat(8)}`));
    expect(rows).toHaveLength(SUMMARY_FAILED_ROWS);
    expect(rows[0]).toBe(`| ${ids[0]} | failed | a \\| b \\<script\\> \\*x\\* |`);
    expect(markdown).toContain(`| ${size} | 0 | 0 | ${size - 1} | 0 | 1 |\n`);
    expect(markdown.endsWith('…and 2 more failed IDs: see the `--json` report.\n\n')).toBe(true);
  });
});
