import { EndpointPicker } from './endpoint-picker';

export type BackendChoice = 'default' | 'vulkan' | 'cuda' | 'server' | 'remote';

export interface EngineChoice {
  backend: BackendChoice;
  endpoints: string[];
  gpuLayers: number;
  threads: number | undefined;
}

/** The engine settings of a run: one backend for every condition, so that comparisons stay fair. */
export function EngineFields({
  value,
  onChange,
}: {
  value: EngineChoice;
  onChange: (value: EngineChoice) => void;
}) {
  const set = (patch: Partial<EngineChoice>) => onChange({ ...value, ...patch });
  return (
    <details>
      <summary>Engine settings (one backend for the whole run, so conditions stay comparable)</summary>
      <div className="builder-row">
        <label>
          Backend {/* The select offers exactly these backend values, so its value is one of them. */}
          <select
            value={value.backend}
            onChange={(event) => set({ backend: event.target.value as BackendChoice })}
          >
            <option value="default">CPU (llama.node prebuilt)</option>
            <option value="vulkan">Vulkan GPU</option>
            <option value="cuda">CUDA GPU</option>
            <option value="server">Native llama-server build (value-atlas engine build)</option>
            <option value="remote">Remote llama.cpp servers</option>
          </select>
        </label>
        {value.backend === 'remote' ? (
          <EndpointPicker selected={value.endpoints} onChange={(endpoints) => set({ endpoints })} />
        ) : null}
        <label>
          GPU layers{' '}
          <input
            type="number"
            min={0}
            max={1000}
            value={value.gpuLayers}
            onChange={(event) => set({ gpuLayers: Math.max(0, Number(event.target.value) || 0) })}
          />
        </label>
        <label>
          Threads{' '}
          <input
            type="number"
            min={1}
            max={256}
            placeholder="auto"
            value={value.threads ?? ''}
            onChange={(event) =>
              set({
                threads: event.target.value === '' ? undefined : Math.max(1, Number(event.target.value) || 1),
              })
            }
          />
        </label>
      </div>
    </details>
  );
}

/** The experiment's `engine` field for a choice: the first chosen server takes the run, the others share it. */
export function engineSettings(choice: EngineChoice) {
  const [remote, ...shards] = choice.backend === 'remote' ? choice.endpoints : [];
  return {
    backend: choice.backend,
    gpuLayers: choice.gpuLayers,
    ...(choice.threads !== undefined ? { threads: choice.threads } : {}),
    ...(remote !== undefined ? { remote } : {}),
    ...(shards.length > 0 ? { shards } : {}),
  };
}
