// Replaced at build time (esbuild `define`) and in tests (vitest `define`).
declare const CF_OAUTH_VERSION: string;

export const VERSION = CF_OAUTH_VERSION;
