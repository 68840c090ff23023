import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import type { DoctorReport } from '@contract';
import { StatusReport } from '../../../src-renderer/src/pages/status-page';

const report: DoctorReport = {
  app: { name: 'Value Atlas', version: '9.9.9' },
  versions: { node: '20.0.0', 'llama.cpp': 'b1 (abc)' },
  platform: { os: 'linux', arch: 'x64', release: '6', cpuModel: 'Test CPU', cores: 2, memoryGiB: 8 },
  paths: { home: '/home/x/.config/value-atlas', database: '/home/x/db.sqlite', models: '/home/x/models' },
  cpuFeatures: ['avx2', 'fma'],
  gpus: [],
  backends: [
    { id: 'a', label: 'llama.node CPU', available: true, note: 'slow prebuilt' },
    { id: 'b', label: 'llama.node CUDA', available: false },
  ],
  models: [],
  database: { path: '/home/x/db.sqlite', migrations: ['0001-core'], sizeBytes: 4096 },
};

describe('StatusReport', () => {
  it('shows versions, hardware, backends and what to do without models', () => {
    render(<StatusReport report={report} />);
    expect(screen.getByText('9.9.9')).toBeTruthy();
    expect(screen.getByText('avx2 fma')).toBeTruthy();
    expect(screen.getByText('none detected')).toBeTruthy();
    expect(screen.getByText('slow prebuilt')).toBeTruthy();
    expect(screen.getAllByText('missing')).toHaveLength(1);
    expect(screen.getByText(/No GGUF files yet/)).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Model files (0)' })).toBeTruthy();
  });
});
