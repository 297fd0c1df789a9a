import type { OutputStream } from '../context.js';

export interface Painter {
  green(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const plain: Painter = {
  green: (text) => text,
  red: (text) => text,
  yellow: (text) => text,
  dim: (text) => text,
  bold: (text) => text,
};

/**
 * Colour for one stream. Precedence: --no-color, then NO_COLOR (any non-empty value, as
 * no-color.org asks), then FORCE_COLOR, then whether the stream is a terminal.
 */
export function colourEnabled(
  stream: OutputStream,
  env: Readonly<Record<string, string | undefined>>,
  colorFlag: boolean,
): boolean {
  if (!colorFlag) return false;
  if (env.NO_COLOR) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  return stream.isTTY === true && env.TERM !== 'dumb';
}

/** chalk is only loaded when some stream actually gets colour. */
export async function loadPainter(enabled: boolean): Promise<Painter> {
  if (!enabled) return plain;
  const { Chalk } = await import('chalk');
  const chalk = new Chalk({ level: 1 });
  return {
    green: (text) => chalk.green(text),
    red: (text) => chalk.red(text),
    yellow: (text) => chalk.yellow(text),
    dim: (text) => chalk.dim(text),
    bold: (text) => chalk.bold(text),
  };
}
