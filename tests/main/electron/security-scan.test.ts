import { spawnSync } from 'node:child_process';
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

function scan(...args: string[]) {
  const result = spawnSync(
    process.execPath,
    [join(REPO_ROOT, 'scripts', 'security-scan.mjs'), '--json', ...args],
    {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  return { status: result.status, summary: JSON.parse(result.stdout) as ScanSummary };
}

describe('security scan of the Electron setup (Electronegativity)', () => {
  const tempDir = useTempDirs();

  it('finds nothing unexplained in what ships', () => {
    const { status, summary } = scan();
    console.info(
      `electronegativity: ${summary.checks} checks, ${summary.findings.length} findings, ${summary.unexplained} unexplained`,
    );
    expect(summary.checks).toBeGreaterThan(30);
    expect(summary.unexplained).toBe(0);
    expect(status).toBe(0);
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
    const { status, summary } = scan('--input', dir);
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
