/** The last part of a path, for either separator; the domain layer has no `node:path`. */
export function basename(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
