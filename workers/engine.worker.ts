/// <reference lib="webworker" />
// The engine off the main thread: comlink exposes the adapter, with its states sent as patches (statePatch.ts).
import { expose } from 'comlink';
import { createEngineAdapter } from './engineAdapter.ts';
import { patchedApi } from './patchedApi.ts';

expose(patchedApi(createEngineAdapter({ transfer: false })));
