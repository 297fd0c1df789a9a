/**
 * Preloaded (`node --require`) into a cf-oauth process by test/e2e/startup.test.ts. At exit it
 * writes to CF_TEST_LOADS_FILE which dist chunks ran (every CommonJS module loaded, by path),
 * which of them were compiled from a V8 code cache, and which Node builtins were loaded. With CF_TEST_FAKE_TERMINAL set, stdout
 * passes for a terminal in the checks bin/cf-oauth.js makes (fstat, then tty.isatty).
 */
'use strict';
const fs = require('node:fs');
const Module = require('node:module');

const chunks = [];
const load = Module.prototype.load;
Module.prototype.load = function recordingLoad(filename, ...rest) {
  chunks.push(filename);
  return load.call(this, filename, ...rest);
};

// bin/code-cache.js compiles chunks with vm.Script: note which were given a cache V8 accepted.
const vm = require('node:vm');
const cached = [];
const Script = vm.Script;
vm.Script = class RecordingScript extends Script {
  constructor(source, options) {
    super(source, options);
    if (options?.cachedData && !this.cachedDataRejected) cached.push(options.filename);
  }
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
  fs.writeFileSync(process.env.CF_TEST_LOADS_FILE, JSON.stringify({ chunks, cached, builtins }));
});
