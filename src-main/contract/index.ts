import type { DomainSpec, InputOf, OutputOf } from './define';
import type { ApiEventName, ApiEvents } from './events';
import { data } from './data';
import { dollarstreet } from './dollarstreet';
import { downloads } from './downloads';
import { engine } from './engine';
import { images } from './images';
import { models } from './models';
import { runs } from './runs';
import { attribution } from './attribution';
import { safety } from './safety';
import { system } from './system';

/**
 * The one API contract. Electron IPC, the browser-mode server and the CLI all reach the same handlers
 * through these methods, and nothing else.
 */
export const contract = {
  system,
  models,
  data,
  images,
  downloads,
  dollarstreet,
  runs,
  engine,
  safety,
  attribution,
} as const satisfies Record<string, DomainSpec>;

export type Contract = typeof contract;
export type DomainName = keyof Contract;
export type MethodName<D extends DomainName> = keyof Contract[D] & string;

/** The shape of `window.api`, identical in Electron (preload) and in browser mode (bridge). */
export type WindowApi = {
  [D in DomainName]: {
    [M in MethodName<D>]: (input: InputOf<Contract[D][M]>) => Promise<OutputOf<Contract[D][M]>>;
  };
} & {
  on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
};

/** 'domain.method' names, the wire form used by every door. */
export function listMethodNames(): string[] {
  return Object.entries(contract).flatMap(([domain, methods]) =>
    Object.keys(methods).map((name) => `${domain}.${name}`),
  );
}

export type { ApiEventName, ApiEvents } from './events';
export * from './events';
export type { DoctorReport, BackendInfo, GpuInfo } from './system';
