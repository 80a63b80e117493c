/**
 * The compare view: the planner picks option A and option B (being edited, a baseline, a saved scenario or a
 * file), sees them on two synchronised maps with the differences marked, and in a list and tables beside them;
 * and exports the comparison as CSV. It replaces the editor while open (the editor keeps its state).
 *
 * Everything shown comes from one `compare` call to the worker. A refused option (another unit set, a broken
 * file) shows the engine's message and leaves the comparison on screen as it was.
 *
 * The root carries `data-ready` ("true" once the latest comparison is painted) and `data-pair` ("A|B" keys) for
 * the browser tests.
 */
import type { Engine } from '../../workers/client.ts';
import type { CompareView, Init } from '../../workers/api.ts';
import type { Persistence } from '../state/persistence.ts';
import type { Session } from '../state/session.ts';
import { h, fill, isTyping } from '../dom.ts';
import { formatCount } from '../panels/format.ts';
import { download } from '../panels/files.ts';
import { createOptionPicker, type OptionChoice, type OptionPicker } from './optionPicker.ts';
import { saveComparePicture } from './comparePicture.ts';
import { createCompareMaps, MAX_OVERLAPPING_MARKS, type CompareMaps } from './compareMaps.ts';
import { listedChanges, mountComparePanel, type ComparePanel, type Level } from './comparePanel.ts';

export interface CompareDeps {
  /** The header button that opens and closes the view. */
  toggle: HTMLButtonElement;
  root: HTMLElement;
  /** The editor (hidden while comparing). */
  editor: HTMLElement;
  engine: Engine;
  init: Init;
  persistence: Persistence;
  session: Session;
}

export interface CompareHandle {
  /** Opens the view; with `b`, compares the scenario being edited (A) with that choice (B). */
  open(b?: OptionChoice, a?: OptionChoice): Promise<void>;
  close(): void;
  readonly isOpen: boolean;
}

const NARROW = '(max-width: 899px)';

export function mountCompare(d: CompareDeps): CompareHandle {
  let built: Promise<{ maps: CompareMaps; panel: ComparePanel; pickers: [OptionPicker, OptionPicker] }> | undefined;
  let view: CompareView | undefined;
  let level: Level = 'systems';
  let showMarks = true;
  let good: { a: string; b: string } | undefined;
  let runs = 0;
  let isOpen = false;

  const error = h('div', { id: 'compare-error', class: 'import-error cmp-error', role: 'alert', hidden: true });
  const status = h('span', { class: 'muted small cmp-status', role: 'status', id: 'compare-status' });
  const mapLabels = [h('span', { class: 'cmp-map-name' }), h('span', { class: 'cmp-map-name' })];
  const key = h('p', { class: 'cmp-key small', id: 'compare-key' });
  const containers: [HTMLElement, HTMLElement] = [h('div', { class: 'cmp-map', id: 'compare-map-a' }), h('div', { class: 'cmp-map', id: 'compare-map-b' })];
  const mapsEl = h('div', { class: 'cmp-maps', 'data-show': 'a' });
  const panelEl = h('div', { class: 'cmp-panel', id: 'compare-panel' });
  const showButtons = (['a', 'b'] as const).map((side) =>
    h('button', { type: 'button', class: 'btn btn-small', id: `compare-show-${side}`, 'aria-pressed': side === 'a' ? 'true' : 'false', onclick: () => showSide(side) },
      `Show ${side.toUpperCase()}`));

  function showSide(side: 'a' | 'b') {
    mapsEl.dataset.show = side;
    showButtons.forEach((b, k) => b.setAttribute('aria-pressed', String((k === 0) === (side === 'a'))));
  }

  const changeOf = (unit: number) => {
    if (!view) return undefined;
    const k = view.changeUnits.indexOf(unit);
    return k >= 0 ? view.comparison.changes[k] : undefined;
  };

  /** Hover card: what happens to this CCG, in words. */
  const describe = (i: number) => {
    if (!view) return null;
    const { a, b } = view;
    const name = (side: typeof a, groups: 'systems' | 'organisations', idx: Uint16Array) => side[groups][idx[i]]?.name ?? 'none';
    const ch = changeOf(i);
    const line = (what: string, movedFlag: boolean, from: string, to: string) =>
      movedFlag ? `Changes ${what}: ${from} → ${to}` : from === to ? `Same ${what}: ${from}` : `Same ${what}: ${from} (B: ${to})`;
    return {
      title: d.init.names[i],
      lines: [
        `${formatCount(d.init.population[i])} people`,
        line('system', !!ch?.systemMoved, name(a, 'systems', a.unitSystem), name(b, 'systems', b.unitSystem)),
        line('organisation', !!ch?.organisationMoved, name(a, 'organisations', a.unitOrganisation), name(b, 'organisations', b.unitOrganisation)),
      ],
    };
  };

  async function build() {
    const pickerDeps = (side: 'a' | 'b') => ({
      side,
      baselines: d.init.baselines,
      saved: () => d.persistence.saved.get(),
      currentId: () => d.persistence.currentId(),
      currentName: () => d.session.engine.get()?.scenario.name ?? 'current scenario',
      onPick: () => void run(),
    });
    const pickers: [OptionPicker, OptionPicker] = [createOptionPicker(pickerDeps('a')), createOptionPicker(pickerDeps('b'))];
    // What did I change? The scenario being edited against the baseline it started from. Chosen here, before the
    // pickers are on screen: the maps take a while to make, and a pick made meanwhile must not be overwritten.
    pickers[0].set('current');
    pickers[1].set(`baseline:${d.session.engine.get()?.scenario.basedOn ?? d.init.baselines[0]?.id}`);
    d.persistence.saved.subscribe(() => pickers.forEach((p) => p.refresh()));
    const swap = h('button', { type: 'button', class: 'btn btn-small', id: 'compare-swap', title: 'Swap options A and B' }, '⇄ Swap');
    swap.addEventListener('click', () => {
      const [a, b] = [pickers[0].select.value, pickers[1].select.value];
      if (pickers[0].set(b) && pickers[1].set(a)) void run();
    });
    const exportBtn = h('button', { type: 'button', class: 'btn btn-primary', id: 'compare-export' }, 'Export comparison CSV');
    const pictureBtn = h('button', { type: 'button', class: 'btn', id: 'compare-picture' }, 'Save maps picture');
    pictureBtn.addEventListener('click', async () => {
      if (!view) return;
      pictureBtn.disabled = true;
      try {
        await saveComparePicture(maps.maps, view, [mapLabels[0].textContent ?? '', mapLabels[1].textContent ?? ''], d.init);
        status.textContent = 'Maps picture saved: A4 landscape at 200 dpi, A and B side by side.';
      } catch (e) {
        error.textContent = `The maps picture could not be made: ${(e as Error).message}`;
        error.hidden = false;
      } finally {
        pictureBtn.disabled = false;
      }
    });
    exportBtn.addEventListener('click', async () => {
      if (view) download(await d.engine.exportComparisonCsv());
    });

    const wrap = (k: 0 | 1) =>
      h('div', { class: `cmp-map-wrap cmp-map-${k ? 'b' : 'a'}` },
        containers[k],
        h('div', { class: 'cmp-map-label' }, h('span', { class: `cmp-side cmp-side-${k ? 'b' : 'a'}` }, k ? 'B' : 'A'), mapLabels[k]));
    fill(mapsEl,
      h('div', { class: 'cmp-ab', role: 'group', 'aria-label': 'Map shown on a narrow screen' }, showButtons),
      h('div', { class: 'cmp-map-pair' }, wrap(0), wrap(1)),
      key);
    fill(d.root,
      h('div', { class: 'cmp-bar' },
        h('h2', { id: 'compare-title', class: 'cmp-title', tabindex: -1 }, 'Compare options'),
        pickers[0].el, swap, pickers[1].el, status,
        h('div', { class: 'cmp-bar-end' }, pictureBtn, exportBtn)),
      error,
      h('div', { class: 'cmp-body' }, mapsEl, panelEl));
    d.root.setAttribute('aria-labelledby', 'compare-title');

    // Keys inside the view stay in the view (the editor's shortcuts would act on the hidden editor).
    d.root.addEventListener('keydown', (e) => {
      e.stopPropagation();
      if (e.key === 'Escape' && !isTyping(e) && !e.defaultPrevented) handle.close();
    });

    const panel = mountComparePanel(panelEl, {
      init: d.init,
      onFocusUnit: (unit) => maps.focus(unit),
      onLevel: (l, show) => {
        level = l;
        showMarks = show;
        d.root.dataset.ready = 'false';
        void paintMarks().then(() => {
          d.root.dataset.ready = 'true';
        });
      },
    });
    const maps = await createCompareMaps(containers, d.init, describe);
    return { maps, panel, pickers };
  }

  async function paintMarks() {
    if (!view || !built) return;
    const { maps, panel } = await built;
    const list = listedChanges(view, level);
    panel.render(view, level, showMarks, list);
    const what = level === 'systems' ? 'system' : 'organisation';
    key.replaceChildren(
      h('span', { class: 'cmp-key-swatch', 'aria-hidden': 'true' }), h('span', { class: 'cmp-key-num', 'aria-hidden': 'true' }, '1'),
      showMarks
        ? ` Hatched, outlined and numbered: the CCGs that change ${what} (numbers as in the list${list.length > MAX_OVERLAPPING_MARKS ? '; zoom in to see them all' : ''}). Hover a CCG for from → to.`
        : ' Differences not marked. Hover a CCG for from → to.');
    await maps.mark(list.map(({ n, unit }) => ({ n, unit })), showMarks);
  }

  async function run() {
    if (!built) return;
    const { maps, pickers } = await built;
    const [a, b] = pickers.map((p) => p.get());
    if (!a || !b) return;
    const token = ++runs;
    d.root.dataset.ready = 'false';
    status.textContent = 'Comparing…';
    const r = await d.engine.compare(a.source, b.source);
    if (token !== runs) return;
    if (!r.ok) {
      error.textContent = `Not compared, nothing changed: ${r.error}`;
      error.hidden = false;
      status.textContent = '';
      // Back to the pair on screen; a file just picked and refused is forgotten.
      pickers.forEach((p, k) => {
        p.dropFile();
        const was = good ? (k ? good.b : good.a) : undefined;
        if (was) p.set(was);
      });
      d.root.dataset.ready = 'true';
      return;
    }
    error.hidden = true;
    pickers.forEach((p) => p.keepFile());
    view = r.view;
    good = { a: a.key, b: b.key };
    // "Baseline: …", "Being edited: …": two options may share a name, never a caption.
    mapLabels[0].textContent = a.label;
    mapLabels[1].textContent = b.label;
    maps.focus(null);
    await maps.paint(r.view.a, r.view.b);
    await paintMarks();
    if (token !== runs) return;
    status.textContent = '';
    d.root.dataset.pair = `${a.key}|${b.key}`;
    d.root.dataset.ready = 'true';
  }

  /** Swaps the editor and the compare view. The header's editing controls would act on the hidden editor: they step aside while comparing. */
  function show(comparing: boolean): void {
    isOpen = comparing;
    d.editor.hidden = comparing;
    d.root.hidden = !comparing;
    document.body.classList.toggle('comparing', comparing);
    d.toggle.setAttribute('aria-expanded', String(comparing));
    d.toggle.textContent = comparing ? 'Back to editing' : 'Compare options';
  }

  const handle: CompareHandle = {
    get isOpen() {
      return isOpen;
    },
    async open(b, a) {
      if (isOpen && !b) return;
      show(true);
      built ??= build();
      const { pickers } = await built;
      pickers.forEach((p) => p.refresh());
      if (b) {
        // A choice already listed (a baseline) is selected, not offered twice.
        if (!a) pickers[0].set('current');
        else if (!pickers[0].set(a.key)) pickers[0].offer(a);
        if (!a || !pickers[1].set(b.key)) pickers[1].offer(b);
      }
      if (window.matchMedia(NARROW).matches) showSide(mapsEl.dataset.show === 'b' ? 'b' : 'a');
      document.getElementById('compare-title')?.focus();
      await run();
    },
    close() {
      if (!isOpen) return;
      show(false);
      d.toggle.focus();
    },
  };
  d.toggle.setAttribute('aria-expanded', 'false');
  d.toggle.setAttribute('aria-controls', d.root.id);
  d.toggle.addEventListener('click', () => void (isOpen ? handle.close() : handle.open()));
  return handle;
}
