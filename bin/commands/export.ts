import type { Command } from '../command.ts';
import { checkStdinOnce, expectCount, oneOf, stringValue } from '../args.ts';
import { UsageError } from '../errors.ts';
import { eachScenario } from '../inputs.ts';
import { writeOutput } from '../io.ts';
import { targetsFor } from '../targets.ts';
import { exportGeoJson } from '../../engine/io/geojsonExport.ts';
import { exportAssignmentsCsv } from '../../engine/io/csv.ts';
import { withProvenance } from '../../engine/io/provenance.ts';
import { exportMetricsCsv } from '../../engine/io/metricsCsv.ts';
import { evaluateScenario } from '../../engine/evaluate.ts';

const LEVELS = ['systems', 'organisations', 'collaborations', 'units'] as const;

export const exportCommand: Command = {
  name: 'export',
  summary: 'GeoJSON or CSV of a level, or the scenario JSON, one file per input',
  help: `footprints export SCENARIO... --level systems|organisations|collaborations|units [--format geojson|csv] [-o FILE|FOLDER]
footprints export SCENARIO... --format scenario [-o FILE|FOLDER]

  --level LEVEL     the groups to export; units gives each unit with its system and organisation
  --format geojson  (default) RFC 7946 features with every metric as properties
  --format csv      one row per group (--level units: the assignments CSV, which import reads back)
  --format scenario the whole scenario as JSON (no --level)

One input goes to standard output or to -o FILE. Several inputs need -o FOLDER (made if missing): each file is
named after its input without its extension (baseline:NAME gives NAME, - gives stdin), then the level and the
extension: north.json → FOLDER/north.systems.geojson, north.units.csv, north.scenario.json. A bad input is
reported on stderr by name and the others are still written (exit code 1 at the end).

Examples:
  footprints export baseline:icb-2022 --level systems -o icb-2022.geojson
  footprints export plans/*.json --level systems -o maps/`,
  options: { level: { type: 'string' } },
  run(ctx) {
    expectCount(ctx.args, 1, Infinity, 'export');
    checkStdinOnce(ctx.args);
    const format = oneOf(ctx.values.format, ['geojson', 'csv', 'scenario'] as const, '--format', 'geojson');
    const levelValue = stringValue(ctx.values, 'level');
    if (format === 'scenario' && levelValue !== undefined) throw new UsageError('--format scenario exports the whole scenario; drop --level');
    if (format !== 'scenario' && levelValue === undefined) throw new UsageError(`export needs --level ${LEVELS.join('|')}`);
    const level = oneOf(levelValue, LEVELS, '--level', 'systems');
    const suffix = format === 'scenario' ? 'scenario.json' : `${level}.${format}`;
    const targets = targetsFor(ctx.args, stringValue(ctx.values, 'output'), suffix, 'export');
    eachScenario(ctx, ctx.args, (_ref, scenario, k) => {
      const geo = ctx.data.geography();
      const text =
        format === 'scenario'
          ? JSON.stringify(withProvenance(scenario, geo.bundle), null, 2)
          : format === 'geojson'
            ? JSON.stringify(exportGeoJson(geo, scenario, level))
            : level === 'units'
              ? exportAssignmentsCsv(scenario, geo)
              : exportMetricsCsv(evaluateScenario(geo, scenario), level, geo.bundle);
      writeOutput(text, targets[k]);
    });
  },
};
