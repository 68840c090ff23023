import type { AppApi } from '../api/create-api';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

export interface CliContext {
  io: CliIo;
  /** Opens the API lazily: `--help` and `--version` must work without touching the database. */
  api(): Promise<AppApi>;
  /** Calls an API method through the same dispatcher the other doors use. */
  call<T>(name: string, input: unknown): Promise<T>;
  json: boolean;
  /** Folder of the built renderer (for `serve`). */
  rendererDir: string;
  /** Resolves when the user presses Ctrl-C; long commands stop cleanly. */
  interrupted: AbortSignal;
}

export interface CliCommand {
  /** Space-separated for sub-commands, e.g. 'data import'. */
  name: string;
  summary: string;
  usage: string;
  /** parseArgs option definitions for this command. */
  options?: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;
  run(args: { values: Record<string, unknown>; positionals: string[] }, ctx: CliContext): Promise<number>;
}
