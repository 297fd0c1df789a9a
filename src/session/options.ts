/**
 * The options every API command shares, defined once and added by each API command's definition.
 * On the start-up path: imports only commander.
 */
import {
  type Command,
  InvalidArgumentError,
  Option,
  type OptionValues,
} from '@commander-js/extra-typings';

function number(kind: 'seconds' | 'count', max: number) {
  return (raw: string): number => {
    const value = Number(raw);
    const valid =
      raw.trim() !== '' &&
      Number.isFinite(value) &&
      (kind === 'count' ? Number.isInteger(value) && value >= 0 : value > 0) &&
      value <= max;
    if (!valid) {
      const expected =
        kind === 'count'
          ? `a whole number from 0 to ${max}`
          : `seconds, above 0 and at most ${max}`;
      throw new InvalidArgumentError(`expected ${expected}.`);
    }
    return value;
  };
}

/** `command` with the API options added; their types join the command's inferred options. */
export function withApiOptions<
  Args extends unknown[],
  Opts extends OptionValues,
  GlobalOpts extends OptionValues,
>(command: Command<Args, Opts, GlobalOpts>) {
  return command
    .option(
      '-a, --account <account_id>',
      'Cloudflare account ID (32 hex characters, upper case used in lower case; default: the only one the credential can see)',
    )
    .option('--api-token <token>', 'API token (visible in the process list: prefer the env)')
    .option('--api-key <key>', 'Global API key (legacy; needs --email)')
    .option('--email <email>', 'email of the account that owns --api-key')
    .option('--base-url <url>', 'API base URL (https, or http on loopback)')
    .option('--config <file>', 'read settings from this rc file instead of searching')
    .option('--profile <name>', 'rc file profile to use')
    .addOption(
      new Option('--timeout <seconds>', 'time limit for each attempt')
        .default(30)
        .argParser(number('seconds', 3600)),
    )
    .addOption(
      new Option('--retries <n>', 'retries after a failed attempt')
        .default(4)
        .argParser(number('count', 20)),
    )
    .addOption(
      new Option('--max-retry-wait <seconds>', 'longest server-requested wait to honour')
        .default(60)
        .argParser(number('seconds', 86_400)),
    )
    .option('--json', 'print one JSON document on stdout')
    .option('-v, --verbose', 'trace requests and responses on stderr (secrets redacted)')
    .option('--no-color', 'disable colours');
}

/** The shared options as commander parses them, inferred from their definitions above. */
export type ApiOptions = ReturnType<
  ReturnType<typeof withApiOptions<[], Record<never, never>, Record<never, never>>>['opts']
>;
