/**
 * For the build (recordCodeCache in build.mjs): runs the CLI on process.argv the way
 * bin/code-cache.js does and, as the process exits, saves the V8 code cache of every dist chunk
 * it loaded, for bin/code-cache.js to read. Not shipped: only the build writes a cache.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { CACHE, cacheFile, requireMain } = require('../bin/code-cache.js');

const scripts = new Map();
process.on('exit', () => {
  // Only the cache for this V8: one built by another Node would never be read.
  fs.rmSync(path.dirname(CACHE), { recursive: true, force: true });
  fs.mkdirSync(CACHE, { recursive: true });
  for (const [filename, script] of scripts) {
    fs.writeFileSync(cacheFile(filename), script.createCachedData());
  }
});
requireMain((source, filename) => {
  const script = new vm.Script(source, { filename });
  scripts.set(filename, script);
  return script;
});
