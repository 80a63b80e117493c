/**
 * Pictures of the map for a board paper: "Save map picture" downloads the page-sized PNG (map/picture.ts), and
 * "Print with the systems table" prints it above the table (the print stylesheet in styles.css). A WebGL canvas
 * prints blank, so the printed map is always an <img> of a picture: the last one saved for the state on screen,
 * or, when the browser's own Print is used, a snapshot of the map taken just before printing.
 */
import type { Map as MlMap } from 'maplibre-gl';
import type { Init } from '../../workers/api.ts';
import type { Session } from '../state/session.ts';
import type { Notify } from '../state/actions.ts';
import { shortName } from '../../engine/shortName.ts';
import { PALETTE } from '../map/palette.ts';
import { canvasToPng, renderMapPicture } from '../map/picture.ts';
import { h } from '../dom.ts';

export interface PicturesDeps {
  map: MlMap;
  session: Session;
  init: Pick<Init, 'attribution' | 'unitVintage' | 'populationSource' | 'unitNoun'>;
  notify: Notify;
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'map';

export function mountPictures(el: HTMLElement, { map, session, init, notify }: PicturesDeps): void {
  // The printed map: hidden on screen, shown (with the systems table) only in print.
  const printed = h('img', { id: 'print-map', class: 'print-map', alt: 'Map of the systems' });
  const sheet = h('section', { id: 'print-sheet', class: 'print-sheet', 'aria-hidden': 'true' }, printed);
  document.body.prepend(sheet);
  /** The state the printed picture shows (a picture of another state is stale). */
  let printedSeq = -1;
  let printedUrl = '';
  const setPrinted = (url: string, seq: number) => {
    if (printedUrl.startsWith('blob:')) URL.revokeObjectURL(printedUrl);
    printedUrl = url;
    printedSeq = seq;
    printed.src = url;
  };

  const picture = async () => {
    const st = session.engine.get();
    if (!st) throw new Error('Nothing to picture yet: the scenario is still loading.');
    const key = st.systems.map((m, k) => ({ name: shortName(m.name), colour: PALETTE[st.systemColour[k]] ?? '#eeeeee' }))
      .sort((a, b) => a.name.localeCompare(b.name));
    const canvas = await renderMapPicture(map, {
      title: st.scenario.name,
      subtitle: `${st.summary.systems} systems · ${st.summary.organisations} organisations · ${init.unitVintage}`,
      key,
      source: `${init.unitVintage}; population: ${init.populationSource}; drawn with Footprints`,
      attribution: init.attribution,
      date: new Date(),
    });
    const blob = await canvasToPng(canvas);
    setPrinted(URL.createObjectURL(blob), st.seq);
    return { blob, name: st.scenario.name };
  };

  const busy = (b: HTMLButtonElement, on: boolean) => {
    b.disabled = on;
    b.setAttribute('aria-busy', String(on));
  };
  const save = h('button', { type: 'button', class: 'btn', id: 'save-picture', onclick: async () => {
    busy(save, true);
    try {
      const { blob, name } = await picture();
      const url = URL.createObjectURL(blob);
      const a = h('a', { href: url, download: `${slug(name)}-map.png`, hidden: true });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      notify.info('Map picture saved: A4 landscape at 200 dpi, with the key, scale, date, source and attribution.');
    } catch (e) {
      notify.error(`The map picture could not be made: ${(e as Error).message}`);
    } finally {
      busy(save, false);
    }
  } }, 'Save map picture');
  const print = h('button', { type: 'button', class: 'btn', id: 'print-picture', onclick: async () => {
    busy(print, true);
    try {
      const st = session.engine.get();
      if (!st || st.seq !== printedSeq) await picture();
      window.print();
    } catch (e) {
      notify.error(`The map could not be printed: ${(e as Error).message}`);
    } finally {
      busy(print, false);
    }
  } }, 'Print with the systems table');

  // The browser's own Print (Ctrl+P): no time to draw a page-sized picture, so the map as it is on screen.
  window.addEventListener('beforeprint', () => {
    const st = session.engine.get();
    if (!st || st.seq === printedSeq) return;
    map.redraw();
    setPrinted(map.getCanvas().toDataURL('image/png'), st.seq);
  });

  el.append(
    h('h2', {}, 'Pictures'),
    h('p', { class: 'muted small' }, `The map as it is shown, with its key, scale, date, source and attribution, sized for an A4 page; printing adds the systems table.`),
    h('div', { class: 'field-row' }, save, print),
  );
}
