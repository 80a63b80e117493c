// The UI's handle on the engine worker: a comlink proxy typed by the one contract in api.ts.
import { wrap, type Remote } from 'comlink';
import type { EngineApi } from './api.ts';

export type Engine = Remote<EngineApi>;

export function createEngine(): Engine {
  const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'footprints-engine' });
  return wrap<EngineApi>(worker);
}
