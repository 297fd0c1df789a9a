/**
 * The diff of `plan` for 1,000 live clients and a 1,000-entry file stays under the 200 ms the
 * issue sets (a few tens of ms on an idle machine; `npm run bench:plan` gives the figures).
 */
import { describe, expect, it } from 'vitest';
import { planFixture } from '../../bench/plan-fixture.js';
import { parseClientsFile } from '../../src/clients/clients-file.js';
import { computePlan } from '../../src/clients/plan.js';

describe('plan speed', () => {
  it('diffs 1,000 entries against 1,000 clients in under 200 ms (median of 5)', async () => {
    const { live, fileText } = planFixture();
    const file = await parseClientsFile(fileText, 'bench.json', { prune: true });
    const times: number[] = [];
    for (let run = 0; run < 6; run++) {
      const started = performance.now();
      const plan = computePlan(file.entries, live, { prune: true });
      times.push(performance.now() - started);
      expect(plan.changes).toHaveLength(933);
    }
    const median = times.slice(1).sort((a, b) => a - b)[2] as number;
    expect(median).toBeLessThan(200);
  });
});
