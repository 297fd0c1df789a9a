/**
 * Preloaded (`node --require`) into a cf-oauth process by test/e2e/startup.test.ts. At exit it
 * writes to CF_TEST_LOADS_FILE which dist chunks ran (every CommonJS module compiled, by path)
 * and which Node builtins were loaded. With CF_TEST_FAKE_TERMINAL set, stdout
 * passes for a terminal in the checks bin/cf-oauth.js makes (fstat, then tty.isatty).
 */
'use strict';
const fs = require('node:fs');
const Module = require('node:module');

const chunks = [];
const compile = Module.prototype._compile;
Module.prototype._compile = function recordingCompile(content, filename, ...rest) {
  chunks.push(filename);
  return compile.call(this, content, filename, ...rest);
};

if (process.env.CF_TEST_FAKE_TERMINAL) {
  const fstatSync = fs.fstatSync;
  fs.fstatSync = (fd, ...rest) => {
    const stats = fstatSync(fd, ...rest);
    if (fd === 1) stats.isCharacterDevice = () => true;
    return stats;
  };
  require('node:tty').isatty = (fd) => fd === 1;
}

process.on('exit', () => {
  const builtins = process.moduleLoadList
    .filter((entry) => entry.startsWith('NativeModule '))
    .map((entry) => entry.slice('NativeModule '.length));
  fs.writeFileSync(process.env.CF_TEST_LOADS_FILE, JSON.stringify({ chunks, builtins }));
});
