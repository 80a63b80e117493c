/**
 * The loading screen while the worker loads the open unit set: the bytes as they come (22 MB of LSOAs take a
 * while), then the steps that build the map. A failure shown there (engineStatus.ts) is not overwritten.
 */
const mb = (bytes: number) => (bytes / 1e6).toFixed(1);

export function loadingProgress(loading: HTMLElement, what: string): (loaded: number, total: number, step?: string) => void {
  const say = (text: string) => {
    if (!loading.hidden && !loading.querySelector('#engine-status')) loading.textContent = text;
  };
  say(`Loading the ${what}…`);
  return (loaded, total, step) => {
    if (step === 'build') say(`Drawing the ${what}…`);
    else say(total ? `Loading the ${what}: ${mb(loaded)} of ${mb(total)} MB` : `Loading the ${what}: ${mb(loaded)} MB`);
  };
}
