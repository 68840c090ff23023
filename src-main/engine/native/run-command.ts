import { spawn } from 'node:child_process';

import { AppError } from '../../domain/errors';

export interface RunCommandOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Every line the command prints (stdout and stderr), as it comes. */
  onLine?: (line: string) => void;
  signal?: AbortSignal;
  /** What to tell the user when the program is not installed. */
  installHint?: string;
  /** What to tell the user when it runs but fails. */
  failureHint?: string;
}

const TAIL_LINES = 15;

/** The command line as the user would type it, for error messages. */
export function formatCommand(command: string, args: readonly string[]): string {
  return [command, ...args].map((part) => (/[\s"']/.test(part) ? JSON.stringify(part) : part)).join(' ');
}

/**
 * Runs a program to completion, streaming its output line by line. A missing program or a non-zero exit
 * becomes an AppError that names the exact command, its last output lines and what to do about it.
 */
export function runCommand(
  command: string,
  args: readonly string[],
  options: RunCommandOptions = {},
): Promise<{ tail: string[] }> {
  const shown = formatCommand(command, args);
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted === true) {
      reject(new AppError('cancelled', `Cancelled before running \`${shown}\`.`));
      return;
    }
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
      // npm and friends are .cmd scripts on Windows, which only a shell can start.
      shell: process.platform === 'win32' && /\.(cmd|bat)$/i.test(command),
    });
    const tail: string[] = [];
    const pending = { stdout: '', stderr: '' };
    const take = (stream: 'stdout' | 'stderr', chunk: Buffer, flush = false) => {
      const text = pending[stream] + chunk.toString('utf8');
      const lines = text.split(/\r?\n|\r/);
      pending[stream] = flush ? '' : (lines.pop() ?? '');
      for (const line of lines) {
        if (line.trim() === '') continue;
        tail.push(line);
        if (tail.length > TAIL_LINES) tail.shift();
        options.onLine?.(line);
      }
    };
    child.stdout.on('data', (chunk: Buffer) => take('stdout', chunk));
    child.stderr.on('data', (chunk: Buffer) => take('stderr', chunk));
    const onAbort = () => child.kill('SIGTERM');
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (error: NodeJS.ErrnoException) => {
      options.signal?.removeEventListener('abort', onAbort);
      if (error.code === 'ENOENT') {
        reject(
          new AppError(
            'unavailable',
            `\`${shown}\` failed: '${command}' is not installed or not on the PATH.${options.installHint !== undefined ? ` ${options.installHint}` : ''}`,
            { command: shown },
          ),
        );
      } else reject(new AppError('internal', `\`${shown}\` could not start: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      options.signal?.removeEventListener('abort', onAbort);
      take('stdout', Buffer.alloc(0), true);
      take('stderr', Buffer.alloc(0), true);
      if (options.signal?.aborted === true) {
        reject(new AppError('cancelled', `Cancelled while running \`${shown}\`.`));
      } else if (code === 0) resolve({ tail });
      else {
        const last = tail.slice(-6).join('\n');
        reject(
          new AppError(
            'engine_failed',
            `\`${shown}\` failed (${signal ?? `exit code ${code}`}).${options.failureHint !== undefined ? ` ${options.failureHint}` : ''}${last !== '' ? `\nLast output:\n${last}` : ''}`,
            { command: shown },
          ),
        );
      }
    });
  });
}

/** Whether a program runs at all (`--version` or the given probe), without throwing. */
export async function commandWorks(
  command: string,
  args: readonly string[] = ['--version'],
): Promise<boolean> {
  try {
    await runCommand(command, args);
    return true;
  } catch {
    return false;
  }
}
