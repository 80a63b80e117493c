/**
 * Small maps of generated options: each system is its units' topology merged (topojson-client `merge`, so shared
 * borders stay shared), drawn as SVG with d3-geo. Colours are the main map's: the same palette and the
 * engine's colour rule (engine/colour.ts), so a system kept from the start keeps its colour.
 */
import { geoMercator, geoPath, geoTransform } from 'd3';
import { merge } from 'topojson-client';
import type { GeometryObject } from 'topojson-specification';
import type { Bundle } from '../../engine/bundle.ts';
import type { Geography } from '../../engine/geography.ts';
import type { ScenarioV1 } from '../../engine/scenario.ts';
import { colourSystems } from '../../engine/colour.ts';
import { PALETTE_SIZE } from '../../workers/api.ts';
import { PALETTE } from '../map/palette.ts';

const SVG = 'http://www.w3.org/2000/svg';

export type MapDrawer = (scenario: ScenarioV1, title: string) => SVGSVGElement;

export function createMapDrawer(bundle: Bundle, geo: Geography, width = 180, height = 220): MapDrawer {
  const topo = bundle.topology;
  const units = topo.objects.units.geometries as GeometryObject[];
  // The bundle's rings follow RFC 7946 (exterior counter-clockwise), which d3-geo's spherical paths read as
  // "everything but the shape". So Mercator is fitted to the bundle's box and applied as a planar transform,
  // which draws rings as they are.
  if (!topo.bbox) throw new Error('bundle: the topology has no bbox');
  const [w, s, e, n] = topo.bbox;
  const mercator = geoMercator().fitSize([width, height], { type: 'MultiPoint', coordinates: [[w, s], [e, n]] });
  const path = geoPath(geoTransform({
    point(x, y) {
      const p = mercator([x, y])!;
      this.stream.point(p[0], p[1]);
    },
  }));

  return (scenario, title) => {
    const unitSystem = new Uint16Array(geo.n).fill(0xffff);
    scenario.systems.forEach((s, d) => {
      for (const code of s.units) unitSystem[geo.indexOfCode(code)] = d;
    });
    const colours = colourSystems(geo, unitSystem, scenario.systems.map((s) => s.id), PALETTE_SIZE);
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    svg.setAttribute('class', 'gen-map');
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', title);
    scenario.systems.forEach((s, d) => {
      const shape = merge(topo, s.units.map((code) => units[geo.indexOfCode(code)]) as never);
      const p = document.createElementNS(SVG, 'path');
      p.setAttribute('d', path(shape) ?? '');
      p.setAttribute('fill', PALETTE[colours[d]] ?? '#ccc');
      const t = document.createElementNS(SVG, 'title');
      t.textContent = s.name;
      p.append(t);
      svg.append(p);
    });
    return svg;
  };
}
