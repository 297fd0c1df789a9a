/**
 * A batch's report: the JSON document (written in pieces, never built whole) and the text
 * summary line. The per-ID lines of text mode are written as results arrive (batch.ts).
 */

import type { BatchResults, OutcomeCounts } from '../batch/results.js';
import type { ApiMessage, Failure } from '../errors.js';
import { type ClientOutcome, isSuccess } from '../outcome.js';
import { markdownCell } from './github-actions.js';
import { errorObject, jsonText } from './json.js';
import type { Terminal } from './terminal.js';

export type BatchKind = 'delete' | 'dry-run';

/** One element of `results`. */
export function batchEntryDocument(id: string, entry: ClientOutcome) {
  return {
    id,
    success: isSuccess(entry.outcome),
    outcome: entry.outcome,
    status: entry.status,
    ...(entry.name === undefined ? {} : { name: entry.name }),
    errors: entry.errors,
    ...(entry.failure === undefined ? {} : { error: errorObject(entry.failure) }),
  };
}

export function summaryDocument(kind: BatchKind, counts: Readonly<OutcomeCounts>, total: number) {
  if (kind === 'dry-run') {
    const { would_delete, failed, not_attempted } = counts;
    return { total, would_delete, failed, not_attempted };
  }
  const { deleted, already_absent, failed, unknown, not_attempted } = counts;
  return { total, deleted, already_absent, failed, unknown, not_attempted };
}

/** How many results go into one write: large enough to be cheap, small enough to stay flat. */
const ENTRIES_PER_WRITE = 500;

/**
 * `{"success", "results": [...], "summary"}`, byte for byte what renderJson would print for the
 * whole document, but written entry by entry so that 100,000 results never sit in one string.
 */
export function writeBatchDocument(
  write: (text: string) => void,
  kind: BatchKind,
  ids: Iterable<string>,
  results: BatchResults,
): void {
  const counts = results.counts;
  const success = counts.failed === 0 && counts.unknown === 0 && counts.not_attempted === 0;
  write(`{\n  "success": ${success},\n  "results": [`);
  let pending: string[] = [];
  let index = 0;
  for (const id of ids) {
    const entry = indent(jsonText(batchEntryDocument(id, results.entry(index))));
    pending.push(`${index === 0 ? '' : ','}\n    ${entry}`);
    index += 1;
    if (pending.length === ENTRIES_PER_WRITE) {
      write(pending.join(''));
      pending = [];
    }
  }
  write(pending.join(''));
  const summary = jsonText(summaryDocument(kind, counts, results.size));
  write(`${index === 0 ? '' : '\n  '}],\n  "summary": ${summary.replaceAll('\n', '\n  ')}\n}\n`);
}

/** An entry's continuation lines sit two levels deep. */
function indent(json: string): string {
  return json.replaceAll('\n', '\n    ');
}

/** `Deleted 498, already absent 0, failed 2, not attempted 0` (unknown only when there are any). */
export function summaryLine(kind: BatchKind, counts: Readonly<OutcomeCounts>): string {
  if (kind === 'dry-run') {
    return `Would delete ${counts.would_delete}, failed ${counts.failed}, not attempted ${counts.not_attempted} (dry run: nothing was deleted)\n`;
  }
  const unknown = counts.unknown > 0 ? `, unknown ${counts.unknown}` : '';
  return `Deleted ${counts.deleted}, already absent ${counts.already_absent}, failed ${counts.failed}${unknown}, not attempted ${counts.not_attempted}\n`;
}

/** The stderr block for one failed ID: the single-delete block, naming the ID first. */
export function renderBatchFailure(
  term: Pick<Terminal, 'failureText'>,
  id: string,
  failure: Failure,
  errors: readonly ApiMessage[],
): string {
  return term.failureText({ ...failure, message: `${id}: ${failure.message}` }, errors);
}

/** How many failed IDs the step summary lists; the --json report has them all. */
export const SUMMARY_FAILED_ROWS = 50;

/**
 * The GitHub Actions step summary of a batch: the counts, then each failed ID with its reason
 * (IDs not attempted are a count, not a failure of their own). IDs and API messages only: a
 * failure's message never holds a secret.
 */
export function batchSummaryMarkdown(
  kind: BatchKind,
  ids: Iterable<string>,
  results: BatchResults,
): string {
  const counts = summaryDocument(kind, results.counts, results.size);
  const names = Object.keys(counts).map((key) => key.replaceAll('_', ' '));
  const lines = [
    `### cf-oauth delete${kind === 'dry-run' ? ' --dry-run' : ''}`,
    '',
    `| ${names.join(' | ')} |`,
    `|${names.map(() => ' ---: |').join('')}`,
    `| ${Object.values(counts).join(' | ')} |`,
  ];
  const failed: string[] = [];
  let more = 0;
  let index = 0;
  for (const id of ids) {
    const { outcome, failure } = results.entry(index);
    index += 1;
    if (failure === undefined) continue;
    if (failed.length === SUMMARY_FAILED_ROWS) more += 1;
    else failed.push(`| ${markdownCell(id)} | ${outcome} | ${markdownCell(failure.message)} |`);
  }
  if (failed.length > 0) {
    lines.push('', '| failed ID | outcome | reason |', '| --- | --- | --- |', ...failed);
  }
  if (more > 0) lines.push('', `…and ${more} more failed IDs: see the \`--json\` report.`);
  return `${lines.join('\n')}\n\n`;
}
