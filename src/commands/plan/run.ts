import { READ_PERMISSION } from '../../api/permissions.js';
import { planDocument } from '../../clients/plan.js';
import type { Context } from '../../context.js';
import { EXIT } from '../../errors.js';
import { renderJson } from '../../output/json.js';
import { planSummaryMarkdown, renderPlanText } from '../../output/plan-text.js';
import { runApiCommand } from '../../session/api-command.js';
import { planFromFile } from './compute.js';
import type { PlanOptions } from './definition.js';

/**
 * `cf-oauth plan`: what `apply` would change, from GETs only. Text (+, ~, - and the counts) or
 * the --json document on stdout; with --exit-code, exit 6 when anything would change.
 */
export function run(options: PlanOptions, ctx: Context): Promise<number> {
  return runApiCommand(options, ctx, READ_PERMISSION, async (openSession, term) => {
    const { plan } = await planFromFile(options, ctx, term, openSession);
    term.out(term.json ? renderJson(planDocument(plan)) : renderPlanText(plan, term.paintOut));
    term.actions?.summary(planSummaryMarkdown('cf-oauth plan', plan));
    return options.exitCode && plan.changes.length > 0 ? EXIT.changes : undefined;
  });
}
