#!/usr/bin/env node
// Scans what ships (the built main bundle, preload and renderer page) with Doyensec's Electronegativity and
// fails on any finding that is not explained below. Run after `npm run build`:
//   node scripts/security-scan.mjs [--input DIR] [--json]
// --input scans another folder instead (the tests use it to prove that a misconfiguration is caught).
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Findings reviewed and accepted, by check and file, each with the reason. A finding not listed here fails
 * the scan; an entry whose finding no longer occurs is reported so that it can be removed.
 */
const EXPLAINED = {
  'CSP_GLOBAL_CHECK index.html':
    "csp-evaluator warns that script-src 'self' is unsafe where the origin also serves JSONP, Angular templates or user uploads. The app origin serves only its own built bundle; user images go through the va-media: protocol, which img-src allows and script-src does not, and nothing is ever fetched from the network.",
  'CSP_GLOBAL_CHECK main.js':
    "The header is set from the CONTENT_SECURITY_POLICY constant, which the scanner cannot follow ('failed to parse'). It is the meta tag's policy evaluated above plus frame-ancestors 'none' (which a meta tag cannot carry); tests/main/electron/security-config.test.ts checks exactly that.",
};

const { values } = parseArgs({ options: { input: { type: 'string' }, json: { type: 'boolean' } } });
const electronVersion = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).devDependencies.electron;

let input = values.input;
let scratch;
if (input === undefined) {
  // Flat copies with stable names, so the explanations above name files, not bundler hashes.
  scratch = mkdtempSync(join(tmpdir(), 'value-atlas-scan-'));
  copyFileSync(join(root, 'out', 'main', 'index.js'), join(scratch, 'main.js'));
  copyFileSync(join(root, 'out', 'preload', 'index.js'), join(scratch, 'preload.js'));
  copyFileSync(join(root, 'out', 'renderer', 'index.html'), join(scratch, 'index.html'));
  input = scratch;
}

// The scanner asks a web server for translations on every run: answer for the network, offline, so that
// a security check never makes an outbound connection (the English texts are bundled).
const scannerDir = dirname(require.resolve('@doyensec/electronegativity'));
const gotPath = require.resolve('got', { paths: [scannerDir] });
const offline = () => Promise.reject(new Error('the security scan fetches nothing'));
require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: offline };
// The programmatic entry point: the package's CLI breaks on the newer `commander` that npm hoists here.
const scan = require('@doyensec/electronegativity');
let report;
// The scanner's i18n prints to stdout ("Could not retrieve updated translations…"): keep stdout for the report.
const print = console.log;
console.log = (...args) => console.error(...args);
try {
  report = await scan(
    {
      input,
      isSarif: false,
      customScan: [],
      // This check downloads Electron's release list; the version is pinned in package.json instead.
      excludeFromScan: ['availablesecurityfixesglobalcheck'],
      isRelative: true,
      isVerbose: false,
      electronVersionOverride: electronVersion,
      parserPlugins: [],
    },
    false,
  );
} finally {
  console.log = print;
  if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
}

const findings = report.issues.map((issue) => ({
  check: issue.id,
  file: issue.file,
  line: issue.location.line,
  severity: issue.severity.name,
  confidence: issue.confidence.name,
  description: issue.description,
  explanation: EXPLAINED[`${issue.id} ${issue.file}`] ?? null,
}));
const unexplained = findings.filter((finding) => finding.explanation === null);
const seen = new Set(findings.map((finding) => `${finding.check} ${finding.file}`));
const stale = Object.keys(EXPLAINED).filter((key) => !seen.has(key));
const summary = {
  electronVersion,
  checks: report.globalChecks + report.atomicChecks,
  parseErrors: report.errors.length,
  findings,
  unexplained: unexplained.length,
  staleExplanations: stale,
};

if (values.json) console.log(JSON.stringify(summary, null, 2));
else {
  console.log(
    `Electronegativity: ${summary.checks} checks, Electron ${electronVersion}: ${findings.length} findings, ${unexplained.length} unexplained.`,
  );
  for (const finding of findings)
    console.log(
      `  ${finding.explanation === null ? 'UNEXPLAINED' : 'explained  '} ${finding.check} ${finding.file}:${finding.line} (${finding.severity}, ${finding.confidence}): ${finding.description}${finding.explanation !== null ? `\n      why it is accepted: ${finding.explanation}` : ''}`,
    );
  for (const key of stale) console.log(`  note: '${key}' is explained but no longer found; remove it.`);
}
process.exit(unexplained.length > 0 || report.errors.length > 0 ? 1 : 0);
