/**
 * Build options: everything besides the raw files that shapes the output. They are part of `inputsHash`, together
 * with a hash of the build's own source files, so `npm run geodata:if-missing` rebuilds after a code change too.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256 } from './read.ts';
import { buildSourceFiles } from './buildSources.ts';
import { ICB_WHOLE_CCG21_SHARE, ICB_WHOLE_SHARE } from './icb.ts';
import { WATER_LINK_KM } from './adjacency.ts';

const HERE = dirname(fileURLToPath(import.meta.url));

/** sha256 over the build's modules (geodata/*.ts and the engine modules they import), in name order. */
function buildCodeHash(): string {
  return sha256(buildSourceFiles(join(HERE, '..')).map((f) => sha256(readFileSync(f))).join('\n'));
}

export const BUILD_OPTIONS = {
  units: { minWeightM2: 40_000, quantization: 100_000 },
  overlays: { minWeightM2: 150_000, quantization: 100_000 },
  lsoa: { snapM: 10, gapFillM2: 10_000, simplifyM: 40, quantization: 400_000, sliverM2: 10_000 },
  icbWholeCcg21Share: ICB_WHOLE_CCG21_SHARE,
  icbWholePieceShare: ICB_WHOLE_SHARE,
  waterLinkKm: WATER_LINK_KM,
  buildCode: buildCodeHash(),
} as const;
