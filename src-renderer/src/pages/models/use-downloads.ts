import { useCallback, useEffect, useMemo, useState } from 'react';

import type { TaskProgress, WindowApi } from '@contract';
import type { DownloadView } from '@contract/downloads';
import { getApi } from '../../api';
import { useApiEvent } from '../../hooks/use-api-event';
import { useApiQuery } from '../../hooks/use-api-query';

export type DownloadInput = Parameters<WindowApi['downloads']['start']>[0];

/** One download task (a catalogue entry's files, or one URL) as the page shows it. */
export interface DownloadTask {
  taskId: string;
  catalogueId: string | null;
  /** Files in the order they were fetched; a later file has no row until the earlier ones are done. */
  files: DownloadView[];
  state: DownloadView['state'];
  /** The latest pushed progress (bytes, rate), for tasks that ran while this page was open. */
  live: TaskProgress | undefined;
  error: string | null;
}

/** Polled while something runs, so a missed event (a dropped browser-mode socket) cannot freeze a bar. */
const POLL_MS = 1000;

function groupTasks(views: readonly DownloadView[], live: Record<string, TaskProgress>): DownloadTask[] {
  const byTask = new Map<string, DownloadView[]>();
  for (const view of views) byTask.set(view.taskId, [...(byTask.get(view.taskId) ?? []), view]);
  return [...byTask.entries()].map(([taskId, newestFirst]) => {
    const event = live[taskId];
    const latest = newestFirst[0]!;
    const failedFile = newestFirst.find((view) => view.error !== null);
    return {
      taskId,
      catalogueId: latest.catalogueId,
      files: [...newestFirst].reverse(),
      // The event is the task's own state (its last one is always sent); the list can lag a poll behind.
      state: event?.state ?? latest.state,
      live: event,
      // The file's error names the file and host; the task's error is the fallback.
      error: failedFile?.error ?? event?.error?.message ?? null,
    };
  });
}

/**
 * Downloads started from this page or earlier: `downloads.list` for states and errors, `task.progress`
 * events for live bytes and rate. `onFinished` runs when a download completes (the model list may change).
 */
export function useDownloads(onFinished: () => void) {
  const list = useApiQuery(() => getApi().downloads.list({}), []);
  const { reload } = list;
  const [live, setLive] = useState<Record<string, TaskProgress>>({});

  useApiEvent('task.progress', (event) => {
    // Dollar Street photo downloads are 'download' tasks too, counted in photos rather than bytes.
    if (event.kind !== 'download' || event.unit !== 'bytes') return;
    setLive((current) => ({ ...current, [event.taskId]: event }));
    if (event.state === 'running') return;
    reload();
    if (event.state === 'done') onFinished();
  });

  const tasks = useMemo(() => groupTasks(list.data ?? [], live), [list.data, live]);
  const running = tasks.some((task) => task.state === 'running');
  useEffect(() => {
    if (!running) return undefined;
    const timer = window.setInterval(reload, POLL_MS);
    return () => window.clearInterval(timer);
  }, [running, reload]);

  const start = useCallback(
    async (input: DownloadInput) => {
      const started = await getApi().downloads.start(input);
      reload();
      return started;
    },
    [reload],
  );
  const cancel = useCallback(
    async (taskId: string) => {
      await getApi().downloads.cancel({ taskId });
      reload();
    },
    [reload],
  );

  return { tasks, error: list.error, reload, start, cancel };
}

export type Downloads = ReturnType<typeof useDownloads>;
