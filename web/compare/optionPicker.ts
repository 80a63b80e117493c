/**
 * Picks one option of a comparison: the scenario being edited, a baseline, a scenario saved in this browser, or a
 * file. A file is read here and its text goes to the worker, which imports it like any other; the picker only
 * remembers it so the comparison can be made again.
 */
import type { BaselineInfo, CompareSource } from '../../workers/api.ts';
import type { SavedScenario } from '../state/autosave.ts';
import { h, fill } from '../dom.ts';

export interface OptionChoice {
  /** `current`, `baseline:ID`, `saved:ID` or `file`. */
  key: string;
  /** How the choice reads in captions ("Baseline: ICB 2022"). */
  label: string;
  source: CompareSource;
}

export interface OptionPicker {
  readonly el: HTMLElement;
  readonly select: HTMLSelectElement;
  get(): OptionChoice | undefined;
  /** Selects a choice by key (if it exists); returns whether it did. */
  set(key: string): boolean;
  /** Rebuilds the list (saved scenarios change; the current one's name too). */
  refresh(): void;
  /** Adds a choice from elsewhere in the app (a generated option) and selects it; it replaces the previous one. */
  offer(choice: OptionChoice): void;
  /** Forgets a file just picked (it was refused): the one before it, if any, is back. */
  dropFile(): void;
  /** The comparison made with the picked file succeeded: keep it. */
  keepFile(): void;
}

export interface PickerDeps {
  side: 'a' | 'b';
  baselines: BaselineInfo[];
  saved(): SavedScenario[];
  currentId(): string;
  currentName(): string;
  /** Called after the planner picks something (including a file). */
  onPick(): void;
}

export function createOptionPicker(d: PickerDeps): OptionPicker {
  const SIDE = d.side.toUpperCase();
  let file: { text: string; filename: string } | undefined;
  /** The file before the last one picked, back in place if the new one (`fresh`) is refused. */
  let previousFile: typeof file;
  let fresh = false;
  let offered: OptionChoice | undefined;
  const select = h('select', { id: `compare-${d.side}`, class: 'cmp-select' });
  const input = h('input', { type: 'file', id: `compare-${d.side}-file`, accept: '.json,.geojson,.csv,.txt,application/json,text/csv', class: 'sr-only', tabindex: -1 });
  const fileBtn = h('button', { type: 'button', class: 'btn btn-small', id: `compare-${d.side}-file-btn`, title: `Compare a scenario file as option ${SIDE}` }, 'File…');
  fileBtn.addEventListener('click', () => input.click());

  const choices = (): OptionChoice[] => {
    const out: OptionChoice[] = [{ key: 'current', label: `Being edited: ${d.currentName()}`, source: { current: true } }];
    for (const b of d.baselines) out.push({ key: `baseline:${b.id}`, label: `Baseline: ${b.name}`, source: { baseline: b.id } });
    const cur = d.currentId();
    for (const rec of d.saved()) {
      if (rec.id !== cur) out.push({ key: `saved:${rec.id}`, label: `Saved: ${rec.name}`, source: { scenario: rec.scenario } });
    }
    if (offered) out.push(offered);
    if (file) out.push({ key: 'file', label: `File: ${file.filename}`, source: { file: file.text, filename: file.filename } });
    return out;
  };

  const refresh = () => {
    const keep = select.value;
    const all = choices();
    const group = (label: string, prefix: string) => {
      const items = all.filter((c) => (prefix ? c.key.startsWith(prefix) : c.key === 'current'));
      return items.length ? h('optgroup', { label }, items.map((c) => h('option', { value: c.key }, c.label.replace(/^[^:]+: /, '')))) : null;
    };
    fill(select,
      group('This session', ''),
      group('Baselines', 'baseline:'),
      group('Saved in this browser', 'saved:'),
      group('From the Generate panel', offered?.key ?? '\0'),
      group('From a file', 'file'),
    );
    if (keep && all.some((c) => c.key === keep)) select.value = keep;
  };

  input.addEventListener('change', async () => {
    const f = input.files?.[0];
    input.value = '';
    if (!f) return;
    previousFile = file;
    file = { text: await f.text(), filename: f.name };
    fresh = true;
    refresh();
    select.value = 'file';
    d.onPick();
  });
  select.addEventListener('change', () => d.onPick());

  refresh();
  const el = h('div', { class: 'cmp-pick' },
    h('label', { for: select.id, class: 'cmp-pick-label' }, h('span', { class: `cmp-side cmp-side-${d.side}`, 'aria-hidden': 'true' }, SIDE), `Option ${SIDE}`),
    select, fileBtn, input);
  return {
    el,
    select,
    get: () => choices().find((c) => c.key === select.value),
    set(key) {
      if (!choices().some((c) => c.key === key)) return false;
      select.value = key;
      return true;
    },
    refresh,
    offer(choice) {
      offered = choice;
      refresh();
      select.value = choice.key;
    },
    dropFile() {
      if (!fresh) return;
      file = previousFile;
      previousFile = undefined;
      fresh = false;
      refresh();
    },
    keepFile() {
      previousFile = undefined;
      fresh = false;
    },
  };
}
