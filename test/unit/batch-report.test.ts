/**
 * The batch report: the compact result store, the streamed JSON document (identical to
 * rendering the whole document at once), the summary line, and the coalescing write queue.
 */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { BatchResults } from '../../src/batch/results.js';
import type { ApiMessage, Failure } from '../../src/errors.js';
import type { ClientOutcome } from '../../src/outcome.js';
import {
  batchEntryDocument,
  summaryDocument,
  summaryLine,
  writeBatchDocument,
} from '../../src/output/batch-report.js';
import { renderJson } from '../../src/output/json.js';
import { createWriteQueue } from '../../src/output/write-queue.js';

const RUNS = { seed: 20261126, numRuns: 1000 };

function failure(exitCode: number, type: Failure['type']): Failure {
  return {
    exitCode,
    type,
    message: `${type} happened`,
    hint: undefined,
    status: exitCode === 4 ? 404 : null,
    cfRay: exitCode === 4 ? 'ray-1' : undefined,
    attempts: 1,
    credentialSource: undefined,
  };
}

const deleted: ClientOutcome = { outcome: 'deleted', status: 200, errors: [], failure: undefined };
const missing: ClientOutcome = {
  outcome: 'failed',
  status: 404,
  errors: [{ code: 7003, message: 'OAuth client not found' }],
  failure: failure(4, 'not_found'),
};
const refused: ClientOutcome = {
  outcome: 'failed',
  status: 403,
  errors: [],
  failure: failure(3, 'auth'),
};

describe('BatchResults', () => {
  it('starts with every ID not attempted, and counts as results come in', () => {
    const results = new BatchResults(4);
    expect(results.counts).toMatchObject({ not_attempted: 4, deleted: 0, failed: 0 });
    results.record(2, deleted);
    results.record(0, deleted);
    expect(results.counts).toMatchObject({ not_attempted: 2, deleted: 2 });
    expect(results.entry(1)).toEqual({
      outcome: 'not_attempted',
      status: null,
      errors: [],
      failure: undefined,
    });
    expect(results.entry(2)).toEqual(deleted);
  });

  it('exits with the code of the first failure in input order, whatever order they finish in', () => {
    const results = new BatchResults(5);
    results.record(3, refused);
    expect(results.firstFailureExitCode).toBe(3);
    results.record(1, missing);
    results.record(4, missing);
    expect(results.firstFailureExitCode).toBe(4);
    expect(results.entry(1)).toEqual(missing);
    expect(new BatchResults(1).firstFailureExitCode).toBeUndefined();
  });

  it('keeps a dry run’s names, null included', () => {
    const results = new BatchResults(2);
    const found: ClientOutcome = {
      outcome: 'would_delete',
      status: 200,
      errors: [],
      failure: undefined,
    };
    results.record(0, { ...found, name: 'Acme staging' });
    results.record(1, { ...found, name: null });
    expect(results.entry(0).name).toBe('Acme staging');
    expect(results.entry(1).name).toBeNull();
    expect(results.counts.would_delete).toBe(2);
  });
});

describe('the JSON report', () => {
  const entry = fc.oneof(
    fc.constant(deleted),
    fc.constant(missing),
    fc.constant(refused),
    fc.constant({ ...deleted, outcome: 'already_absent' as const, status: 404 }),
    fc.record({
      outcome: fc.constant('would_delete' as const),
      status: fc.constant(200),
      errors: fc.constant<ApiMessage[]>([]),
      failure: fc.constant(undefined),
      name: fc.oneof(fc.string(), fc.constant(null)),
    }),
  );

  it('is exactly what rendering the whole document at once gives', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.string({ minLength: 1 }), fc.option(entry)), { maxLength: 8 }),
        fc.constantFrom('delete' as const, 'dry-run' as const),
        (rows, kind) => {
          const results = new BatchResults(rows.length);
          rows.forEach(([, result], index) => {
            if (result) results.record(index, result);
          });
          const ids = rows.map(([id]) => id);
          let streamed = '';
          writeBatchDocument((text) => (streamed += text), kind, ids, results);
          const whole = {
            success: rows.every(([, result]) => result !== null && result.failure === undefined),
            results: ids.map((id, index) => batchEntryDocument(id, results.entry(index))),
            summary: summaryDocument(kind, results.counts, rows.length),
          };
          expect(streamed).toBe(renderJson(whole));
        },
      ),
      RUNS,
    );
  });

  it('writes a large report in pieces, never in one string', () => {
    const results = new BatchResults(1201);
    for (let i = 0; i < 1201; i++) results.record(i, deleted);
    const writes: string[] = [];
    const ids = Array.from({ length: 1201 }, (_, i) => `id-${i}`);
    writeBatchDocument((text) => writes.push(text), 'delete', ids, results);
    expect(writes.length).toBeGreaterThanOrEqual(4);
    expect(Math.max(...writes.map((w) => w.length))).toBeLessThan(100_000);
    const document = JSON.parse(writes.join(''));
    expect(document.results).toHaveLength(1201);
    expect(document.summary).toEqual({
      total: 1201,
      deleted: 1201,
      already_absent: 0,
      failed: 0,
      unknown: 0,
      not_attempted: 0,
    });
  });

  it('describes each result with its error, and a dry run’s with the name', () => {
    expect(batchEntryDocument('x', missing)).toEqual({
      id: 'x',
      success: false,
      outcome: 'failed',
      status: 404,
      errors: [{ code: 7003, message: 'OAuth client not found' }],
      error: {
        type: 'not_found',
        message: 'not_found happened',
        status: 404,
        cf_ray: 'ray-1',
        attempts: 1,
      },
    });
    const found: ClientOutcome = {
      outcome: 'would_delete',
      status: 200,
      errors: [],
      failure: undefined,
    };
    expect(batchEntryDocument('y', { ...found, name: 'Acme' })).toEqual({
      id: 'y',
      success: true,
      outcome: 'would_delete',
      status: 200,
      name: 'Acme',
      errors: [],
    });
  });
});

describe('the summary line', () => {
  it('counts every outcome, and unknown only when there is one', () => {
    const results = new BatchResults(5);
    results.record(0, deleted);
    results.record(1, missing);
    results.record(2, { ...deleted, outcome: 'already_absent', status: 404 });
    expect(summaryLine('delete', results.counts)).toBe(
      'Deleted 1, already absent 1, failed 1, not attempted 2\n',
    );
    results.record(3, { ...missing, outcome: 'unknown', status: null });
    expect(summaryLine('delete', results.counts)).toBe(
      'Deleted 1, already absent 1, failed 1, unknown 1, not attempted 1\n',
    );
    expect(summaryLine('dry-run', results.counts)).toBe(
      'Would delete 0, failed 1, not attempted 1 (dry run: nothing was deleted)\n',
    );
  });
});

describe('the write queue', () => {
  function recording() {
    const writes: Array<[string, string]> = [];
    let around = 0;
    const queue = createWriteQueue({
      out: (text) => writes.push(['out', text]),
      err: (text) => writes.push(['err', text]),
      around: (write) => {
        around += 1;
        write();
      },
    });
    return { queue, writes, around: () => around };
  }

  it('writes lines together, in order, within 50 ms', () => {
    vi.useFakeTimers();
    try {
      const { queue, writes, around } = recording();
      queue.out('a\n');
      queue.out('b\n');
      queue.err('oops\n');
      queue.out('c\n');
      expect(writes).toEqual([]);
      vi.advanceTimersByTime(50);
      expect(writes).toEqual([
        ['out', 'a\nb\n'],
        ['err', 'oops\n'],
        ['out', 'c\n'],
      ]);
      expect(around()).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('writes at once when 64 KB wait, and on flush()', () => {
    vi.useFakeTimers();
    try {
      const { queue, writes } = recording();
      queue.out('x'.repeat(64 * 1024));
      expect(writes).toHaveLength(1);
      queue.err('late\n');
      queue.flush();
      expect(writes[1]).toEqual(['err', 'late\n']);
      vi.advanceTimersByTime(100);
      expect(writes).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
