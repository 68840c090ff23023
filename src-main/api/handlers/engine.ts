import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';

import { AppError } from '../../domain/errors';
import { buildLlamaServer } from '../../engine/native/build';
import { runCommand } from '../../engine/native/run-command';
import type { DomainHandlers } from '../dispatcher';
import {
  buildView,
  engineBackendsReport,
  readEngineSettings,
  settingsView,
  writeEngineSettings,
  type EngineSettings,
} from '../../app/engine-settings';
import type { AppServices } from '../../app/services';

export function createEngineHandlers(services: AppServices): DomainHandlers<'engine'> {
  const { db } = services;
  const update = async (change: (settings: EngineSettings) => EngineSettings | Promise<EngineSettings>) => {
    const next = await change(await readEngineSettings(db));
    await writeEngineSettings(db, next);
    return settingsView(next);
  };

  return {
    backends() {
      return engineBackendsReport(db, services.paths.cache);
    },

    async build({ cuda, vulkan, metal, jobs, force }) {
      // Every tool line goes to a log file: the progress events carry only the step and the count.
      await mkdir(services.paths.logs, { recursive: true });
      const logPath = join(services.paths.logs, 'llama-server-build.log');
      const log = createWriteStream(logPath, { flags: 'w' });
      const { result } = services.tasks.start('engine-build', 'Building llama-server', 'steps', (reporter) =>
        buildLlamaServer({
          cacheDir: services.paths.cache,
          cuda,
          vulkan,
          metal,
          force,
          ...(jobs !== undefined ? { jobs } : {}),
          signal: reporter.signal,
          onLine: (line) => log.write(`${line}\n`),
          onProgress: (event) => {
            log.write(`== ${event.message}\n`);
            reporter.progress(event.done ?? 0, event.total ?? null, event.message);
            // Step changes go out as log events too: task events are throttled and may skip one.
            if (event.done === undefined && event.phase !== 'done')
              services.events.emit('log', {
                level: 'info',
                source: 'engine-build',
                message: event.message,
                time: new Date().toISOString(),
              });
          },
        }),
      );
      try {
        const outcome = await result;
        return { build: buildView(outcome.build, outcome.build), reused: outcome.reused };
      } catch (error) {
        if (error instanceof AppError)
          throw new AppError(error.code, `${error.message}\n(Full log: ${logPath})`, error.details);
        throw error;
      } finally {
        log.end();
      }
    },

    async settings() {
      return settingsView(await readEngineSettings(db));
    },

    setServerBinary({ path }, ctx) {
      return update(async (settings) => {
        if (path === null) return { ...settings, serverBinary: null };
        const file = ctx.door === 'cli' ? resolve(path) : path;
        if (!isAbsolute(file))
          throw new AppError('invalid_input', `Give the full path of llama-server, not '${path}'.`);
        await runCommand(file, ['--version'], {
          installHint: 'Give the path of an existing llama-server binary.',
          failureHint: 'This file is not a working llama-server.',
        });
        return { ...settings, serverBinary: file };
      });
    },

    setPreferred({ backend, slots }) {
      return update((settings) => ({
        ...settings,
        preferred: backend,
        ...(slots !== undefined ? { slots } : {}),
      }));
    },

    addRemote({ id, kind, url, apiKey, model }) {
      return update((settings) => ({
        ...settings,
        remotes: [
          ...settings.remotes.filter((remote) => remote.id !== id),
          {
            id,
            kind,
            url,
            ...(apiKey !== undefined ? { apiKey } : {}),
            ...(model !== undefined ? { model } : {}),
          },
        ],
      }));
    },

    removeRemote({ id }) {
      return update((settings) => {
        if (!settings.remotes.some((remote) => remote.id === id))
          throw new AppError('not_found', `No remote server '${id}'.`);
        return { ...settings, remotes: settings.remotes.filter((remote) => remote.id !== id) };
      });
    },
  };
}
