/**
 * GitHub Actions workflow commands and the step summary. The runner reads `::command::value`
 * lines on a step's stdout and stderr alike; cf-oauth writes them to stderr only, so stdout stays
 * the data (`id=$(cf-oauth …)` captures stdout: a mask written there would never reach the
 * runner). Detected by `GITHUB_ACTIONS=true`, the runner's own convention.
 *
 * @actions/core writes its commands to process.stdout and reads process.env itself, so the few
 * lines it would bring are written here, with its escaping rules (packages/core/src/command.ts).
 */

import { appendFileSync } from 'node:fs';
import type { Context, OutputStream } from '../context.js';

export interface GithubActions {
  /** `::error title=cf-oauth::<message>`: an annotation on the run. */
  error(message: string, hint?: string | undefined): void;
  /** `::add-mask::<value>`: the runner hides every later occurrence of value in the log. */
  mask(value: string): void;
  /** Appends Markdown to the file named by GITHUB_STEP_SUMMARY, when there is one. */
  summary(markdown: string): void;
}

/** The runner's escaping of a command's value. */
export function escapeCommandData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

/** The runner's escaping of a command's property (`title=…`), which also splits on `:` and `,`. */
export function escapeCommandProperty(text: string): string {
  return escapeCommandData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

/** A workflow command line: `::name key=value,…::value`. */
export function workflowCommand(
  name: string,
  properties: Readonly<Record<string, string>>,
  value: string,
): string {
  const props = Object.entries(properties)
    .map(([key, property]) => `${key}=${escapeCommandProperty(property)}`)
    .join(',');
  return `::${name}${props === '' ? '' : ` ${props}`}::${escapeCommandData(value)}\n`;
}

/** `::error title=cf-oauth::<message>` (and the hint on a second line of the annotation). */
export function workflowErrorLine(message: string, hint?: string | undefined): string {
  const value = hint === undefined ? message : `${message}\nhint: ${hint}`;
  return workflowCommand('error', { title: 'cf-oauth' }, value);
}

/** The workflow commands of this run, or undefined outside GitHub Actions. */
export function githubActions(ctx: Context): GithubActions | undefined {
  if (ctx.env.GITHUB_ACTIONS !== 'true') return undefined;
  return workflowCommands(ctx.streams.stderr, ctx.env.GITHUB_STEP_SUMMARY);
}

function workflowCommands(stderr: OutputStream, summaryFile: string | undefined): GithubActions {
  return {
    error: (message, hint) => void stderr.write(workflowErrorLine(message, hint)),
    mask: (value) => {
      // An empty mask would be meaningless, and the runner ignores it anyway.
      if (value !== '') stderr.write(workflowCommand('add-mask', {}, value));
    },
    summary: (markdown) => {
      if (summaryFile === undefined || summaryFile.trim() === '') return;
      try {
        appendFileSync(summaryFile, markdown);
      } catch (error) {
        // The summary is a courtesy: a missing or read-only file must not fail the run.
        const code = (error as NodeJS.ErrnoException).code ?? 'error';
        stderr.write(
          `warning: could not append the step summary to GITHUB_STEP_SUMMARY (${code})\n`,
        );
      }
    },
  };
}

/**
 * Text for one Markdown table cell: the characters that would end the cell, start a line, or be
 * read as emphasis, code, a link or HTML are escaped, so an API message shows as written.
 */
export function markdownCell(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[\\`*_~[\]<>&|]/g, (char) => `\\${char}`);
}
