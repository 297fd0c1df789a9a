/**
 * A client definition: the fields `create` and `update` send, from a JSON or YAML file (the
 * API's field names, so `get --json` output and backups can be fed back), overridden by flags,
 * and checked before anything is sent. Every problem names the flag or the file's field.
 */

import path from 'node:path';
import type { Document, LineCounter } from 'yaml';
import type { ClientFields } from '../api/oauth-clients.js';
import { closestKey } from '../config/rc-schema.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { unreadableFromFile } from '../files/read-errors.js';
import { quote } from '../output/quote.js';
import {
  CREATE_DEFAULTS,
  FIELD_SPECS,
  type FieldSpec,
  isListKind,
  READ_ONLY_FIELDS,
  REQUIRED_GRANT_TYPE,
} from './fields.js';

/** No client definition comes anywhere near this. */
export const MAX_DEFINITION_BYTES = 1024 * 1024;

/** What a definition file set, each value type-checked but not yet validated. */
export interface FileDefinition {
  /** How messages name the file: its path as given, or `stdin`. */
  label: string;
  values: Map<string, string | string[]>;
  /** Read-only fields present in the file, ignored (the API sets them). */
  ignored: string[];
}

/** Flag values as commander parsed them, keyed by FieldSpec.option. */
export type FlagValues = Readonly<Record<string, unknown>>;

/** Reads `--from-file <path|->` (resolved against the working directory) and parses it. */
export async function readDefinition(fromFile: string, ctx: Context): Promise<FileDefinition> {
  const { label, text } = await readInputText(fromFile, ctx, {
    flag: '--from-file',
    maxBytes: MAX_DEFINITION_BYTES,
    tooLarge: 'larger than 1 MiB, which no client definition is',
  });
  return parseDefinition(text, label);
}

export interface InputTextOptions {
  /** The flag that named the file, for messages. */
  flag: string;
  maxBytes: number;
  /** Why a larger input is refused, after "<flag> <path> is". */
  tooLarge: string;
}

/** The text of `<path|->` (resolved against the working directory; `-` is stdin, labelled so). */
export async function readInputText(
  source: string,
  ctx: Context,
  { flag, maxBytes, tooLarge }: InputTextOptions,
): Promise<{ label: string; text: string }> {
  const label = source === '-' ? 'stdin' : source;
  let text: string | undefined;
  try {
    text =
      source === '-'
        ? await readStream(ctx.streams.stdin, maxBytes)
        : // Loaded only for a file: node:fs/promises is not needed on create's usual path.
          await (await import('node:fs/promises')).readFile(path.resolve(ctx.cwd, source), 'utf8');
  } catch (error) {
    throw unreadableFromFile(quote(label), error, flag);
  }
  if (text === undefined || Buffer.byteLength(text) > maxBytes) {
    throw new UsageError(`${flag} ${quote(label)} is ${tooLarge}`);
  }
  return { label, text };
}

/** JSON or YAML (JSON is YAML); see parseYaml for syntax errors. */
export async function parseDefinition(text: string, label: string): Promise<FileDefinition> {
  const { document } = await parseYaml(
    text,
    label,
    'a client definition is a JSON or YAML object of the API fields, e.g. client_name: …',
  );
  const parsed: unknown = document.toJS();
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new UsageError(`${label}: a client definition must be an object of fields`, {
      hint: 'e.g. {"client_name": "…", "redirect_uris": ["https://…"], "scopes": ["account.read"]}',
    });
  }
  return readFields(parsed as Record<string, unknown>, label);
}

/**
 * A JSON or YAML document (JSON is YAML) and the line counter that places its nodes. A syntax
 * error is a UsageError with the line and column, never the content: a file fed back from
 * `create --json` may hold a client secret.
 */
export async function parseYaml(
  text: string,
  label: string,
  hint: string,
): Promise<{ document: Document.Parsed; lines: LineCounter }> {
  const { parseDocument, LineCounter } = await loadYaml();
  const lines = new LineCounter();
  const document = parseDocument(text, { uniqueKeys: true, lineCounter: lines });
  const [syntax] = document.errors;
  if (syntax) {
    const place = syntax.linePos?.[0];
    const at = place ? ` line ${place.line}, column ${place.col}` : '';
    // The parser's own words, up to where some of its messages quote the input (": <alias>").
    const reason = syntax.message.split(/ at line \d+|: /)[0]?.trim() || 'not valid YAML or JSON';
    throw new UsageError(`${label}${at}: ${reason}`, { hint });
  }
  return { document, lines };
}

/**
 * yaml is CommonJS: Node's ESM loader offers its exports by name and as `default`, the bundled
 * CommonJS chunks only as `default`.
 */
async function loadYaml(): Promise<typeof import('yaml')> {
  const loaded: typeof import('yaml') & { default?: typeof import('yaml') } = await import('yaml');
  return loaded.default ?? loaded;
}

function readFields(raw: Record<string, unknown>, label: string): FileDefinition {
  const { definition, problems } = collectFields(raw, label);
  if (problems.length > 0) throw problemsError(problems);
  return definition;
}

/**
 * The fields of one definition object and what is wrong with them, each problem prefixed with
 * `label`, not thrown: a file of many definitions (`plan --file`) reports every problem at once.
 */
export function collectFields(
  raw: Record<string, unknown>,
  label: string,
): { definition: FileDefinition; problems: string[] } {
  const values = new Map<string, string | string[]>();
  const ignored: string[] = [];
  const problems: string[] = [];
  for (const [field, value] of Object.entries(raw)) {
    const spec = FIELD_SPECS.find((s) => s.field === field);
    if (READ_ONLY_FIELDS.includes(field)) ignored.push(field);
    else if (!spec) problems.push(unknownField(field));
    // `logo_uri:` with nothing after it, or a null from an API object: not set.
    else if (value === null || value === undefined) continue;
    else if (isListKind(spec.kind)) {
      if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
        values.set(field, value);
      } else problems.push(`${field} must be a list of strings`);
    } else if (typeof value === 'string') {
      // An API object may carry "" for an optional URL it does not have.
      if (!(spec.kind === 'uri' && value === '')) values.set(field, value);
    } else {
      problems.push(
        `${field} must be a string${typeof value === 'number' ? ' (put it in quotes)' : ''}`,
      );
    }
  }
  return {
    definition: { label, values, ignored },
    problems: problems.map((p) => `${label}: ${p}`),
  };
}

function unknownField(field: string): string {
  const near = closestKey(
    field,
    FIELD_SPECS.map((spec) => spec.field),
  );
  return `unknown field ${quote(field, 40)}${near ? ` (did you mean ${near}?)` : ''}`;
}

/** Where a value came from, for messages: `--redirect-uri` or `def.yaml: redirect_uris[1]`. */
type Origin = (index: number | undefined) => string;

export interface AssembleOptions {
  file?: FileDefinition | undefined;
  flags: FlagValues;
  /** Create: defaults fill what is missing, and the required fields must be there. */
  mode: 'create' | 'update';
  /** Flags beyond FIELD_SPECS that this command accepts (update's --visibility). */
  extraSpecs?: readonly FieldSpec[];
}

/**
 * The body to send: defaults (create), then the file, then flags (a flag replaces the file's
 * whole value). Every value is checked; every problem is reported at once, naming where it came
 * from; nothing is sent when there is one. Lists lose repeated values.
 */
export function assembleFields(options: AssembleOptions): ClientFields {
  const { fields, problems } = checkFields(options);
  if (problems.length > 0) throw problemsError(problems);
  return fields;
}

/** assembleFields without the throw: the body and every problem with it. */
export function checkFields({ file, flags, mode, extraSpecs = [] }: AssembleOptions): {
  fields: ClientFields;
  problems: string[];
} {
  const fields: ClientFields = {};
  const problems: string[] = [];
  for (const spec of [...FIELD_SPECS, ...extraSpecs]) {
    const fromFlag = flags[spec.option];
    const fromFile = file?.values.get(spec.field);
    let value: string | string[] | undefined;
    let origin: Origin;
    if (fromFlag !== undefined) {
      value = fromFlag as string | string[];
      origin = () => spec.flag;
    } else if (fromFile !== undefined) {
      value = fromFile;
      const label = file?.label ?? '';
      origin = (index) => `${label}: ${spec.field}${index === undefined ? '' : `[${index}]`}`;
    } else {
      const fallback = mode === 'create' ? CREATE_DEFAULTS[spec.field] : undefined;
      if (fallback === undefined) continue;
      value = Array.isArray(fallback) ? [...fallback] : (fallback as string);
      origin = () => `the default ${spec.field}`;
    }
    const checked = checkValue(spec, value, origin, problems);
    // A refused value stands for itself: "required" would only repeat that it is missing.
    fields[spec.field] = checked ?? value;
  }
  if (mode === 'create') problems.push(...missingRequired(fields, file));
  return { fields, problems };
}

function checkValue(
  spec: FieldSpec,
  value: string | string[],
  origin: Origin,
  problems: string[],
): string | string[] | undefined {
  if (!isListKind(spec.kind)) {
    const problem = valueProblem(spec, value as string);
    if (problem) problems.push(`${origin(undefined)} ${quote(value as string)} ${problem}`);
    return problem ? undefined : (value as string);
  }
  const list = [...new Set(value as string[])];
  const before = problems.length;
  list.forEach((item, index) => {
    const problem = valueProblem(spec, item);
    if (problem) problems.push(`${origin(index)} ${quote(item)} ${problem}`);
  });
  if (spec.field === 'grant_types' && !list.includes(REQUIRED_GRANT_TYPE)) {
    problems.push(`${origin(undefined)} must include ${REQUIRED_GRANT_TYPE} (the API requires it)`);
  }
  if (spec.field === 'response_types' && list.length === 0) {
    problems.push(`${origin(undefined)} must name at least one response type`);
  }
  return problems.length === before ? list : undefined;
}

const SPACE_OR_CONTROL = /[\s\p{Cc}]/u;
/** `localhost:8080/cb` parses as a URL whose scheme is "localhost": almost surely a slip. */
const HOST_PORT_WITHOUT_SCHEME = /^[^:/?#]+:\d+(?:[/?#]|$)/;

/** Why one value is refused, as the end of a sentence that starts with where it came from. */
export function valueProblem(spec: FieldSpec, value: string): string | undefined {
  switch (spec.kind) {
    case 'name':
      if (value.trim() === '') return 'is empty';
      return /\p{Cc}/u.test(value) ? 'contains control characters' : undefined;
    case 'uri':
    case 'uris':
      if (value === '') return 'is empty';
      if (SPACE_OR_CONTROL.test(value)) return 'contains spaces or control characters';
      if (HOST_PORT_WITHOUT_SCHEME.test(value) || !URL.canParse(value)) {
        return 'is not an absolute URL (e.g. https://app.example.com/callback)';
      }
      return undefined;
    case 'scopes':
      if (value === '') return 'is empty';
      if (SPACE_OR_CONTROL.test(value)) return 'contains spaces or control characters';
      if (value.includes(':')) {
        return 'is colon-delimited, which the API refuses (use dot-delimited scopes such as account.read)';
      }
      return undefined;
    case 'enum':
    case 'enums':
      return spec.values?.includes(value) ? undefined : `is not one of ${spec.values?.join(', ')}`;
  }
}

/** Create needs a name, a redirect URI and a scope, from a flag or the file. */
function missingRequired(fields: ClientFields, file: FileDefinition | undefined): string[] {
  const where = (flag: string, field: string) =>
    file ? `${flag} or ${field} in ${file.label}` : flag;
  const missing: string[] = [];
  if (fields.client_name === undefined) {
    missing.push(`a name is required: ${where('--name', 'client_name')}`);
  }
  if (!fields.redirect_uris?.length) {
    missing.push(
      `at least one redirect URI is required: ${where('--redirect-uri', 'redirect_uris')}`,
    );
  }
  if (!fields.scopes?.length) {
    missing.push(`at least one scope is required: ${where('--scope', 'scopes')}`);
  }
  return missing;
}

/** One UsageError listing every problem, one per line; `subject` names what they are in. */
export function problemsError(problems: string[], subject = 'the client definition'): UsageError {
  if (problems.length === 1) return new UsageError(`${problems[0]}; nothing was sent`);
  return new UsageError(
    `${problems.length} problems with ${subject}; nothing was sent\n  ${problems.join('\n  ')}`,
  );
}

/** The whole stream as text; undefined when it is larger than `maxBytes`. */
async function readStream(
  stream: NodeJS.ReadableStream,
  maxBytes: number,
): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += bytes.length;
    if (size > maxBytes) return undefined;
    chunks.push(bytes);
  }
  return Buffer.concat(chunks).toString('utf8');
}
