/**
 * Scenarios saved in IndexedDB, so a reload loses nothing. One record per scenario the planner works on; the
 * current one is rewritten (debounced) after every change. `meta.current` says which to reopen.
 */
import type { ScenarioV1 } from '../../engine/scenario.ts';

export interface SavedScenario {
  id: string;
  name: string;
  /** ms since epoch */
  updated: number;
  scenario: ScenarioV1;
}

const DB = 'footprints';
const STORE = 'scenarios';
const META = 'meta';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains(STORE)) db.createObjectStore(STORE, { keyPath: 'id' });
      if (!db.objectStoreNames.contains(META)) db.createObjectStore(META);
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

let dbp: Promise<IDBDatabase> | undefined;
const db = () => (dbp ??= open());

async function tx<T>(store: string, mode: IDBTransactionMode, f: (s: IDBObjectStore) => IDBRequest<T> | void): Promise<T> {
  const d = await db();
  return new Promise((resolve, reject) => {
    const t = d.transaction(store, mode);
    const req = f(t.objectStore(store));
    t.oncomplete = () => resolve(req ? req.result : (undefined as T));
    t.onerror = () => reject(t.error);
    t.onabort = () => reject(t.error);
  });
}

/** Every stored record as it is: anything may have been written there (older versions, other tabs, hands). */
export const listRecords = async (): Promise<unknown[]> => (await tx<unknown[]>(STORE, 'readonly', (s) => s.getAll())) ?? [];
/** A record as stored, unchecked (callers only ask for ids of records that `listRecords` showed valid). */
export const getScenario = (id: IDBValidKey) => tx<SavedScenario | undefined>(STORE, 'readonly', (s) => s.get(id));
export const putScenario = (rec: SavedScenario) => tx<IDBValidKey>(STORE, 'readwrite', (s) => s.put(rec)).then(() => undefined);
/** Puts back a record as it was (an undone delete, damaged or not). */
export const putRecord = (rec: unknown) => tx<IDBValidKey>(STORE, 'readwrite', (s) => s.put(rec)).then(() => undefined);
export const deleteScenario = (id: IDBValidKey) => tx<undefined>(STORE, 'readwrite', (s) => s.delete(id)).then(() => undefined);
export const getCurrentId = () => tx<string | undefined>(META, 'readonly', (s) => s.get('current'));
export const setCurrentId = (id: string) => tx<IDBValidKey>(META, 'readwrite', (s) => s.put(id, 'current')).then(() => undefined);

export const newScenarioId = () => `scn-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;

/**
 * Saves the scenario of each state under the current record id, at most every `delayMs`, and at once when the
 * page is hidden. `saved` reports the last written scenario (tests wait on it).
 */
export function createAutosaver(delayMs = 300, onSaved: (rec: SavedScenario) => void = () => undefined) {
  let currentId = '';
  let pending: ScenarioV1 | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let writing: Promise<void> = Promise.resolve();
  const flush = (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const s = pending;
    pending = null;
    if (!s || !currentId) return writing;
    const rec: SavedScenario = { id: currentId, name: s.name, updated: Date.now(), scenario: s };
    writing = writing.then(() => putScenario(rec)).then(() => onSaved(rec), (e) => console.error('autosave failed', e));
    return writing;
  };
  window.addEventListener('pagehide', () => void flush());
  document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && void flush());
  return {
    get currentId() {
      return currentId;
    },
    /** Switches the record the next saves go to. */
    async use(id: string) {
      await flush();
      currentId = id;
      await setCurrentId(id);
    },
    save(s: ScenarioV1) {
      pending = s;
      if (!timer) timer = setTimeout(() => void flush(), delayMs);
    },
    flush,
  };
}
export type Autosaver = ReturnType<typeof createAutosaver>;
