// Dev helper: `npx tsx tests/e2e/shot.ts` opens the app, walks through the tools and writes artifacts/tour-*.png.
import { ARTIFACTS, settle, startApp } from './helpers.ts';
import { bundle } from './realBundle.ts';

const app = await startApp('shot');
try {
  const { page, external } = await app.open();
  await page.screenshot({ path: `${ARTIFACTS}/tour-1-open.png` });
  // Kent and Medway area: select CCGs via search, make a collaboration, show councils.
  const kent = bundle.units.name.map((n, i) => [n, i] as const).filter(([n]) => /Kent|Medway|Swale|Dartford|Canterbury|Ashford|Thanet|South Kent/.test(n));
  for (const [k, [, i]] of kent.entries()) {
    await page.fill('#ccg-search', bundle.units.code[i]);
    await page.waitForSelector('#ccg-search-results li');
    await page.press('#ccg-search', k === 0 ? 'Enter' : 'Shift+Enter');
  }
  await page.click('#tab-collaborations');
  await page.fill('#collab-name', 'Kent and Medway joint committee');
  await page.selectOption('#collab-kind', 'joint-committee');
  await page.fill('#collab-services', 'stroke, mental health');
  await page.click('.collab-form button[type=submit]');
  await settle(page);
  await page.check('#overlay-utla');
  await page.waitForTimeout(1200);
  await page.screenshot({ path: `${ARTIFACTS}/tour-2-collab-councils.png` });
  // One CCG per ICS and the regions overlay, whole country.
  await page.click('#one-ccg-per-ics-all');
  await page.uncheck('#overlay-utla');
  await page.check('#overlay-regions');
  await page.evaluate(() => (window as unknown as { __footprints: { map: { fitBounds(b: number[], o: unknown): void }; init: { bbox: number[] } } }).__footprints.map.fitBounds((window as unknown as { __footprints: { init: { bbox: number[] } } }).__footprints.init.bbox, { duration: 0, padding: 20 }));
  await settle(page);
  await page.click('#tab-findings');
  await page.waitForTimeout(800);
  await page.screenshot({ path: `${ARTIFACTS}/tour-3-one-per-ics-regions.png` });
  await page.click('#tab-settings');
  await page.screenshot({ path: `${ARTIFACTS}/tour-4-settings.png` });
  console.log('external requests:', external);
} finally {
  await app.close();
}
