/** The API token permissions cf-oauth's calls need, named when the API refuses one. */
export const READ_PERMISSION = 'OAuth Client Read';
export const WRITE_PERMISSION = 'OAuth Client Write';
