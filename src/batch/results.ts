/**
 * What happened to each ID of a batch, kept compactly so that 100,000 IDs cost a few hundred KB:
 * an outcome and a status per ID in typed arrays, and the rest of a ClientOutcome only for the
 * few IDs that have more to say (a failure, the API's errors, a dry run's client name). What the
 * batch report never shows (the API's result and messages, the note, already on stderr) is not
 * kept. The IDs themselves stay in the input Set; results are looked up by input position.
 */

import type { ApiMessage } from '../errors.js';
import type { ClientOutcome, Outcome } from '../outcome.js';

/** Index 0 is what every ID starts as: nothing was sent for it. */
const OUTCOMES: readonly Outcome[] = [
  'not_attempted',
  'deleted',
  'already_absent',
  'failed',
  'unknown',
  'would_delete',
  'created',
  'updated',
];

const NO_ERRORS: ApiMessage[] = [];

export type OutcomeCounts = Record<Outcome, number>;

/** The part of a ClientOutcome a batch keeps beyond its outcome and status. */
type Details = Pick<ClientOutcome, 'errors' | 'failure' | 'name'>;

export class BatchResults {
  private readonly outcomes: Uint8Array;
  /** 0 stands for null: no HTTP answer. */
  private readonly statuses: Uint16Array;
  private readonly details = new Map<number, Details>();
  private readonly tally = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as OutcomeCounts;
  private firstFailure: { index: number; exitCode: number } | undefined;

  constructor(readonly size: number) {
    this.outcomes = new Uint8Array(size);
    this.statuses = new Uint16Array(size);
    this.tally.not_attempted = size;
  }

  record(index: number, entry: ClientOutcome): void {
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

  entry(index: number): ClientOutcome {
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

  private outcomeAt(index: number): Outcome {
    return OUTCOMES[this.outcomes[index] ?? 0] ?? 'not_attempted';
  }
}
