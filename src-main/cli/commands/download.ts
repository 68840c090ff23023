import type { CatalogueEntryView, DownloadStarted, DownloadView } from '../../contract/downloads';
import type { CliCommand, CliContext } from '../command';
import { followTask } from '../follow-task';

async function printCatalogue(ctx: CliContext): Promise<number> {
  const entries = await ctx.call<CatalogueEntryView[]>('downloads.catalogue', {});
  if (ctx.json) {
    ctx.io.out(JSON.stringify(entries, null, 2));
    return 0;
  }
  for (const entry of entries) {
    const bytes = entry.files.every((file) => file.approxBytes !== null)
      ? ` · about ${(entry.files.reduce((sum, file) => sum + (file.approxBytes ?? 0), 0) / 1024 ** 2).toFixed(0)} MiB`
      : '';
    ctx.io.out(`${entry.id.padEnd(16)} ${entry.kind.padEnd(8)} ${entry.title}${bytes}`);
    ctx.io.out(`${''.padEnd(26)}licence: ${entry.licence}`);
  }
  return 0;
}

export const downloadCommand: CliCommand = {
  name: 'download',
  summary: 'Download a catalogue entry (see --list) or an https URL, resumably, with a checksum check',
  usage: [
    'value-atlas download CATALOGUE-ID|URL [--to downloads|models|FOLDER] [--name FILE] [--sha256 HEX]',
    '       value-atlas download --list',
  ].join('\n'),
  options: {
    to: { type: 'string' },
    name: { type: 'string' },
    sha256: { type: 'string' },
    list: { type: 'boolean' },
  },
  async run({ values, positionals }, ctx) {
    if (values.list === true) return printCatalogue(ctx);
    const [target] = positionals;
    if (target === undefined || positionals.length > 1) {
      ctx.io.err(`Usage: ${this.usage}`);
      return 2;
    }
    const to = typeof values.to === 'string' ? values.to : undefined;
    const started = await ctx.call<DownloadStarted>('downloads.start', {
      ...(target.includes('://') ? { url: target } : { catalogueId: target }),
      ...(to === 'downloads' || to === 'models' ? { to } : to !== undefined ? { folder: to } : {}),
      ...(typeof values.name === 'string' ? { fileName: values.name } : {}),
      ...(typeof values.sha256 === 'string' ? { sha256: values.sha256 } : {}),
    });
    if (!ctx.json) for (const file of started.files) ctx.io.err(`Downloading to ${file.destination}`);
    const views = await followTask(
      ctx,
      started.taskId,
      () => ctx.call<DownloadView[]>('downloads.wait', { taskId: started.taskId }),
      () => ctx.call('downloads.cancel', { taskId: started.taskId }),
    );
    if (ctx.json) ctx.io.out(JSON.stringify(views, null, 2));
    else
      for (const view of views) {
        if (view.state === 'done')
          ctx.io.out(`done  ${view.destination}  sha256 ${view.sha256 ?? '?'}  ${view.bytes} bytes`);
        else ctx.io.out(`${view.state}  ${view.destination}: ${view.error ?? ''}`);
      }
    if (views.length === started.files.length && views.every((view) => view.state === 'done')) return 0;
    return views.some((view) => view.state === 'cancelled') ? 3 : 1;
  },
};
