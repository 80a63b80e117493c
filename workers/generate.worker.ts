/// <reference lib="webworker" />
// One ReCom chain per worker (the Generate panel starts one per spare core): comlink exposes the adapter.
import { expose } from 'comlink';
import { createGenerateAdapter } from './generateAdapter.ts';

expose(createGenerateAdapter());
