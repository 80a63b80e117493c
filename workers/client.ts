// The UI's handle on the engine worker: a comlink proxy typed by the one contract in api.ts. States arrive as
// patches against the previous one and are rebuilt here (patchedApi.ts), so the UI sees plain `State`s. The UI
// takes its engine from the supervisor (supervisor.ts), which starts workers through `startEngineWorker` and
// replaces one that fails.
import { wrap } from 'comlink';
import type { EngineApi } from './api.ts';
import { unpatched } from './patchedApi.ts';
import type { EngineHandle } from './supervisor.ts';

export type { Engine } from './supervisor.ts';

/**
 * `throwAtStart`: the test fault of `?engine-fault=start` (web/main.ts): the worker's script throws before it
 * serves anything, as a worker that fails to load does.
 */
export function startEngineWorker(opts: { throwAtStart?: boolean } = {}): EngineHandle {
  const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: opts.throwAtStart ? 'footprints-engine fault=start' : 'footprints-engine' });
  return {
    engine: unpatched(wrap<EngineApi>(worker)),
    onFailure(report) {
      worker.addEventListener('error', (e) => {
        e.preventDefault(); // reported to the planner, not only to the console
        report(`the engine stopped: ${e.message || 'its worker could not run'}`);
      });
      worker.addEventListener('messageerror', () => report('the engine sent a message that could not be read'));
    },
    terminate: () => worker.terminate(),
  };
}
