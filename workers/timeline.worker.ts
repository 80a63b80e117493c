/// <reference lib="webworker" />
// The timeline's own worker, started only when the planner opens the Timeline tab: it fetches the unit sets the
// engine names (engine/timeline.ts timelineUnitSets), from the map's own onwards, until one on which every vintage
// is exact, and computes the steps there. So the first map never waits for it, and the editor's worker keeps its
// memory for the scenario.
import { expose } from 'comlink';
import type { Bundle } from '../engine/bundle.ts';
import { Geography } from '../engine/geography.ts';
import { exactForTimeline, timeline, timelineUnitSets, type TimelineStep } from '../engine/timeline.ts';
import { fetchJsonWithProgress, type ByteProgress } from './fetchProgress.ts';

export interface TimelineApi {
  /**
   * The steps on the coarsest unit set, from `mapUnitSet` on, where every vintage is exact; `url` gives each unit
   * set's file, `onProgress` the unit set being loaded and its bytes.
   */
  steps(mapUnitSet: string, urls: Record<string, string>, onProgress?: (unitSet: string, loaded: number, total: number) => void): Promise<TimelineStep[]>;
}

const api: TimelineApi = {
  async steps(mapUnitSet, urls, onProgress) {
    let map: Bundle | undefined;
    for (const id of timelineUnitSets(mapUnitSet)) {
      const url = urls[id];
      if (!url) throw new Error(`no file given for unit set "${id}"`);
      const progress: ByteProgress | undefined = onProgress && ((loaded, total) => onProgress(id, loaded, total));
      const b = await fetchJsonWithProgress<Bundle>(url, progress);
      if (b.unitSet !== id) throw new Error(`${url} holds unit set "${b.unitSet}", not "${id}"`);
      map ??= b;
      if (exactForTimeline(b)) return timeline(Geography.fromBundle(b), b, undefined, map === b ? undefined : map);
    }
    throw new Error('no unit set holds every vintage of the timeline exactly');
  },
};

expose(api);
