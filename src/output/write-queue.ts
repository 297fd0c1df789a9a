/**
 * Batch output, coalesced: lines for stdout and stderr are queued in order and written together
 * at most 50 ms after the first of them (or as soon as 64 KB wait). Writing each ID on its own
 * costs a system call per line, which at thousands of deletes a second costs more than the
 * deletes themselves; a person or a pipe still sees every line within a twentieth of a second.
 */

export interface WriteQueue {
  out(text: string): void;
  err(text: string): void;
  /** Writes everything queued, now. */
  flush(): void;
}

export interface QueueTargets {
  out(text: string): void;
  err(text: string): void;
  /** Wraps each flush, e.g. to clear and redraw a progress line around it. */
  around(write: () => void): void;
}

const FLUSH_AT_CHARS = 64 * 1024;
const FLUSH_AFTER_MS = 50;

export function createWriteQueue(targets: QueueTargets): WriteQueue {
  /** Runs of text for one stream, in order; consecutive lines for a stream share a run. */
  const runs: Array<{ toStdout: boolean; text: string }> = [];
  let queuedChars = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  function flush(): void {
    clearTimeout(timer);
    timer = undefined;
    if (runs.length === 0) return;
    const pending = runs.splice(0);
    queuedChars = 0;
    targets.around(() => {
      for (const run of pending) {
        if (run.toStdout) targets.out(run.text);
        else targets.err(run.text);
      }
    });
  }

  function push(toStdout: boolean, text: string): void {
    const last = runs[runs.length - 1];
    if (last?.toStdout === toStdout) last.text += text;
    else runs.push({ toStdout, text });
    queuedChars += text.length;
    if (queuedChars >= FLUSH_AT_CHARS) flush();
    else timer ??= setTimeout(flush, FLUSH_AFTER_MS);
  }

  return {
    out: (text) => push(true, text),
    err: (text) => push(false, text),
    flush,
  };
}
