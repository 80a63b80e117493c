// A tiny element builder: text always goes in as text nodes, never as HTML (file content included).
type Child = Node | string | number | null | undefined | false;
type AttrValue = string | number | boolean | null | undefined | ((ev: never) => void);

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, AttrValue> = {}, ...children: (Child | Child[])[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.replace(/^on/, '').toLowerCase(), v as EventListener);
    else if (k === 'class') el.className = String(v);
    else if (v === true) el.setAttribute(k, '');
    else if (k === 'value' && 'value' in el) (el as HTMLInputElement).value = String(v);
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

export function append(el: Element, children: (Child | Child[])[]): void {
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} missing from index.html`);
  return el as T;
}

/**
 * Replaces an element's children. A control inside it that had the keyboard focus and is rebuilt under the same
 * id gets the focus back (a panel redrawn by the state its own button changed must not drop the focus to the page).
 */
export function fill(el: Element, ...children: (Child | Child[])[]): void {
  const focused = document.activeElement;
  const id = focused instanceof HTMLElement && focused !== el && el.contains(focused) ? focused.id : '';
  el.replaceChildren();
  append(el, children);
  if (id) {
    const again = document.getElementById(id);
    if (again && el.contains(again)) again.focus({ preventScroll: true });
  }
}

/** True when a key event is typing into a field, so single-key shortcuts must not fire. */
export function isTyping(ev: KeyboardEvent): boolean {
  const t = ev.target as HTMLElement | null;
  return !!t && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));
}
