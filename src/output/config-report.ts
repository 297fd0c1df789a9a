import type { ReportedSetting, SettingsReport } from '../config/report.js';
import type { ApiMessage } from '../errors.js';
import type { FailureDetails } from '../outcome.js';
import type { Painter } from './colour.js';
import { errorObject } from './json.js';
import { cellText, renderTable } from './table.js';

/** Who owns an API token: a user (verified at /user) or an account (verified under it). */
export type TokenKind = 'user-owned' | 'account-owned';

/** What `config --check` learnt from the API. */
export type CredentialCheck =
  | { ok: true; request: string; status: number; credential: string; token_kind?: TokenKind }
  | { ok: false; request: string; errors: ApiMessage[]; failure: FailureDetails };

/** Settings as aligned `name  value  source` lines, then the files searched, warnings, problems. */
export function renderSettingsReport(report: SettingsReport, paint: Painter): string {
  const rows = report.settings.map((setting) => [
    setting.label,
    setting.value === undefined ? '(not set)' : cellText(setting.value),
    sourceText(setting),
  ]);
  rows.push(['rc file', report.rcFile === undefined ? '(none found)' : cellText(report.rcFile)]);
  const sections = [renderTable(rows)];
  sections.push(listSection('rc files searched, in order:', report.searched.map(cellText)));
  if (report.warnings.length > 0) {
    const warning = paint.yellow('warning:');
    sections.push(report.warnings.map((text) => `${warning} ${text}\n`).join(''));
  }
  if (report.problems.length > 0) {
    const error = paint.red('error:');
    const hint = paint.yellow('hint:');
    sections.push(
      report.problems
        .map(
          (problem) =>
            `${error} ${problem.message}\n${problem.hint ? `  ${hint} ${problem.hint}\n` : ''}`,
        )
        .join(''),
    );
  }
  return sections.join('\n');
}

/** The last line of `config --check` when the API accepted the credential. */
export function renderCheckPassed(
  check: Extract<CredentialCheck, { ok: true }>,
  paint: Painter,
): string {
  const kind = check.token_kind === undefined ? '' : `${check.token_kind} token; `;
  return `${paint.green('✓')} the API accepts the ${check.credential} (${kind}${check.request}: HTTP ${check.status})\n`;
}

/** One JSON document: settings keyed by name, each `{value, source}` or null. */
export function configDocument(report: SettingsReport, check: CredentialCheck | undefined) {
  return {
    settings: Object.fromEntries(
      report.settings.map((setting) => [
        setting.key,
        setting.value === undefined ? null : { value: setting.value, source: setting.source },
      ]),
    ),
    rc_file: report.rcFile ?? null,
    searched: report.searched,
    warnings: report.warnings,
    problems: report.problems.map((problem) => ({
      message: problem.message,
      ...(problem.hint === undefined ? {} : { hint: problem.hint }),
    })),
    check: check === undefined ? null : checkObject(check),
  };
}

function checkObject(check: CredentialCheck) {
  if (check.ok) return check;
  return {
    ok: false,
    request: check.request,
    errors: check.errors,
    error: errorObject(check.failure),
  };
}

function sourceText(setting: ReportedSetting): string {
  if (setting.source === 'default') return '(default)';
  if (setting.source !== undefined) return `from ${cellText(setting.source)}`;
  return setting.key === 'account_id' ? 'looked up with GET /accounts when a command needs it' : '';
}

function listSection(heading: string, lines: readonly string[]): string {
  return `${heading}\n${lines.map((line) => `  ${line}\n`).join('')}`;
}
