import { describe, expect, it } from 'vitest';

import { createApi } from '../../../src-main/api/create-api';
import { useTempDirs } from '../../helpers/temp-dir';

describe('Dispatcher', () => {
  const tempDir = useTempDirs();

  it('validates input against the contract before a handler runs', async () => {
    const api = await createApi({ home: await tempDir() });
    try {
      const bad = await api.dispatcher.invoke('system.ping', { unexpected: true }, { door: 'test' });
      expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(bad.ok ? '' : bad.error.message).toContain('unexpected');

      const notObject = await api.dispatcher.invoke('system.ping', 'text', { door: 'test' });
      expect(notObject).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

      const good = await api.dispatcher.invoke('system.ping', {}, { door: 'test' });
      expect(good).toMatchObject({ ok: true, value: { ok: true } });
    } finally {
      await api.close();
    }
  });

  it('refuses unknown and malformed method names without reaching a handler', async () => {
    const api = await createApi({ home: await tempDir() });
    try {
      for (const name of [
        'system.nope',
        'nope.ping',
        'system',
        'system.ping.extra',
        '__proto__.constructor',
        'system.__proto__',
        'toString.call',
      ]) {
        const result = await api.dispatcher.invoke(name, {}, { door: 'test' });
        expect(result, name).toMatchObject({ ok: false, error: { code: 'not_found' } });
      }
    } finally {
      await api.close();
    }
  });

  it('lists every contract method as domain.method', async () => {
    const api = await createApi({ home: await tempDir() });
    try {
      expect(api.methodNames).toContain('system.doctor');
      expect(api.methodNames.every((name) => /^[a-z]+\.[a-zA-Z]+$/.test(name))).toBe(true);
    } finally {
      await api.close();
    }
  });

  it('doctor reports real versions, folders and CPU facts', async () => {
    const home = await tempDir();
    const api = await createApi({ home });
    try {
      const report = await api.dispatcher.call('system.doctor', {}, { door: 'test' });
      expect(report).toMatchObject({
        app: { name: 'Value Atlas' },
        paths: { home },
        versions: { node: process.versions.node, 'llama.node': '1.7.15' },
      });
      const typed = report as {
        versions: Record<string, string>;
        backends: { id: string }[];
        platform: { cores: number };
      };
      expect(typed.versions.sqlite).toMatch(/^3\.\d+/);
      expect(typed.backends.map((backend) => backend.id)).toContain('llama-node:default');
      expect(typed.platform.cores).toBeGreaterThan(0);
    } finally {
      await api.close();
    }
  });
});
