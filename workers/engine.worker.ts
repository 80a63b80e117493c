/// <reference lib="webworker" />
// The engine off the main thread: comlink exposes the adapter, nothing else happens here.
import { expose } from 'comlink';
import { createEngineAdapter } from './engineAdapter.ts';

expose(createEngineAdapter());
