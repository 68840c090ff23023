import type { DoctorReport } from '../../contract';
import type { CliCommand } from '../command';

function formatBytes(bytes: number): string {
  if (bytes >= 2 ** 30) return `${(bytes / 2 ** 30).toFixed(2)} GiB`;
  if (bytes >= 2 ** 20) return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

export const doctorCommand: CliCommand = {
  name: 'doctor',
  summary: 'Show versions, folders, models found, inference backends, CPU features and GPUs',
  usage: 'value-atlas doctor [--json]',
  async run(_args, ctx) {
    const report = await ctx.call<DoctorReport>('system.doctor', {});
    if (ctx.json) {
      ctx.io.out(JSON.stringify(report, null, 2));
      return 0;
    }
    const { io } = ctx;
    io.out(`${report.app.name} ${report.app.version}`);
    io.out('');
    io.out('Versions');
    for (const [name, version] of Object.entries(report.versions)) io.out(`  ${name.padEnd(12)} ${version}`);
    io.out('');
    io.out('Folders');
    io.out(`  app data     ${report.paths.home}`);
    io.out(
      `  database     ${report.paths.database} (${formatBytes(report.database.sizeBytes)}, schema ${report.database.migrations.at(-1) ?? '-'})`,
    );
    io.out(`  models       ${report.paths.models}`);
    io.out('');
    const p = report.platform;
    io.out('Machine');
    io.out(`  ${p.os} ${p.arch} ${p.release}, ${p.cores} cores, ${p.memoryGiB} GiB`);
    io.out(`  CPU          ${p.cpuModel}`);
    io.out(`  features     ${report.cpuFeatures.join(' ') || '(none detected)'}`);
    io.out(
      `  GPUs         ${report.gpus.length === 0 ? 'none detected' : report.gpus.map((gpu) => gpu.name).join(', ')}`,
    );
    io.out('');
    io.out('Inference backends');
    for (const backend of report.backends) {
      io.out(
        `  ${backend.available ? '✓' : '✗'} ${backend.label}${backend.note !== undefined ? ` — ${backend.note}` : ''}`,
      );
    }
    if (report.recommendation !== undefined)
      io.out(`  → recommended: ${report.recommendation.id} (${report.recommendation.reason})`);
    for (const warning of report.backendWarnings ?? []) io.out(`  ! ${warning}`);
    io.out('');
    io.out(`Model files (${report.models.length})`);
    for (const model of report.models) io.out(`  ${model.path} (${formatBytes(model.sizeBytes)})`);
    if (report.models.length === 0)
      io.out(`  none: put GGUF files in ${report.paths.models}, or run value-atlas demo-model`);
    return 0;
  },
};
