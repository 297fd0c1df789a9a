/**
 * In GitHub Actions (GITHUB_ACTIONS=true): every failure also as an `::error` workflow command on
 * stderr (text mode only), and a batch's Markdown summary appended to GITHUB_STEP_SUMMARY. The
 * built bin against the emulator; exact lines and file contents.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeHome, runBin } from '../helpers/cli.js';
import { ACCOUNT, READ_ONLY_TOKEN, useEmulator } from '../helpers/fixture.js';

const api = useEmulator();
const MISSING = 'ffffffffffffffffffffffffffffffff';
const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** A fresh home with an empty step-summary file; the env of a step on a runner. */
function runner(extra: Record<string, string> = {}) {
  const place = makeHome();
  const summary = join(place.home, 'step_summary.md');
  writeFileSync(summary, '');
  const env = {
    ...api.env,
    GITHUB_ACTIONS: 'true',
    GITHUB_STEP_SUMMARY: summary,
    ...extra,
  };
  return { ...place, env, summary: () => readFileSync(summary, 'utf8') };
}

/** The cf-ray of the error block, which the emulator numbers per request. */
const ray = (stderr: string) => /cf-ray (\S+)/.exec(stderr)?.[1] ?? 'none';

describe('in GitHub Actions', () => {
  it('writes a failure also as an ::error workflow command on stderr', async () => {
    const step = runner();
    const run = await runBin(['delete', MISSING, '-a', ACCOUNT], step);

    expect(run.code).toBe(4);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'error: OAuth client not found (code 7003)\n' +
        `  HTTP 404, cf-ray ${ray(run.stderr)}\n` +
        '::error title=cf-oauth::OAuth client not found (code 7003)\n',
    );
    // A single delete is not a batch: no summary.
    expect(step.summary()).toBe('');
  });

  it("puts the hint on the annotation's second line, escaped", async () => {
    const run = await runBin(['delete', MISSING, '-a', ACCOUNT], {
      ...runner({ CLOUDFLARE_API_TOKEN: READ_ONLY_TOKEN }),
    });

    expect(run.code).toBe(3);
    const lines = run.stderr.split('\n');
    expect(lines.at(-2)).toMatch(
      /^::error title=cf-oauth::.+%0Ahint: the credential needs the "OAuth Client Write" permission on this account$/,
    );
  });

  it('writes a usage error as ::error too', async () => {
    const run = await runBin(['delete', '--bogus'], runner());

    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: "error: unknown option '--bogus'\n::error title=cf-oauth::unknown option '--bogus'\n",
    });
  });

  it('writes a configuration problem as ::error', async () => {
    const step = runner({ CLOUDFLARE_ACCOUNT_ID: 'not-an-account' });
    const run = await runBin(['config'], step);

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^::error title=cf-oauth::.*account.*\n$/m);
  });

  it('keeps --json one document on stdout, with no workflow command', async () => {
    const run = await runBin(['delete', MISSING, '-a', ACCOUNT, '--json'], runner());

    expect(run.code).toBe(4);
    expect(JSON.parse(run.stdout).error.type).toBe('not_found');
    expect(run.stderr).toBe('');
  });

  it('appends the README summary table of a batch, in text and JSON mode', async () => {
    const summaryInReadme = /```markdown\n([\s\S]*?)```/.exec(README)?.[1]?.replace(/^ {2}/gm, '');
    for (const json of [false, true]) {
      const step = runner();
      writeFileSync(join(step.home, 'step_summary.md'), 'earlier step\n');
      const ids = [api.newClient('One'), api.newClient('Two'), MISSING];
      const run = await runBin(
        ['delete', ...ids, '-a', ACCOUNT, ...(json ? ['--json'] : [])],
        step,
      );

      expect(run.code).toBe(4);
      expect(step.summary()).toBe(`earlier step\n${summaryInReadme}\n`);
      const errorLines = run.stderr.split('\n').filter((line) => line.startsWith('::'));
      expect(errorLines).toEqual(
        json ? [] : [`::error title=cf-oauth::${MISSING}: OAuth client not found (code 7003)`],
      );
    }
  });

  it('summarises a dry run', async () => {
    const step = runner();
    const present = api.newClient('Present');
    const dry = await runBin(['delete', present, MISSING, '-a', ACCOUNT, '--dry-run'], step);
    expect(dry.code).toBe(4);
    expect(step.summary()).toBe(
      '### cf-oauth delete --dry-run\n\n' +
        '| total | would delete | failed | not attempted |\n' +
        '| ---: | ---: | ---: | ---: |\n' +
        '| 2 | 1 | 1 | 0 |\n\n' +
        '| failed ID | outcome | reason |\n' +
        '| --- | --- | --- |\n' +
        `| ${MISSING} | failed | OAuth client not found (code 7003) |\n\n`,
    );
  });

  it('does nothing of the sort outside GitHub Actions', async () => {
    const step = runner({ GITHUB_ACTIONS: 'false' });
    const run = await runBin(['delete', api.newClient(), MISSING, '-a', ACCOUNT], step);

    expect(run.code).toBe(4);
    expect(run.stderr).not.toContain('::');
    expect(step.summary()).toBe('');
  });
});
