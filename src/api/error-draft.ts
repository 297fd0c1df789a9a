/**
 * A failed attempt's error before the retry loop knows whether that attempt is the last: its
 * class, message and facts. The loop builds the error once, when it gives up, with the attempt
 * history (how many attempts, whether one may have been acted on) in the constructor, so no
 * error is changed after it is made.
 */

import type { AttemptHistory, CliError, ErrorContext } from '../errors.js';

export class ErrorDraft<E extends CliError, C extends ErrorContext = ErrorContext> {
  constructor(
    private readonly ErrorClass: new (message: string, context: C) => E,
    /** The attempt's own message; the loop may add how many attempts it took. */
    readonly message: string,
    /** Everything the error is made of but the attempt history. */
    readonly context: NoInfer<C>,
  ) {}

  get hint(): string | undefined {
    return this.context.hint;
  }

  build(history: AttemptHistory, message = this.message): E {
    return new this.ErrorClass(message, { ...this.context, history });
  }
}
