/**
 * What a batch shows while it runs and when it ends. Text mode: each ID now gone (or, in a dry
 * run, found, with its name) on stdout as it completes, one per line so it pipes; each failure
 * on stderr as it happens; a summary line on stderr at the end; on a terminal, a progress line.
 * --json: nothing but notes until the one document at the end. When stdout was closed, the
 * summary line goes to stderr in both modes.
 */

import type { Pause } from '../api/pacer.js';
import { formatUtcClockTime } from '../api/retry-policy.js';
import type { BatchResults } from '../batch/results.js';
import type { Context } from '../context.js';
import { type ClientOutcome, isSuccess } from '../outcome.js';
import {
  type BatchKind,
  batchSummaryMarkdown,
  renderBatchFailure,
  summaryLine,
  writeBatchDocument,
} from './batch-report.js';
import { startProgress } from './progress.js';
import { cellText } from './table.js';
import type { Terminal } from './terminal.js';
import { createWriteQueue } from './write-queue.js';

export interface BatchDisplay {
  /** One ID is done; its note and `warning` say more about how (stderr, in both modes). */
  result(id: string, outcome: ClientOutcome, warning?: string): void;
  /** Every request waits for the rate limit. */
  pause(pause: Pause): void;
  /** No further ID will be sent, because of `reason`. */
  stopped(reason: string): void;
  /** The report: the JSON document (IDs in input order), or the summary line. */
  finish(ids: Iterable<string>): void;
}

export async function openBatchDisplay(
  ctx: Context,
  term: Terminal,
  kind: BatchKind,
  results: BatchResults,
): Promise<BatchDisplay> {
  const progress = await startProgress(ctx, term.json || term.tracing, '', term.stderrColour);
  const queue = createWriteQueue({ out: term.out, err: term.err, around: progress.print });
  const verb = kind === 'dry-run' ? 'Looking up' : 'Deleting';
  let pausedUntil = 0;
  const refresh = () => {
    if (!progress.shown) return;
    const { counts, size } = results;
    const failed = counts.failed + counts.unknown;
    const waiting =
      pausedUntil > ctx.clock.now()
        ? `, waiting for the rate limit until ${formatUtcClockTime(pausedUntil)}`
        : '';
    progress.update(`${verb} ${size - counts.not_attempted}/${size}, ${failed} failed${waiting}`);
  };
  refresh();

  return {
    result(id, outcome, warning) {
      if (warning) {
        // Rare enough to write at once, after whatever is queued.
        queue.flush();
        progress.print(() => term.warn(warning));
      }
      if (outcome.note) queue.err(`${outcome.note}\n`);
      if (!term.json) {
        if (outcome.failure) {
          queue.err(renderBatchFailure(term, id, outcome.failure, outcome.errors));
        } else if (isSuccess(outcome.outcome)) {
          // The name as `list` prints it: escaped, not quoted, so the lines cut and join alike.
          queue.out(kind === 'dry-run' ? `${id}\t${cellText(outcome.name)}\n` : `${id}\n`);
        }
      }
      refresh();
    },
    pause(pause) {
      pausedUntil = pause.until;
      queue.err(pauseLine(pause));
      refresh();
    },
    stopped(reason) {
      queue.err(`stopped sending: ${reason}; the remaining IDs were not attempted\n`);
    },
    finish(ids) {
      queue.flush();
      progress.stop();
      // A closed stdout cannot take the document: the summary goes where it can be read.
      if (term.json && ctx.interrupts.signal() !== 'EPIPE') {
        writeBatchDocument(term.out, kind, ids, results);
      } else {
        term.err(summaryLine(kind, results.counts));
      }
      term.actions?.summary(batchSummaryMarkdown(kind, ids, results));
    },
  };
}

/** The stderr line of a pause that holds every request (a batch's, an apply's). */
export function pauseLine(pause: Pause): string {
  const until = formatUtcClockTime(pause.until);
  return pause.reason === 'budget'
    ? `rate limit: this window's budget is used up; every request waits until ${until}\n`
    : `rate limit: the API answered 429; every request waits until ${until}\n`;
}
