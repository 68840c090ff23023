import { parseArgs } from 'node:util';

import { createApi, type AppApi } from '../api/create-api';
import { APP_NAME, APP_VERSION } from '../platform/app-info';
import { AppError, isAppError } from '../domain/errors';
import type { CliCommand, CliContext, CliIo } from './command';
import { COMMANDS } from './commands';

export interface CliEnvironment {
  io: CliIo;
  rendererDir: string;
  modelFolders: string[];
  interrupted: AbortSignal;
}

const GLOBAL_OPTIONS = {
  home: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

function findCommand(positionals: string[]): { command: CliCommand; rest: string[] } | undefined {
  // Longest match first, so 'data import' wins over 'data'.
  for (let length = Math.min(3, positionals.length); length > 0; length--) {
    const name = positionals.slice(0, length).join(' ');
    const command = COMMANDS.find((candidate) => candidate.name === name);
    if (command !== undefined) return { command, rest: positionals.slice(length) };
  }
  return undefined;
}

function helpText(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length)) + 2;
  return [
    `${APP_NAME} ${APP_VERSION} — measure how vision-language models handle culture, offline.`,
    '',
    'Usage: value-atlas <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((command) => `  ${command.name.padEnd(width)}${command.summary}`),
    '',
    'Global options:',
    '  --home DIR     app-data folder (default: VALUE_ATLAS_HOME or the OS app-data folder)',
    '  --json         machine-readable output',
    '  -h, --help     help for a command: value-atlas <command> --help',
    '  -v, --version  print the version',
  ].join('\n');
}

/** Parses argv, runs one command and returns the exit code. Never calls process.exit itself. */
export async function runCli(argv: string[], env: CliEnvironment): Promise<number> {
  const { io } = env;
  // A lenient first pass finds the command; the strict pass then knows that command's options.
  const firstPass = parseArgs({ args: argv, options: GLOBAL_OPTIONS, allowPositionals: true, strict: false });
  const found = findCommand(firstPass.positionals);
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { ...GLOBAL_OPTIONS, ...(found?.command.options ?? {}) },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    io.err(error instanceof Error ? error.message : String(error));
    io.err(found !== undefined ? `Usage: ${found.command.usage}` : 'Run value-atlas --help.');
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.version === true) {
    io.out(APP_VERSION);
    return 0;
  }
  if (found === undefined) {
    if (positionals.length > 0) {
      io.err(`Unknown command '${positionals.join(' ')}'.`);
      io.err('');
    }
    if (positionals.length > 0) {
      io.err(helpText());
      return 2;
    }
    io.out(helpText());
    return 0;
  }
  if (values.help === true) {
    io.out(`${found.command.summary}\n\nUsage: ${found.command.usage}`);
    return 0;
  }
  let api: AppApi | undefined;
  const ctx: CliContext = {
    io,
    json: values.json === true,
    rendererDir: env.rendererDir,
    interrupted: env.interrupted,
    api: async () => {
      api ??= await createApi({
        home: typeof values.home === 'string' ? values.home : undefined,
        modelFolders: env.modelFolders,
      });
      return api;
    },
    call: async <T>(name: string, input: unknown) => {
      const opened = await ctx.api();
      return (await opened.dispatcher.call(name, input, { door: 'cli' })) as T;
    },
  };
  const commandPositionals = positionals.slice(found.command.name.split(' ').length);
  try {
    return await found.command.run({ values, positionals: commandPositionals }, ctx);
  } catch (error) {
    if (isAppError(error)) {
      io.err(`Error: ${error.message}`);
      return error.code === 'invalid_input' ? 2 : 1;
    }
    io.err(`Unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 1;
  } finally {
    await api?.close().catch((error: unknown) => {
      io.err(`Error while closing: ${error instanceof AppError ? error.message : String(error)}`);
    });
  }
}
