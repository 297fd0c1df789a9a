// Preload for spawned runs: reading CLOUDFLARE_API_TOKEN from the environment throws a plain
// Error, which cf-oauth does not describe: an internal error, as a bug in cf-oauth would be.
const real = process.env;
process.env = new Proxy(real, {
  get(target, key) {
    if (key === 'CLOUDFLARE_API_TOKEN') throw new Error('forced internal error');
    return Reflect.get(target, key);
  },
});
