// The comparison as a picture for a board paper: both maps side by side on one A4 PNG, headed A and B, with the
// key of both options' systems, a scale bar each, the date, the source and the attribution (web/map/picture.ts).
import type { Map as MlMap } from 'maplibre-gl';
import type { CompareView, Init } from '../../workers/api.ts';
import { shortName } from '../../engine/shortName.ts';
import { PALETTE } from '../map/palette.ts';
import { canvasToPng, renderMapsPicture } from '../map/picture.ts';
import { h } from '../dom.ts';

export async function saveComparePicture(maps: readonly [MlMap, MlMap], view: CompareView, labels: readonly [string, string], init: Init): Promise<void> {
  // A system drawn in the same colour on both maps is listed once.
  const seen = new Set<string>();
  const key = [view.a, view.b].flatMap((side) => side.systems.map((s, k) => ({ name: shortName(s.name), colour: PALETTE[side.systemColour[k]] ?? '#eeeeee' })))
    .filter((k) => !seen.has(`${k.name}|${k.colour}`) && !!seen.add(`${k.name}|${k.colour}`))
    .sort((a, b) => a.name.localeCompare(b.name));
  const canvas = await renderMapsPicture([{ map: maps[0], heading: `A: ${labels[0]}` }, { map: maps[1], heading: `B: ${labels[1]}` }], {
    title: `${view.a.name} compared with ${view.b.name}`,
    subtitle: `A: ${view.a.systems.length} systems, ${view.a.organisations.length} organisations · B: ${view.b.systems.length} systems, ${view.b.organisations.length} organisations · ${init.unitVintage}`,
    key,
    source: `${init.unitVintage}; population: ${init.populationSource}; drawn with Footprints`,
    attribution: init.attribution,
    date: new Date(),
  });
  const url = URL.createObjectURL(await canvasToPng(canvas));
  const a = h('a', { href: url, download: 'comparison-maps.png', hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
