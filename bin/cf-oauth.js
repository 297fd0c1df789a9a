#!/usr/bin/env node
/**
 * The cf-oauth executable. CommonJS (see bin/package.json) because Node starts a CommonJS entry
 * sooner than an ES module one (bench/README.md), and `--help` is served from here: when argv is
 * exactly one of the help or version invocations the build recorded in dist/help.json, and stdout
 * is not a terminal (where commander would wrap to its width), the recorded text is printed
 * without loading the CLI. Everything else runs dist/main.js (see code-cache.js).
 */
'use strict';

// CF_OAUTH_DEBUG=1 (as src/debug.ts reads it): the real CLI, compiled from source, with stack
// traces mapped to src/ through the source maps the build writes beside each chunk.
const debug = !['', '0', undefined].includes(process.env.CF_OAUTH_DEBUG);
const recorded = debug ? undefined : recordedOutput(process.argv.slice(2));
if (debug) {
  process.setSourceMapsEnabled(true);
  require('../dist/main.js');
} else if (recorded === undefined) {
  // dist/ holds CommonJS chunks (toCommonJs in scripts/build.mjs), and V8 code caches for them.
  require('./code-cache.js').runMain();
} else {
  process.exitCode = recorded.exitCode;
  print(recorded.stdout);
}

function recordedOutput(argv) {
  const asksForHelp = argv.some((arg) => /^(--help|-h|help|--version|-V)$/.test(arg));
  if (!asksForHelp || stdoutMayBeTerminal()) return undefined;
  try {
    return require('../dist/help.json')[JSON.stringify(argv)];
  } catch (error) {
    if (error.code === 'MODULE_NOT_FOUND') return undefined;
    throw error;
  }
}

/** Terminals are character devices: a pipe or a file is ruled out without loading tty. */
function stdoutMayBeTerminal() {
  try {
    return require('node:fs').fstatSync(1).isCharacterDevice() && require('node:tty').isatty(1);
  } catch {
    return true;
  }
}

function print(text) {
  const bytes = Buffer.from(text);
  let written = 0;
  try {
    while (written < bytes.length) {
      written += require('node:fs').writeSync(1, bytes, written);
    }
  } catch (error) {
    // A non-blocking pipe that is full: let a stream wait until it drains.
    if (error.code === 'EAGAIN') process.stdout.write(bytes.subarray(written));
    // Anything else (a closed pipe: `cf-oauth --help | head -0`) ends quietly, as in main.ts.
  }
}
