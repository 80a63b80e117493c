/**
 * A small hand-made bundle for engine tests that must not depend on the real data: a 3 × 3 grid of square
 * units (A…I, E enclosed by the others), an island J linked to C by water, and a two-part unit K.
 *
 *   lat 53 ┌───┬───┬───┐
 *          │ A │ B │ C │        J (island, 4.5–5 E, 50–50.5 N), water link to C
 *       52 ├───┼───┼───┤
 *          │ D │ E │ F │        K: two squares, 0–1 E and 2–3 E at 49–50 N, each under G / I
 *       51 ├───┼───┼───┤
 *          │ G │ H │ I │
 *   lat 50 └───┴───┴───┘
 *        lon 0   1   2   3
 * Rings of B, F and K are written clockwise on purpose: the engine must not rely on the source's winding.
 */
import { topology } from 'topojson-server';
import { quantize } from 'topojson-client';
import type { Feature, FeatureCollection, Polygon, MultiPolygon, Position } from 'geojson';
import type { Bundle } from '../../../engine/bundle.ts';
import type { Topology, GeometryCollection } from 'topojson-specification';

const sq = (x: number, y: number, cw = false): Position[] => {
  const ring: Position[] = [[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]];
  return cw ? ring.reverse() : ring;
};

export const GRID_CODES = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K'].map((l) => `E3800000${l}`);

export function gridBundle(): Bundle {
  const cells: [string, number, number][] = [
    ['A', 0, 52], ['B', 1, 52], ['C', 2, 52],
    ['D', 0, 51], ['E', 1, 51], ['F', 2, 51],
    ['G', 0, 50], ['H', 1, 50], ['I', 2, 50],
  ];
  const features: Feature<Polygon | MultiPolygon>[] = cells.map(([l, x, y]) => ({
    type: 'Feature',
    id: `E3800000${l}`,
    properties: {},
    geometry: { type: 'Polygon', coordinates: [sq(x, y, l === 'B' || l === 'F')] },
  }));
  const island: Position[] = [[4.5, 50], [5, 50], [5, 50.5], [4.5, 50.5], [4.5, 50]];
  features.push({ type: 'Feature', id: 'E3800000J', properties: {}, geometry: { type: 'Polygon', coordinates: [island] } });
  features.push({
    type: 'Feature',
    id: 'E3800000K',
    properties: {},
    geometry: { type: 'MultiPolygon', coordinates: [[sq(0, 49, true)], [sq(2, 49, true)]] },
  });
  const fc: FeatureCollection = { type: 'FeatureCollection', features };
  const topo = quantize(topology({ units: fc }) as Parameters<typeof quantize>[0], 1e5) as unknown as Topology<{ units: GeometryCollection; regions: GeometryCollection }>;
  topo.objects.regions = { type: 'GeometryCollection', geometries: [] };

  const n = GRID_CODES.length;
  const population = [100, 200, 300, 400, 500, 600, 700, 800, 900, 50, 150];
  // Land pairs (a < b) sharing an edge: the grid, plus K under G and I.
  const land = [0, 1, 0, 3, 1, 2, 1, 4, 2, 5, 3, 4, 3, 6, 4, 5, 4, 7, 5, 8, 6, 7, 6, 10, 7, 8, 8, 10];
  // Councils: UTLA U1 = A, B, D, E; U2 = the rest, except C which is split half/half between U1 and U2.
  // LADs: one per unit, except L-AB = A + B, and C is split between L-C1 (in U1) and L-C2 (in U2).
  const utlaOf = (i: number) => ([0, 1, 3, 4].includes(i) ? 0 : 1);
  const unitUtla: number[] = [];
  const unitLad: number[] = [];
  const ladCodes = ['L-AB', 'L-C1', 'L-C2', 'L-D', 'L-E', 'L-F', 'L-G', 'L-H', 'L-I', 'L-J', 'L-K'];
  const ladUtla = [0, 0, 1, 0, 0, 1, 1, 1, 1, 1, 1];
  for (let i = 0; i < n; i++) {
    if (i === 2) {
      unitUtla.push(2, 0, 150, 2, 1, 150);
      unitLad.push(2, 1, 150, 2, 2, 150);
      continue;
    }
    unitUtla.push(i, utlaOf(i), population[i]);
    unitLad.push(i, i <= 1 ? 0 : i, population[i]);
  }
  const ladPop = new Array(ladCodes.length).fill(0);
  for (let k = 0; k < unitLad.length; k += 3) ladPop[unitLad[k + 1]] += unitLad[k + 2];
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const area = (lat: number) => 111.32 * 111.32 * Math.cos(((lat + 0.5) * Math.PI) / 180);
  const lats = [52, 52, 52, 51, 51, 51, 50, 50, 50, 50, 49];
  const empty = { primary: new Array(n).fill(0), parts: [] as number[] };
  return {
    version: 1,
    inputsHash: 'grid',
    unitSet: 'grid',
    noun: { one: 'CCG', many: 'CCGs' },
    unitVintage: 'Grid test units',
    populationSource: 'made up',
    englandPopulation: sum(population),
    units: {
      code: GRID_CODES,
      nhsCode: GRID_CODES.map((c) => c.slice(-1) + '00'),
      name: GRID_CODES.map((c) => `Unit ${c.slice(-1)}`),
      population,
      stp: [0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1],
      region: [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1],
      gpPractices: population.map((p) => p / 100),
      registeredPatients: population.map((p) => p * 1.1),
      areaKm2: lats.map((lat, i) => (i === 9 ? area(lat) / 4 : i === 10 ? 2 * area(lat) : area(lat))),
    },
    stp2019: { code: ['S1', 'S2'], name: ['North', 'South'] },
    regions: { code: ['R1', 'R2'], name: ['Region One', 'Region Two'] },
    ccg2020: { code: [], name: [], stp: [] },
    stp2020: { code: [], name: [] },
    ccg2021: { code: [], name: [], stp: [] },
    stp2021: { code: [], name: [] },
    icb2022: { code: [], name: [], region: [] },
    ccg2019: { code: GRID_CODES, name: GRID_CODES.map((c) => `Unit ${c.slice(-1)}`), nhsCode: GRID_CODES.map(() => '') },
    regions2022: { code: [], name: [] },
    membership: { ccg2019: { primary: GRID_CODES.map((_, i) => i), parts: (population as number[]).flatMap((p, i) => [i, i, p]) }, ccg2020: empty, ccg2021: empty, icb2022: empty },
    councils: {
      lad: { code: ladCodes, name: ladCodes.map((c) => `District ${c}`), utla: ladUtla, population: ladPop },
      utla: { code: ['U1', 'U2'], name: ['Upper One', 'Upper Two'], population: [100 + 200 + 400 + 500 + 150, sum(population) - 1350] },
      unitLad,
      unitUtla,
    },
    adjacency: { land, water: [2, 9], waterRule: 'J to C' },
    topology: topo,
    baselines: {},
    baselineSplits: {},
    provenance: {
      sources: [{ id: 'grid', dataset: 'Grid', publisher: 'tests', vintage: '2019', file: 'none', sha256: '0'.repeat(64), licence: 'none' }],
      attribution: ['Made up for tests'],
      notes: [],
    },
  };
}
