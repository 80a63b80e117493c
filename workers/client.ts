// The UI's handle on the engine worker: a comlink proxy typed by the one contract in api.ts. States arrive as
// patches against the previous one and are rebuilt here (patchedApi.ts), so the UI sees plain `State`s.
import { wrap, type Remote } from 'comlink';
import type { EngineApi } from './api.ts';
import { unpatched } from './patchedApi.ts';

export type Engine = Remote<EngineApi>;

export function createEngine(): Engine {
  const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'footprints-engine' });
  return unpatched(wrap<EngineApi>(worker));
}
