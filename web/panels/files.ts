/**
 * Files in and out. Import: a file picker and drag-and-drop anywhere (scenario JSON, assignments CSV, GeoJSON);
 * a refused file shows the engine's precise message, as text, and changes nothing. Export: scenario JSON,
 * GeoJSON per level, CSVs. Share: a link carrying the compressed scenario.
 */
import type { Engine } from '../../workers/client.ts';
import type { Download } from '../../workers/api.ts';
import type { Session } from '../state/session.ts';
import type { Actions, Notify } from '../state/actions.ts';
import { shareUrl } from '../state/share.ts';
import { shortenMessage } from './notices.ts';
import { h, fill } from '../dom.ts';
import type { UnitNoun } from '../../engine/bundle.ts';

export function download(d: Download): void {
  const url = URL.createObjectURL(new Blob([d.text], { type: d.mime }));
  const a = h('a', { href: url, download: d.filename, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** `importFile`: opens a file's text as a new saved scenario beside the open one (persistence.ts). */
export function mountFiles(el: HTMLElement, engine: Engine, session: Session, actions: Actions, notify: Notify, dropZone: HTMLElement, importFile: (text: string, filename: string) => Promise<boolean>, noun: UnitNoun): void {
  const error = h('div', { id: 'import-error', class: 'import-error', role: 'alert', hidden: true });
  const input = h('input', { type: 'file', id: 'import-file', accept: '.json,.geojson,.csv,.txt,application/json,text/csv', class: 'sr-only' });
  const openFile = async (file: File) => {
    error.hidden = true;
    const ok = await importFile(await file.text(), file.name);
    if (ok) notify.info(`Opened ${file.name} as a new saved scenario; the one you had open is kept in Scenarios.`);
    else {
      // The reason went to the notices too; keep it here beside the button as well, as text.
      error.textContent = shortenMessage(`Import refused, nothing changed: ${actions.lastError() ?? `could not open ${file.name}`}`);
      error.hidden = false;
    }
  };
  input.addEventListener('change', () => {
    const f = input.files?.[0];
    if (f) void openFile(f);
    input.value = '';
  });

  const exp = (label: string, id: string, make: () => Promise<Download>) =>
    h('button', { type: 'button', class: 'btn btn-small', id, onclick: async () => download(await make()) }, label);

  const shareOut = h('input', { type: 'text', id: 'share-url', readonly: true, class: 'grow', 'aria-label': 'Share link', placeholder: 'Make a link to see it here' });
  const shareBtn = h('button', { type: 'button', class: 'btn', id: 'share-btn', onclick: async () => {
    const st = session.engine.get();
    if (!st) return;
    const url = await shareUrl(st.scenario);
    shareOut.value = url;
    shareOut.select();
    try {
      await navigator.clipboard.writeText(url);
      notify.info(`Share link copied (${Math.round(url.length / 100) / 10} kB). It holds the whole scenario; nothing is uploaded.`);
    } catch {
      notify.info('Share link ready: copy it from the box.');
    }
  } }, 'Make share link');

  fill(el,
    h('h2', {}, 'Open a file'),
    h('p', { class: 'muted small' }, `A Footprints scenario (.json), an assignments CSV (ccg_code, system_id …) or a GeoJSON of ${noun.many} or systems. You can also drop a file anywhere.`),
    h('label', { for: 'import-file', class: 'btn', tabindex: 0, role: 'button', onkeydown: (e: KeyboardEvent) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), input.click()) }, 'Choose a file…'), input, error,
    h('h2', {}, 'Export'),
    h('div', { class: 'export-grid' },
      exp('Scenario JSON', 'export-scenario', () => engine.exportScenario()),
      exp('Systems GeoJSON', 'export-geojson-systems', () => engine.exportGeoJson('systems')),
      exp('Organisations GeoJSON', 'export-geojson-organisations', () => engine.exportGeoJson('organisations')),
      exp('Collaborations GeoJSON', 'export-geojson-collaborations', () => engine.exportGeoJson('collaborations')),
      exp(`${noun.many} GeoJSON`, 'export-geojson-units', () => engine.exportGeoJson('units')),
      exp('Assignments CSV', 'export-csv-assignments', () => engine.exportCsv('assignments')),
      exp('Systems metrics CSV', 'export-csv-systems', () => engine.exportCsv('systems')),
      exp('Organisations metrics CSV', 'export-csv-organisations', () => engine.exportCsv('organisations')),
    ),
    h('h2', {}, 'Share'),
    h('div', { class: 'field-row' }, shareBtn, shareOut),
  );

  // Drag and drop anywhere in the window.
  let depth = 0;
  const hasFiles = (e: DragEvent) => !!e.dataTransfer && [...e.dataTransfer.types].includes('Files');
  window.addEventListener('dragenter', (e) => {
    if (!hasFiles(e)) return;
    depth++;
    dropZone.hidden = false;
  });
  window.addEventListener('dragleave', () => {
    if (--depth <= 0) {
      depth = 0;
      dropZone.hidden = true;
    }
  });
  window.addEventListener('dragover', (e) => hasFiles(e) && e.preventDefault());
  window.addEventListener('drop', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth = 0;
    dropZone.hidden = true;
    const f = e.dataTransfer?.files[0];
    if (f) void openFile(f);
  });
}
