/// <reference lib="webworker" />
// The engine off the main thread: comlink exposes the adapter, with its states sent as patches (statePatch.ts).
import { expose } from 'comlink';
import { createEngineAdapter } from './engineAdapter.ts';
import { patchedApi } from './patchedApi.ts';

// Test fault (client.ts, `?engine-fault=start`): fail before serving, as a worker that cannot start does.
if (self.name.endsWith('fault=start')) throw new Error('injected fault: the engine worker threw at start');

expose(patchedApi(createEngineAdapter({ transfer: false })));
