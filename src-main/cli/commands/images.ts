import type { ImageImportResult } from '../../contract/images';
import type { CliCommand } from '../command';

export const imagesImportCommand: CliCommand = {
  name: 'images import',
  summary: 'Import an image folder laid out <country>/<category>/<image>',
  usage: 'value-atlas images import FOLDER [--licence TEXT] [--attribution TEXT]',
  options: { licence: { type: 'string' }, attribution: { type: 'string' } },
  async run({ values, positionals }, ctx) {
    const [folder] = positionals;
    if (folder === undefined) {
      ctx.io.err(`Usage: ${this.usage}`);
      return 2;
    }
    const report = await ctx.call<ImageImportResult>('images.importFolder', {
      path: folder,
      ...(typeof values.licence === 'string' ? { licence: values.licence } : {}),
      ...(typeof values.attribution === 'string' ? { attribution: values.attribution } : {}),
    });
    if (ctx.json) {
      ctx.io.out(JSON.stringify(report, null, 2));
      return 0;
    }
    ctx.io.out(
      `Added ${report.added} images (${report.duplicates} already in the library): ${
        Object.entries(report.byCountry)
          .map(([code, n]) => `${code} ${n}`)
          .join(', ') || 'none'
      }`,
    );
    for (const entry of report.skipped.slice(0, 30)) ctx.io.out(`skipped ${entry.file}: ${entry.reason}`);
    return 0;
  },
};

export const imagesListCommand: CliCommand = {
  name: 'images list',
  summary: 'Images in the library, per country',
  usage: 'value-atlas images list [--json]',
  async run(_args, ctx) {
    const counts = await ctx.call<{ country: string; images: number }[]>('images.counts', {});
    if (ctx.json) ctx.io.out(JSON.stringify(counts, null, 2));
    else if (counts.length === 0)
      ctx.io.out('No images yet. Import a folder: value-atlas images import FOLDER');
    else for (const row of counts) ctx.io.out(`${row.country}  ${row.images}`);
    return 0;
  },
};
