// Preloaded with `node --require` into every process whose peak RSS the bench records (the
// baseline `node -e 0` included, so its own tiny cost cancels out). On exit it writes
// process.resourceUsage().maxRSS (kilobytes, the kernel's high-water mark) to CF_BENCH_RSS_FILE.
'use strict';
const { writeFileSync } = require('node:fs');

const out = process.env.CF_BENCH_RSS_FILE;
if (out) {
  process.on('exit', () => {
    writeFileSync(out, String(process.resourceUsage().maxRSS));
  });
}
