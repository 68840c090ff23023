import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { REPO_ROOT } from '../../helpers/repo';
import { useTempDirs } from '../../helpers/temp-dir';

interface ScanSummary {
  checks: number;
  findings: { check: string; file: string; explanation: string | null }[];
  unexplained: number;
}

const GUARD = join(REPO_ROOT, 'tests', 'helpers', 'network-guard.cjs');

/** Runs the scan with the network guard loaded; `networkLog` collects any outbound connection attempt. */
function scan(networkLog: string, ...args: string[]) {
  const result = spawnSync(
    process.execPath,
    [join(REPO_ROOT, 'scripts', 'security-scan.mjs'), '--json', ...args],
    {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: `--require ${GUARD}`, VA_NETWORK_LOG: networkLog },
      timeout: 120_000,
    },
  );
  return { status: result.status, summary: JSON.parse(result.stdout) as ScanSummary };
}

describe('security scan of the Electron setup (Electronegativity)', () => {
  const tempDir = useTempDirs();

  it('finds nothing unexplained in what ships, without any outbound connection', async () => {
    const networkLog = join(await tempDir(), 'network.log');
    const { status, summary } = scan(networkLog);
    console.info(
      `electronegativity: ${summary.checks} checks, ${summary.findings.length} findings, ${summary.unexplained} unexplained`,
    );
    expect(summary.checks).toBeGreaterThan(30);
    expect(summary.unexplained).toBe(0);
    expect(status).toBe(0);
    // The scanner would fetch translations from the web on every run; the script answers for it, offline.
    expect(existsSync(networkLog) ? readFileSync(networkLog, 'utf8') : '').toBe('');
  });

  it('fails on a window without isolation, sandbox or navigation limits', async () => {
    const dir = await tempDir();
    await writeFile(
      join(dir, 'main.js'),
      [
        "const { BrowserWindow } = require('electron');",
        'const win = new BrowserWindow({ webPreferences: { contextIsolation: false, sandbox: false } });',
        "win.loadURL('http://example.com');",
      ].join('\n'),
    );
    const { status, summary } = scan(join(dir, 'network.log'), '--input', dir);
    expect(status).toBe(1);
    expect(summary.findings.map((finding) => finding.check)).toEqual(
      expect.arrayContaining([
        'CONTEXT_ISOLATION_JS_CHECK',
        'SANDBOX_JS_CHECK',
        'LIMIT_NAVIGATION_GLOBAL_CHECK',
        'HTTP_RESOURCES_JS_CHECK',
      ]),
    );
  });
});
