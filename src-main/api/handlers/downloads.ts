import { resolve } from 'node:path';

import { CATALOGUE } from '../../data/catalogue';
import { AppError } from '../../domain/errors';
import { DownloadRepository, type DownloadRow } from '../../storage/download-repository';
import type { DownloadView } from '../../contract/downloads';
import type { CallContext, DomainHandlers } from '../dispatcher';
import { planDownload, runDownloadPlan } from '../../app/download-jobs';
import type { AppServices } from '../../app/services';
import { TaskResults } from '../../app/task-results';

function toView(row: DownloadRow, live: ReadonlySet<string>): DownloadView {
  let host = '';
  try {
    host = new URL(row.url).hostname;
  } catch {
    // An old row with a broken URL still lists.
  }
  return {
    id: row.id,
    taskId: row.task_id,
    catalogueId: row.catalogue_id,
    url: row.url,
    host,
    destination: row.destination,
    state: row.state === 'running' && !live.has(row.task_id) ? 'interrupted' : row.state,
    bytes: row.bytes,
    expectedSha256: row.expected_sha256,
    sha256: row.sha256,
    error: row.error,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

/** The command line may name any folder; the app's pages (and browser mode) write only into app data. */
function cliFolder(folder: string | undefined, ctx: CallContext): string | null {
  if (folder === undefined) return null;
  if (ctx.door !== 'cli' && ctx.door !== 'test')
    throw new AppError('forbidden_path', 'A download folder can be chosen only on the command line.');
  return resolve(folder);
}

export function createDownloadHandlers(services: AppServices): DomainHandlers<'downloads'> {
  const repository = new DownloadRepository(services.db);
  const results = new TaskResults<DownloadView[]>();
  /** Tasks of this process still running, and the files they write (two tasks never write one file). */
  const live = new Set<string>();
  const writing = new Set<string>();

  const views = async (taskId: string) => (await repository.byTask(taskId)).map((row) => toView(row, live));

  return {
    catalogue() {
      return Promise.resolve(
        CATALOGUE.map((entry) => ({ ...entry, files: entry.files.map((file) => ({ ...file })) })),
      );
    },

    async start(input, ctx) {
      const plan = await planDownload(input, services.paths, cliFolder(input.folder, ctx));
      const busy = plan.files.find((file) => writing.has(file.destination));
      if (busy !== undefined)
        throw new AppError('conflict', `'${busy.destination}' is being downloaded already.`, {
          file: busy.destination,
        });
      for (const file of plan.files) writing.add(file.destination);
      // The work starts inside tasks.start, before its id is returned: it waits for the id here.
      let giveId: (id: string) => void = () => undefined;
      const idKnown = new Promise<string>((resolveId) => (giveId = resolveId));
      const { taskId, result } = services.tasks.start('download', plan.label, 'bytes', async (reporter) =>
        runDownloadPlan(plan, await idKnown, repository, reporter),
      );
      giveId(taskId);
      live.add(taskId);
      const settled = result
        .catch(() => undefined)
        .finally(() => {
          live.delete(taskId);
          for (const file of plan.files) writing.delete(file.destination);
        })
        .then(() => views(taskId));
      results.add(taskId, settled);
      return { taskId, files: plan.files.map((file) => ({ url: file.url, destination: file.destination })) };
    },

    async list() {
      return (await repository.list()).map((row) => toView(row, live));
    },

    wait({ taskId }) {
      return results.wait(taskId);
    },

    cancel({ taskId }) {
      results.check(taskId); // Throws for a task that is not a download of this session.
      services.tasks.cancel(taskId);
      return Promise.resolve({ cancelled: true as const });
    },
  };
}
