/**
 * What happened to each ID of a batch, kept compactly so that 100,000 IDs cost a few hundred KB:
 * an outcome and a status per ID in typed arrays, and full details only for the few IDs that
 * have more to say (a failure, the API's errors, a dry run's client name). The IDs themselves
 * stay in the input Set; results are looked up by input position.
 */

import type { ApiMessage, Failure } from '../errors.js';
import type { Outcome } from '../outcome.js';

/** A delete's outcome, or what a dry run concluded. */
export type BatchOutcome = Outcome | 'would_delete';

export interface BatchEntry {
  outcome: BatchOutcome;
  status: number | null;
  /** The API's errors[], verbatim. */
  errors: ApiMessage[];
  failure: Failure | undefined;
  /** --dry-run: the client's name (null when it has none). */
  name?: string | null;
}

/** Index 0 is what every ID starts as: nothing was sent for it. */
const OUTCOMES: readonly BatchOutcome[] = [
  'not_attempted',
  'deleted',
  'already_absent',
  'failed',
  'unknown',
  'would_delete',
];

const NO_ERRORS: ApiMessage[] = [];

export type OutcomeCounts = Record<BatchOutcome, number>;

export class BatchResults {
  private readonly outcomes: Uint8Array;
  /** 0 stands for null: no HTTP answer. */
  private readonly statuses: Uint16Array;
  private readonly details = new Map<number, Pick<BatchEntry, 'errors' | 'failure' | 'name'>>();
  private readonly tally = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as OutcomeCounts;
  private firstFailure: { index: number; exitCode: number } | undefined;

  constructor(readonly size: number) {
    this.outcomes = new Uint8Array(size);
    this.statuses = new Uint16Array(size);
    this.tally.not_attempted = size;
  }

  record(index: number, entry: BatchEntry): void {
    this.tally[this.outcomeAt(index)] -= 1;
    this.tally[entry.outcome] += 1;
    this.outcomes[index] = OUTCOMES.indexOf(entry.outcome);
    this.statuses[index] = entry.status ?? 0;
    const { errors, failure, name } = entry;
    if (errors.length > 0 || failure !== undefined || name !== undefined) {
      this.details.set(index, { errors, failure, name });
    } else {
      this.details.delete(index);
    }
    if (failure && (this.firstFailure === undefined || index < this.firstFailure.index)) {
      this.firstFailure = { index, exitCode: failure.exitCode };
    }
  }

  entry(index: number): BatchEntry {
    const status = this.statuses[index] ?? 0;
    const details = this.details.get(index);
    return {
      outcome: this.outcomeAt(index),
      status: status === 0 ? null : status,
      errors: details?.errors ?? NO_ERRORS,
      failure: details?.failure,
      ...(details?.name === undefined ? {} : { name: details.name }),
    };
  }

  get counts(): Readonly<OutcomeCounts> {
    return this.tally;
  }

  /** The exit code of the first failed ID in input order; undefined when none failed. */
  get firstFailureExitCode(): number | undefined {
    return this.firstFailure?.exitCode;
  }

  private outcomeAt(index: number): BatchOutcome {
    return OUTCOMES[this.outcomes[index] ?? 0] ?? 'not_attempted';
  }
}

/** The outcomes that leave the client gone (or, in a dry run, found). */
export function isSuccess(outcome: BatchOutcome): boolean {
  return outcome === 'deleted' || outcome === 'already_absent' || outcome === 'would_delete';
}
