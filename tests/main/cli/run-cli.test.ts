import { describe, expect, it } from 'vitest';

import { runCli } from '../../../src-main/cli/run-cli';
import { RENDERER_DIR } from '../../helpers/repo';
import { useTempDirs } from '../../helpers/temp-dir';

function captureIo() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (line: string) => out.push(line), err: (line: string) => err.push(line) }, out, err };
}

describe('value-atlas CLI', () => {
  const tempDir = useTempDirs();
  const env = (io: ReturnType<typeof captureIo>['io']) => ({
    io,
    rendererDir: RENDERER_DIR,
    modelFolders: [],
    interrupted: new AbortController().signal,
  });

  it('prints help listing the commands, and the version', async () => {
    const help = captureIo();
    expect(await runCli(['--help'], env(help.io))).toBe(0);
    expect(help.out.join('\n')).toMatch(/doctor/);
    expect(help.out.join('\n')).toMatch(/serve/);
    const version = captureIo();
    expect(await runCli(['--version'], env(version.io))).toBe(0);
    expect(version.out).toEqual([expect.stringMatching(/^\d+\.\d+\.\d+/)]);
  });

  it('fails clearly on an unknown command or option', async () => {
    const unknown = captureIo();
    expect(await runCli(['frobnicate'], env(unknown.io))).toBe(2);
    expect(unknown.err[0]).toBe("Unknown command 'frobnicate'.");
    const badOption = captureIo();
    expect(await runCli(['doctor', '--frob'], env(badOption.io))).toBe(2);
    expect(badOption.err.join('\n')).toMatch(/Unknown option '--frob'/);
  });

  it('doctor --json gives the same report as the API, for the chosen home', async () => {
    const home = await tempDir();
    const doctor = captureIo();
    expect(await runCli(['doctor', '--json', '--home', home], env(doctor.io))).toBe(0);
    const report = JSON.parse(doctor.out.join('\n')) as {
      paths: { home: string };
      versions: Record<string, string>;
    };
    expect(report.paths.home).toBe(home);
    expect(report.versions['llama.cpp']).toMatch(/^b\d+/);
  });

  it('serve refuses a non-loopback address unless --allow-remote is given', async () => {
    const io = captureIo();
    expect(await runCli(['serve', '--host', '0.0.0.0', '--home', await tempDir()], env(io.io))).toBe(2);
    expect(io.err.join('\n')).toMatch(/--allow-remote/);
  });

  it('serve prints the URL with its token and stops on interrupt', async () => {
    const io = captureIo();
    const controller = new AbortController();
    const running = runCli(['serve', '--home', await tempDir()], {
      ...env(io.io),
      interrupted: controller.signal,
    });
    await expect.poll(() => io.out.find((line) => line.startsWith('Open: '))).toBeDefined();
    const openLine = io.out.find((line) => line.startsWith('Open: '))!;
    expect(openLine).toMatch(/^Open: http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+$/);
    const url = new URL(openLine.slice(6));
    const refused = await fetch(`${url.origin}/api/system.ping`, { method: 'POST' });
    expect(refused.status).toBe(401);
    controller.abort();
    expect(await running).toBe(0);
  });
});
