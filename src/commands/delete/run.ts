import { WRITE_PERMISSION } from '../../api/permissions.js';
import type { BackupDir } from '../../clients/backup.js';
import { lowerCaseNote, validateClientId } from '../../config/validate.js';
import type { Context } from '../../context.js';
import { UsageError } from '../../errors.js';
import { runApiCommand } from '../../session/api-command.js';
import { findClientByName } from './by-name.js';
import type { DeleteOptions, DeleteRun } from './definition.js';
import { deleteSingle } from './single.js';

/** Which clients a run addresses, decided from the flags alone. */
type Target =
  | { kind: 'single'; id: string }
  | { kind: 'batch'; ids: readonly string[]; fromFile: string | undefined }
  | { kind: 'name'; name: string }
  | { kind: 'selector' };

/**
 * `cf-oauth delete`: one ID (the single-delete shapes), several IDs or --from-file (a batch),
 * or the one client named by --name. Failures before any client is addressed (usage,
 * configuration, confirmation) are reported here; each part reports its own results.
 */
export function run(ids: string[], options: DeleteOptions, ctx: Context): Promise<number> {
  return runApiCommand(options, ctx, WRITE_PERMISSION, async (openSession, term) => {
    let backup: Promise<BackupDir | undefined> | undefined;
    const run: DeleteRun = {
      ctx,
      options,
      term,
      stdinHoldsIds: options.fromFile === '-',
      openSession: () => openSession({ mayAsk: !run.stdinHoldsIds }),
      backupDir: () => {
        backup ??= openBackupDirOf(run);
        return backup;
      },
    };
    const target = targetOf(ids, options);
    // A bad --backup directory exits 2 before anything is sent.
    if (options.backup !== undefined) await run.backupDir();
    if (target.kind === 'selector') return await bySelector(run);
    if (target.kind === 'single') {
      const id = validateClientId(target.id);
      const note = lowerCaseNote('the OAuth client ID', target.id, id);
      if (note) term.note(note);
      return await deleteSingle(run, id);
    }
    if (target.kind === 'batch') return await batch(run, target.ids, target.fromFile);
    const client = await findClientByName(await run.openSession(), target.name);
    if (options.dryRun) return await batch(run, [client.id], undefined);
    return await deleteSingle(run, client.id, client.name);
  });
}

function targetOf(ids: readonly string[], options: DeleteOptions): Target {
  if (options.match !== undefined || options.createdBefore !== undefined) {
    if (ids.length > 0 || options.fromFile !== undefined || options.name !== undefined) {
      throw new UsageError(
        '--match and --created-before cannot be combined with client IDs, --from-file or --name',
      );
    }
    return { kind: 'selector' };
  }
  if (options.name !== undefined) {
    if (ids.length > 0 || options.fromFile !== undefined) {
      throw new UsageError('--name cannot be combined with client IDs or --from-file');
    }
    if (options.name === '') throw new UsageError('--name is empty');
    return { kind: 'name', name: options.name };
  }
  if (ids.length === 0 && options.fromFile === undefined) {
    // Worded as commander words it, which said it when the ID was the only way to name a client.
    throw new UsageError("missing required argument 'oauth_client_id'");
  }
  // A dry run always reports as a batch does.
  const [only] = ids;
  if (only !== undefined && ids.length === 1 && options.fromFile === undefined && !options.dryRun) {
    return { kind: 'single', id: only };
  }
  return { kind: 'batch', ids, fromFile: options.fromFile };
}

/**
 * --backup (relative to the working directory), else the rc file's backupDir. The backup code
 * loads only when one is set: a plain delete stays on its short start-up path.
 */
async function openBackupDirOf(run: DeleteRun): Promise<BackupDir | undefined> {
  const given = run.options.backup;
  const setting = given === undefined ? (await run.openSession()).backupDir : undefined;
  if (given === undefined && setting === undefined) return undefined;
  const { backupDirOf } = await import('../../clients/backup.js');
  return backupDirOf(given, run.ctx.cwd, setting);
}

/** The batch machinery (line reader, worker pool, report) loads only when a batch runs. */
async function batch(run: DeleteRun, ids: readonly string[], fromFile: string | undefined) {
  const { deleteBatch } = await import('./batch.js');
  return deleteBatch(run, ids, fromFile);
}

/** --match / --created-before: checked before anything is sent, then one list call and a batch. */
async function bySelector(run: DeleteRun) {
  const { deleteBySelector, selectorOf } = await import('./by-selector.js');
  return deleteBySelector(run, selectorOf(run.options, run.ctx.clock.now()));
}
