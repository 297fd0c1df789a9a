/**
 * Finding and reading the rc file. Only JSON and YAML are ever read: a repository checked out in
 * CI must not be able to run code through our config search, so `.js`/`.ts` configs are refused.
 *
 * cosmiconfig parses the files, but through its exported loaders only. Its `cosmiconfig()`
 * factory is deliberately not called: it looks for a "meta config" in `process.cwd()` with its
 * default loaders, so it imports `.config/config.js` or `.config/config.ts` from the current
 * directory (running the code) and throws on a malformed `package.json` there.
 */

import { constants, promises as fs, openSync, type Stats, statSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../errors.js';
import { shellQuote } from '../output/quote.js';
import { displayPath } from './display-path.js';
import { findJsonSyntaxError, lineAndColumn } from './json-error.js';
import { holdsSecret, type RcContents, readRcContents } from './rc-schema.js';

export const RC_MODULE_NAME = 'cfoauth';

/** Looked for in each directory, in this order. `.cfoauthrc` itself may be JSON or YAML. */
export const RC_FILE_NAMES = [
  `.${RC_MODULE_NAME}rc`,
  `.${RC_MODULE_NAME}rc.json`,
  `.${RC_MODULE_NAME}rc.yaml`,
  `.${RC_MODULE_NAME}rc.yml`,
] as const;

/** Refused outright, with a message saying why, when named by `--config`. */
const CODE_EXTENSIONS = new Set(['.js', '.mjs', '.cjs', '.jsx', '.ts', '.mts', '.cts', '.tsx']);

/** Anything bigger is not an rc file; the cap also protects against `--config /dev/zero`. */
const MAX_RC_BYTES = 1024 * 1024;

export interface Place {
  cwd: string;
  homedir: string;
  /** The operating system (`process.platform`): Windows file modes say nothing. */
  platform: NodeJS.Platform;
}

export interface RcFile {
  /** Absolute path as found (not resolved through symlinks). */
  path: string;
  /** The path as shown to the user: under the home directory as `~/...`. */
  shownPath: string;
  contents: RcContents;
}

export interface RcLookup {
  file: RcFile | undefined;
  /** Paths looked at, in search order, up to and including the one found. */
  searched: string[];
  /** Permission problems, unknown keys, unreadable directories. */
  warnings: string[];
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Loads the file named by `--config` (`configFlag`, already trimmed), or else the first rc file
 * found by the search. Throws ConfigError for a missing `--config` file or a broken rc file.
 */
export async function findRcFile(
  configFlag: string | undefined,
  env: Env,
  place: Place,
): Promise<RcLookup> {
  const warnings: string[] = [];
  if (configFlag !== undefined) {
    const filePath = path.resolve(place.cwd, expandHome(configFlag, place.homedir));
    const stats = await statNamedFile(filePath, place.homedir);
    const file = await loadRcFile(filePath, stats, place, warnings);
    return { file, searched: [filePath], warnings };
  }

  const candidates = rcSearchPlaces(env, place);
  // Plain stat probes, so nothing heavier is loaded when there is no rc file. Synchronous: far
  // cheaper than the promise API for the usual five (bench/README.md has the figures).
  const probes = candidates.map((candidate) => probe(candidate, warnings));
  const foundAt = probes.findIndex((stats) => stats !== undefined);
  const stats = probes[foundAt];
  const filePath = candidates[foundAt];
  if (stats === undefined || filePath === undefined) {
    return { file: undefined, searched: candidates, warnings };
  }
  const file = await loadRcFile(filePath, stats, place, warnings);
  return { file, searched: candidates.slice(0, foundAt + 1), warnings };
}

/**
 * Every place an rc file may be, in order: each directory from `cwd` up to the home directory
 * (or the filesystem root when `cwd` is outside home), then the home directory itself if the
 * walk missed it, then `$XDG_CONFIG_HOME/cfoauth/config`.
 */
export function rcSearchPlaces(env: Env, place: Pick<Place, 'cwd' | 'homedir'>): string[] {
  const places = searchDirectories(place).flatMap((dir) =>
    RC_FILE_NAMES.map((name) => path.join(dir, name)),
  );
  places.push(path.join(xdgConfigHome(env, place.homedir), RC_MODULE_NAME, 'config'));
  return [...new Set(places)];
}

function searchDirectories(place: Pick<Place, 'cwd' | 'homedir'>): string[] {
  const home = path.resolve(place.homedir);
  const dirs: string[] = [];
  for (let dir = path.resolve(place.cwd); ; ) {
    dirs.push(dir);
    const parent = path.dirname(dir);
    if (dir === home || parent === dir) break;
    dir = parent;
  }
  // Working outside home (say /srv/app) must not hide the ~/.cfoauthrc the hints point to.
  if (!dirs.includes(home)) dirs.push(home);
  return dirs;
}

/** XDG says a relative XDG_CONFIG_HOME is invalid and must be ignored. */
function xdgConfigHome(env: Env, homedir: string): string {
  const value = env.XDG_CONFIG_HOME?.trim();
  return value && path.isAbsolute(value) ? value : path.join(homedir, '.config');
}

function expandHome(filePath: string, homedir: string): string {
  // The shell does not expand `~` in `--config=~/x`, so do it here.
  if (filePath === '~') return homedir;
  if (filePath.startsWith('~/') || filePath.startsWith(`~${path.sep}`)) {
    return path.join(homedir, filePath.slice(2));
  }
  return filePath;
}

/** The candidate's stats when it is a file; undefined when there is none to read. */
function probe(candidate: string, warnings: string[]): Stats | undefined {
  try {
    const stats = statSync(candidate);
    return stats.isFile() ? stats : undefined;
  } catch (error) {
    const code = errorCode(error);
    if (code !== 'ENOENT' && code !== 'ENOTDIR') {
      warnings.push(`could not check ${candidate} for settings (${code ?? 'unknown error'})`);
    }
    return undefined;
  }
}

async function statNamedFile(filePath: string, homedir: string): Promise<Stats> {
  const shownPath = displayPath(filePath, homedir);
  try {
    const stats = await fs.stat(filePath);
    if (stats.isDirectory()) {
      throw new ConfigError(`cannot read config file ${shownPath}: it is a directory`);
    }
    return stats;
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(`cannot read config file ${shownPath}: ${describeIoError(error)}`, {
      hint: 'check the path given to --config',
    });
  }
}

async function loadRcFile(
  filePath: string,
  stats: Stats,
  place: Place,
  warnings: string[],
): Promise<RcFile> {
  const shownPath = displayPath(filePath, place.homedir);
  const extension = path.extname(filePath).toLowerCase();
  if (CODE_EXTENSIONS.has(extension)) {
    throw new ConfigError(
      `${shownPath}: only JSON and YAML config files are supported (cf-oauth never runs code from a config file)`,
    );
  }
  const text = stats.isFIFO()
    ? await readFifo(filePath, shownPath)
    : await readLimited(filePath, shownPath);
  const parsed = await parse(text, extension, filePath, shownPath);
  const contents = readRcContents(parsed, shownPath, warnings);
  const secret = holdsSecret(contents);
  warnings.push(...permissionWarnings(filePath, shownPath, stats, secret, place.platform));
  return { path: filePath, shownPath, contents };
}

/** Decoded like a file: UTF-8, without the byte-order mark a Windows editor may put first. */
function decode(buffer: Buffer, length: number): string {
  return buffer.toString('utf8', 0, length).replace(/^\uFEFF/, '');
}

/**
 * A FIFO (`--config <(pass show cf)`, or a named pipe) is read off the thread pool: a blocking
 * open or read there would wait for a writer forever, and a process cannot exit while one of
 * its pool threads is stuck, so no signal could end the run. Opened non-blocking, it is read as
 * a socket: still waiting for a writer, but in the event loop, where an exit ends the wait.
 */
async function readFifo(filePath: string, shownPath: string): Promise<string> {
  const { Socket } = await import('node:net');
  try {
    // Non-blocking, so the open itself returns at once. A plain descriptor: the socket closes
    // it, which a FileHandle would try again when collected.
    const fd = openSync(filePath, constants.O_RDONLY | constants.O_NONBLOCK);
    const pipe = new Socket({ fd, readable: true, writable: false });
    const chunks: Buffer[] = [];
    let length = 0;
    for await (const chunk of pipe as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      length += chunk.length;
      if (length > MAX_RC_BYTES) {
        pipe.destroy();
        throw new ConfigError(`${shownPath}: larger than 1 MiB`);
      }
    }
    return decode(Buffer.concat(chunks), length);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(`cannot read config file ${shownPath}: ${describeIoError(error)}`);
  }
}

async function readLimited(filePath: string, shownPath: string): Promise<string> {
  try {
    const handle = await fs.open(filePath, 'r');
    try {
      const buffer = Buffer.alloc(MAX_RC_BYTES + 1);
      let length = 0;
      for (;;) {
        const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
        if (bytesRead === 0) break;
        length += bytesRead;
        if (length > MAX_RC_BYTES) throw new ConfigError(`${shownPath}: larger than 1 MiB`);
      }
      // A byte-order mark from a Windows editor would otherwise be a JSON syntax error.
      return decode(buffer, length);
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(`cannot read config file ${shownPath}: ${describeIoError(error)}`);
  }
}

/**
 * Parses with cosmiconfig's JSON or YAML loader: `.json` as JSON, anything else (including the
 * extensionless `.cfoauthrc` and XDG `config`) as YAML, which also reads JSON. The parsers'
 * own messages are not passed on: they quote file content, which may be a secret.
 */
async function parse(
  text: string,
  extension: string,
  filePath: string,
  shownPath: string,
): Promise<unknown> {
  // Empty means "no settings"; the loaders would reject it.
  if (text.trim() === '') return undefined;
  // cosmiconfig is CommonJS. The esbuild bundle gives its exports object only as the namespace's
  // default, and tsx only as named exports (Node gives both).
  const cosmiconfig = await import('cosmiconfig');
  const { defaultLoaders } = cosmiconfig.default ?? cosmiconfig;
  if (extension === '.json') {
    try {
      return await defaultLoaders['.json']?.(filePath, text);
    } catch {
      const offset = findJsonSyntaxError(text);
      const where =
        offset === undefined ? '' : ` at ${formatPosition(lineAndColumn(text, offset))}`;
      throw new ConfigError(`${shownPath}: invalid JSON${where}`);
    }
  }
  const format = extension === '.yaml' || extension === '.yml' ? 'YAML' : 'JSON or YAML';
  try {
    return await defaultLoaders['.yaml']?.(filePath, text);
  } catch (error) {
    throw new ConfigError(`${shownPath}: invalid ${format}${describeYamlError(error)}`);
  }
}

/** " at line N, column M: reason" from a js-yaml YAMLException, with file content cut out. */
function describeYamlError(error: unknown): string {
  if (typeof error !== 'object' || error === null) return '';
  const { mark, reason } = error as {
    mark?: { line?: unknown; column?: unknown };
    reason?: unknown;
  };
  const line = typeof mark?.line === 'number' ? mark.line + 1 : undefined;
  const column = typeof mark?.column === 'number' ? mark.column + 1 : undefined;
  const where = line === undefined ? '' : ` at ${formatPosition({ line, column })}`;
  // Reasons such as `unknown tag !<...>` or `unidentified alias "..."` quote the file: keep
  // only the words before the quoted part.
  const safeReason = typeof reason === 'string' ? reason.split(/!<|"|'|: /)[0]?.trim() : '';
  return safeReason ? `${where}: ${safeReason}` : where;
}

function formatPosition({ line, column }: { line: number; column?: number | undefined }): string {
  return column === undefined ? `line ${line}` : `line ${line}, column ${column}`;
}

function permissionWarnings(
  filePath: string,
  shownPath: string,
  stats: Stats,
  secret: boolean,
  platform: NodeJS.Platform,
): string[] {
  // Windows reports made-up mode bits; its ACLs are not ours to judge.
  if (platform === 'win32' || !stats.isFile()) return [];
  const fix = `chmod 600 ${shellQuote(filePath)}`;
  const warnings: string[] = [];
  if (secret && (stats.mode & 0o044) !== 0) {
    warnings.push(`${shownPath} holds a secret and is readable by other users; run: ${fix}`);
  }
  // Whoever can edit the file can point baseUrl at their own server and collect the token.
  if ((stats.mode & 0o022) !== 0) {
    warnings.push(
      `${shownPath} is writable by other users, who could redirect your credential; run: ${fix}`,
    );
  }
  return warnings;
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function describeIoError(error: unknown): string {
  switch (errorCode(error)) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    default:
      return errorCode(error) ?? 'unknown error';
  }
}
