import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { OUT_DIR } from '../../helpers/repo';

// Reads what ships (the built bundles), not the sources, so a build setting cannot silently undo a rule.
const main = readFileSync(join(OUT_DIR, 'main', 'index.js'), 'utf8');
const preload = readFileSync(join(OUT_DIR, 'preload', 'index.js'), 'utf8');
const html = readFileSync(join(OUT_DIR, 'renderer', 'index.html'), 'utf8');

function webPreferences(): string {
  const start = main.indexOf('webPreferences: {');
  expect(start, 'the BrowserWindow options are written out in main.ts').toBeGreaterThan(-1);
  return main.slice(start, main.indexOf('}', start));
}

describe('Electron shell configuration (built output)', () => {
  it('isolates the renderer: context isolation, sandbox, no Node integration, no webviews', () => {
    const prefs = webPreferences();
    expect(prefs).toMatch(/contextIsolation: true/);
    expect(prefs).toMatch(/sandbox: true/);
    expect(prefs).toMatch(/nodeIntegration: false/);
    expect(prefs).toMatch(/nodeIntegrationInWorker: false/);
    expect(prefs).toMatch(/nodeIntegrationInSubFrames: false/);
    expect(prefs).toMatch(/webSecurity: true/);
    expect(prefs).toMatch(/allowRunningInsecureContent: false/);
    expect(prefs).toMatch(/webviewTag: false/);
    expect(prefs).toMatch(/disableBlinkFeatures: "Auxclick"/);
  });

  it('denies permissions, blocks navigation and new windows, keeps one instance', () => {
    expect(main).toMatch(
      /setPermissionRequestHandler\(\(_webContents, _permission, callback\) => callback\(false\)\)/,
    );
    expect(main).toMatch(/setPermissionCheckHandler\(\(\) => false\)/);
    expect(main).toMatch(/on\("will-navigate"[\s\S]{0,120}preventDefault/);
    expect(main).toMatch(/on\("will-attach-webview", \(event\) => event\.preventDefault\(\)\)/);
    expect(main).toMatch(/setWindowOpenHandler\(\(\) => \(\{ action: "deny" \}\)\)/);
    expect(main).toMatch(/requestSingleInstanceLock\(\)/);
  });

  it('serves a strict CSP: own scripts only, no eval, no remote origins', () => {
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
    const header = /CONTENT_SECURITY_POLICY = "([^"]+)"/.exec(main)?.[1] ?? '';
    // One policy: the header the session adds is the page's meta tag plus frame-ancestors, which browsers
    // ignore in a meta tag (the security scan evaluates the meta tag and relies on this).
    expect(header.replace(/\s+/g, ' ')).toBe(`${meta.replace(/\s+/g, ' ')}; frame-ancestors 'none'`);
    for (const policy of [meta, header]) {
      expect(policy).toMatch(/default-src 'self'/);
      expect(policy).toMatch(/script-src 'self'(;|$)/);
      expect(policy).toMatch(/object-src 'none'/);
      expect(policy).not.toMatch(/unsafe-eval|https?:|\*/);
    }
  });

  it('exposes only the API through the preload, built from the method list main sends', () => {
    expect(preload).toMatch(/contextBridge\.exposeInMainWorld\("api"/);
    expect(preload).not.toMatch(/exposeInMainWorld\("(ipcRenderer|electron|require|process)"/);
    expect(preload).not.toMatch(/require\("(fs|child_process|node:)/);
    // Calls are accepted from the app's own window only.
    expect(main).toMatch(/BrowserWindow\.fromWebContents\(sender\) !== null/);
  });
});
