// What the planner sees when the engine's worker fails (workers/supervisor.ts): one plain message that stays
// until the engine is back, over the loading screen too when it failed before the map was ready, with a
// "Try again" button once the supervisor has given up. `document.body.dataset.engine` says the same for tests:
// `ok`, `restarting` or `stopped`, and `dataset.engineFailures` counts the failures.
import { h } from '../dom.ts';
import { shortenMessage } from './notices.ts';

export interface EngineStatus {
  down(reason: string, restarting: boolean): void;
  /** The engine is back; `restored`: the saved scenario was reopened in it. */
  up(restored: boolean): void;
}

export function createEngineStatus(notices: HTMLElement, loading: HTMLElement, retry: () => void): EngineStatus {
  let item: HTMLElement | null = null;
  let failures = 0;
  // What the loading screen said before a failure replaced it (main.ts names the unit set being loaded).
  let loadingText = loading.textContent ?? '';
  document.body.dataset.engine = 'ok';
  document.body.dataset.engineFailures = '0';
  const show = (text: string, withRetry: boolean) => {
    item?.remove();
    const retryBtn = withRetry ? h('button', { type: 'button', class: 'btn btn-small notice-action', id: 'engine-retry', onclick: retry }, 'Try again') : null;
    item = h('div', { class: 'notice notice-error', role: 'alert', id: 'engine-status' }, h('span', { class: 'notice-text' }, shortenMessage(text)), retryBtn);
    // Before the map is ready the message takes the loading screen's place, rather than sitting over it.
    if (loading.hidden) notices.prepend(item);
    else {
      if (!loading.querySelector('#engine-status')) loadingText = loading.textContent ?? '';
      loading.replaceChildren(item);
    }
  };
  return {
    down(reason, restarting) {
      document.body.dataset.engine = restarting ? 'restarting' : 'stopped';
      document.body.dataset.engineFailures = String(++failures);
      const what = `The engine ${reason.replace(/^the engine /, '').replace(/Uncaught (\w*Error: )?/, '')}.`;
      show(restarting
        ? `${what} Starting it again from your last saved scenario; nothing saved is lost.`
        : `${what} It could not be started again. Your saved scenarios are safe in this browser.`, !restarting);
    },
    up(restored) {
      document.body.dataset.engine = 'ok';
      item?.remove();
      item = null;
      if (!loading.hidden) loading.textContent = loadingText;
      if (restored) {
        item = h('div', { class: 'notice', role: 'status', id: 'engine-status' },
          h('span', { class: 'notice-text' }, 'The engine was restarted and your last saved scenario reopened (the undo history starts afresh).'),
          h('button', { type: 'button', class: 'notice-close', 'aria-label': 'Dismiss message', onclick: () => item?.remove() }, '×'));
        notices.prepend(item);
      }
    },
  };
}
