import type { Context } from '../context.js';
import type { ApiMessage, Failure } from '../errors.js';
import { colourEnabled, loadPainter, type Painter } from './colour.js';
import { type GithubActions, githubActions, workflowErrorLine } from './github-actions.js';
import { spinnerWanted, withSpinner } from './spinner.js';
import { renderFailureText } from './text.js';

export interface TerminalOptions {
  json?: boolean | undefined;
  verbose?: boolean | undefined;
  color: boolean;
}

/** Where a command's words go: results on stdout, everything else on stderr. */
export interface Terminal {
  readonly json: boolean;
  readonly stdoutIsTTY: boolean;
  readonly paintOut: Painter;
  readonly paintErr: Painter;
  /** Whether stderr gets colour (the spinner's too). */
  readonly stderrColour: boolean;
  out(text: string): void;
  err(text: string): void;
  warn(message: string): void;
  note(message: string): void;
  /** --verbose only. */
  trace(line: string): void;
  readonly tracing: boolean;
  /** Shows a spinner on a terminal while `task` runs; otherwise just runs it. */
  spin<T>(text: string, task: () => Promise<T>): Promise<T>;
  /**
   * The stderr text of a failure; in GitHub Actions followed by its `::error` workflow command.
   * Returned rather than written, so that a batch can queue it with its other lines.
   */
  failureText(failure: Failure, errors: readonly ApiMessage[]): string;
  /** GitHub Actions' workflow commands and step summary; undefined outside GitHub Actions. */
  readonly actions: GithubActions | undefined;
}

export async function openTerminal(ctx: Context, options: TerminalOptions): Promise<Terminal> {
  const { stdout, stderr } = ctx.streams;
  const json = options.json === true;
  const tracing = options.verbose === true;
  const outColour = !json && colourEnabled(stdout, ctx.env, options.color);
  const errColour = colourEnabled(stderr, ctx.env, options.color);
  const [paintOut, paintErr] = await Promise.all([loadPainter(outColour), loadPainter(errColour)]);
  const spinning = spinnerWanted(ctx, json || tracing);
  const actions = githubActions(ctx);
  return {
    json,
    stdoutIsTTY: stdout.isTTY === true,
    paintOut,
    paintErr,
    stderrColour: errColour,
    tracing,
    out: (text) => void stdout.write(text),
    err: (text) => void stderr.write(text),
    warn: (message) => void stderr.write(`${paintErr.yellow('warning:')} ${message}\n`),
    note: (message) => void stderr.write(`${message}\n`),
    trace: (line) => {
      if (tracing) stderr.write(`${paintErr.dim(line)}\n`);
    },
    spin: (text, task) => (spinning ? withSpinner(ctx, text, task, errColour) : task()),
    failureText: (failure, errors) => {
      const text = renderFailureText(failure, errors, paintErr);
      if (actions === undefined) return text;
      return text + workflowErrorLine(failure.message, failure.hint);
    },
    actions,
  };
}
