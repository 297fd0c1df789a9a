/**
 * For the build (recordCodeCache in build.mjs): runs the CLI on process.argv the way
 * bin/code-cache.js does and, as the process exits, saves the V8 code cache of every dist chunk
 * it loaded, for bin/code-cache.js to read. Not shipped: only the build writes a cache.
 *
 * The build runs it once per command, one after the other. A chunk that an earlier command
 * already recorded is compiled from that cache, so its functions arrive compiled, and the cache
 * saved at exit holds them as well as the ones this command compiled: each chunk ends with one
 * cache covering every recorded command that loads it.
 */
'use strict';

const fs = require('node:fs');
const vm = require('node:vm');
const { CACHE, cacheFile, requireMain } = require('../bin/code-cache.js');

const scripts = new Map();
process.on('exit', () => {
  fs.mkdirSync(CACHE, { recursive: true });
  for (const [filename, script] of scripts) {
    fs.writeFileSync(cacheFile(filename), script.createCachedData());
  }
});
requireMain((source, filename) => {
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile(filename));
  } catch {
    // First recorded command to load this chunk.
  }
  const script = new vm.Script(source, { filename, cachedData });
  // A cache recorded a moment ago by this same Node must fit; if not, the union would be lost.
  if (script.cachedDataRejected) throw new Error(`code cache of ${filename} was rejected`);
  scripts.set(filename, script);
  return script;
});
