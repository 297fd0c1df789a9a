/**
 * Loading dist/ with V8 code caches. Compiling the chunks is the largest single cost of a run on
 * Node 20, which has no compile cache of its own (bench/README.md has the figures).
 *
 * The build runs delete, create, rotate-secret, get, list and update against a loopback stand-in
 * for the API through the same loader (scripts/record-code-cache.cjs) and saves the code V8
 * compiled for each chunk they loaded, the functions that ran included, in
 * dist/code-cache/<V8 version>/: one cache per chunk, covering every command that loads it. On that V8, bin/cf-oauth.js
 * compiles the chunks from those files. V8 checks each one and compiles from source whatever
 * does not fit (other flags, a damaged file), and any other V8 finds no directory for itself:
 * the cache can make a run faster, never different. It is written by the build only, next to
 * the code it belongs to; a run writes nothing. V8 matches a cache to its source by length, so
 * dist/ is only ever rewritten as a whole: change src/ and rebuild, never a chunk by hand.
 */
'use strict';

const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const vm = require('node:vm');

const DIST = path.join(__dirname, '..', 'dist');
const CACHE = path.join(DIST, 'code-cache', process.versions.v8);

/** dist/chunk.js → dist/code-cache/<V8 version>/chunk.js.cache */
function cacheFile(chunk) {
  return path.join(CACHE, `${path.basename(chunk)}.cache`);
}

/** Requires dist/main.js; its chunks, as they load, are compiled into scripts by `compile`. */
function requireMain(compile) {
  const compileModule = Module.prototype._compile;
  Module.prototype._compile = function compileChunk(content, filename) {
    if (path.dirname(filename) !== DIST) return compileModule.call(this, content, filename);
    const moduleFunction = compile(Module.wrap(content), filename).runInThisContext();
    const require = Module.createRequire(filename);
    return moduleFunction.call(this.exports, this.exports, require, this, filename, DIST);
  };
  require(path.join(DIST, 'main.js'));
}

/** Runs the CLI, from the code cache when the build made one for this V8. */
function runMain() {
  if (!fs.existsSync(CACHE)) {
    require(path.join(DIST, 'main.js'));
    return;
  }
  requireMain((source, filename) => {
    let cachedData;
    try {
      cachedData = fs.readFileSync(cacheFile(filename));
    } catch {
      // A chunk the recorded run did not load: compiled from source.
    }
    return new vm.Script(source, { filename, cachedData });
  });
}

module.exports = { CACHE, cacheFile, requireMain, runMain };
