import path from 'node:path';

/** `path` with the home directory shown as `~`, the way users write it. */
export function displayPath(filePath: string, homedir: string): string {
  const relative = path.relative(homedir, filePath);
  if (relative === '') return '~';
  const outside = relative === '..' || relative.startsWith(`..${path.sep}`);
  if (outside || path.isAbsolute(relative)) return filePath;
  return `~${path.sep}${relative}`;
}
