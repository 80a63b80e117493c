/**
 * A picture of the map for a board paper: an A4 landscape PNG at 200 dpi with the scenario's name, the date, the
 * colour key of the systems, a scale bar, the source of the figures and the attribution lines of the bundle.
 *
 * The map is drawn again at a higher pixel ratio (so its lines and labels are sharp at print size, and laid out
 * exactly as on screen) and read from its WebGL canvas inside MapLibre's `idle` event: that event fires in the
 * same task as the frame's draw calls, before the browser presents the frame and clears the drawing buffer, so the
 * map needs no `preserveDrawingBuffer` (which would slow every frame). The rest is drawn on a 2D canvas.
 */
import type { Map as MlMap } from 'maplibre-gl';

/** A4 landscape (297 × 210 mm) at 200 dpi. */
export const PRINT_DPI = 200;
export const PRINT_WIDTH = Math.round((297 / 25.4) * PRINT_DPI);
export const PRINT_HEIGHT = Math.round((210 / 25.4) * PRINT_DPI);

export interface PictureContent {
  title: string;
  /** One line under the title (what the picture shows). */
  subtitle: string;
  /** The systems' key, in the order to list them. */
  key: readonly { name: string; colour: string }[];
  /** Where the figures come from. */
  source: string;
  /** The attribution lines the data's licence asks for (from the bundle, never written here). */
  attribution: readonly string[];
  date: Date;
}

const PT = PRINT_DPI / 72;
const FONT = '"Liberation Sans", "DejaVu Sans", Arial, sans-serif';
const INK = '#111827';
const MUTED = '#4b5563';

/** The map's current view, drawn `ratio` times sharper than on screen, as a canvas of its own. */
export async function captureMap(map: MlMap, ratio: number, timeoutMs = 120_000): Promise<HTMLCanvasElement> {
  const before = map.getPixelRatio();
  map.setPixelRatio(ratio);
  try {
    return await new Promise<HTMLCanvasElement>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('The map did not finish drawing its picture.')), timeoutMs);
      map.once('idle', () => {
        clearTimeout(timer);
        const gl = map.getCanvas();
        const out = document.createElement('canvas');
        out.width = gl.width;
        out.height = gl.height;
        out.getContext('2d')!.drawImage(gl, 0, 0);
        resolve(out);
      });
      map.triggerRepaint();
    });
  } finally {
    map.setPixelRatio(before);
  }
}

/** Metres per CSS pixel across the middle of the map's view (great-circle distance, as MapLibre's scale bar). */
function metresPerCssPixel(map: MlMap): number {
  const c = map.getContainer();
  const y = c.clientHeight / 2;
  const a = map.unproject([c.clientWidth / 2 - 50, y]);
  const b = map.unproject([c.clientWidth / 2 + 50, y]);
  return a.distanceTo(b) / 100;
}

/** The longest 1, 2 or 5 × 10ⁿ km that fits in `maxKm`. */
export function niceKm(maxKm: number): number {
  const p = 10 ** Math.floor(Math.log10(maxKm));
  return [5, 2, 1].map((m) => m * p).find((v) => v <= maxKm) ?? p;
}

/** Lines of `text` no wider than `width` in the context's current font. */
function wrap(ctx: CanvasRenderingContext2D, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (line && ctx.measureText(next).width > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

function ellipsis(ctx: CanvasRenderingContext2D, text: string, width: number): string {
  if (ctx.measureText(text).width <= width) return text;
  let t = text;
  while (t.length > 1 && ctx.measureText(`${t}…`).width > width) t = t.slice(0, -1);
  return `${t.trimEnd()}…`;
}

/** One map captured into the box at (areaX, areaY), as large as fits, framed, with its scale bar. */
async function drawMap(ctx: CanvasRenderingContext2D, map: MlMap, areaX: number, areaY: number, areaW: number, areaH: number): Promise<void> {
  const css = map.getContainer();
  const fit = Math.min(areaW / css.clientWidth, areaH / css.clientHeight);
  const shot = await captureMap(map, Math.min(4, Math.max(1, Math.ceil(fit))));
  const w = Math.round(css.clientWidth * fit);
  const h = Math.round(css.clientHeight * fit);
  const mapX = areaX + Math.round((areaW - w) / 2);
  const mapY = areaY;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(shot, mapX, mapY, w, h);
  ctx.strokeStyle = MUTED;
  ctx.lineWidth = 2;
  ctx.strokeRect(mapX, mapY, w, h);

  // Scale bar, bottom left of the map: the longest round distance within a fifth of the map's width.
  const metresPerPx = metresPerCssPixel(map) / fit;
  const km = niceKm((w / 5) * metresPerPx / 1000);
  const barW = Math.round((km * 1000) / metresPerPx);
  const barH = Math.round(2.5 * PT);
  const pad = Math.round(0.08 * PRINT_DPI);
  ctx.font = `${Math.round(8 * PT)}px ${FONT}`;
  const label = `${km} km`;
  const boxW = barW + ctx.measureText(label).width + 3 * pad;
  const boxH = barH + 2 * pad + Math.round(2 * PT);
  const bx = mapX + pad;
  const by = mapY + h - pad - boxH;
  ctx.fillStyle = 'rgba(255,255,255,0.9)';
  ctx.fillRect(bx, by, boxW, boxH);
  const half = Math.round(barW / 2);
  ctx.fillStyle = INK;
  ctx.fillRect(bx + pad, by + pad + Math.round(PT), half, barH);
  ctx.strokeStyle = INK;
  ctx.lineWidth = 2;
  ctx.strokeRect(bx + pad, by + pad + Math.round(PT), barW, barH);
  ctx.textBaseline = 'middle';
  ctx.fillText(label, bx + 2 * pad + barW, by + boxH / 2);
  ctx.textBaseline = 'top';
}

/** The whole page: the map captured from `map`, framed by the title, the key, the scale bar and the sources. */
export function renderMapPicture(map: MlMap, content: PictureContent): Promise<HTMLCanvasElement> {
  return renderMapsPicture([{ map }], content);
}

/** One map on a page, with the heading drawn above it (e.g. "A: Baseline: STPs and CCGs, April 2019"). */
export interface PicturePanel {
  map: MlMap;
  heading?: string;
}

/**
 * The page with its maps side by side (one for the editor, two for a comparison), each with its own scale bar and
 * heading, sharing the title, the key, the date and the sources.
 */
export async function renderMapsPicture(panels: readonly PicturePanel[], content: PictureContent): Promise<HTMLCanvasElement> {
  const W = PRINT_WIDTH;
  const H = PRINT_HEIGHT;
  const margin = Math.round(0.4 * PRINT_DPI);
  const page = document.createElement('canvas');
  page.width = W;
  page.height = H;
  const ctx = page.getContext('2d')!;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, W, H);
  ctx.textBaseline = 'top';

  // Title and subtitle.
  let y = margin;
  ctx.fillStyle = INK;
  ctx.font = `bold ${Math.round(18 * PT)}px ${FONT}`;
  ctx.fillText(ellipsis(ctx, content.title, W - 2 * margin), margin, y);
  y += Math.round(24 * PT);
  ctx.fillStyle = MUTED;
  ctx.font = `${Math.round(10 * PT)}px ${FONT}`;
  const dated = `${content.subtitle} · ${content.date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' })}`;
  ctx.fillText(ellipsis(ctx, dated, W - 2 * margin), margin, y);
  y += Math.round(18 * PT);

  // Footer: the source and the attribution lines, wrapped, from the bottom up.
  ctx.font = `${Math.round(7 * PT)}px ${FONT}`;
  const lineH = Math.round(9 * PT);
  const footer = [`Source: ${content.source}.`, ...content.attribution].flatMap((l) => wrap(ctx, l, W - 2 * margin));
  const footerTop = H - margin - footer.length * lineH;
  ctx.fillStyle = MUTED;
  footer.forEach((l, k) => ctx.fillText(l, margin, footerTop + k * lineH));

  // The key, in columns on the right.
  const gap = Math.round(0.15 * PRINT_DPI);
  const keyW = Math.round(3.3 * PRINT_DPI);
  const keyX = W - margin - keyW;
  const bodyTop = y;
  const bodyBottom = footerTop - gap;
  ctx.fillStyle = INK;
  ctx.font = `bold ${Math.round(10 * PT)}px ${FONT}`;
  ctx.fillText('Systems', keyX, bodyTop);
  const rowH = Math.round(10.5 * PT);
  const rowsTop = bodyTop + Math.round(16 * PT);
  const fits = Math.max(1, Math.floor((bodyBottom - rowsTop) / rowH));
  const columns = Math.max(1, Math.ceil(content.key.length / fits));
  // Columns of even length (21 and 21 rather than 40 and 2).
  const perColumn = Math.ceil(content.key.length / columns);
  const colW = keyW / columns;
  const sw = Math.round(7 * PT);
  ctx.font = `${Math.round(7.5 * PT)}px ${FONT}`;
  content.key.forEach((k, n) => {
    const cx = keyX + Math.floor(n / perColumn) * colW;
    const cy = rowsTop + (n % perColumn) * rowH;
    ctx.fillStyle = k.colour;
    ctx.fillRect(cx, cy, sw, sw);
    ctx.strokeStyle = MUTED;
    ctx.lineWidth = 1;
    ctx.strokeRect(cx + 0.5, cy + 0.5, sw - 1, sw - 1);
    ctx.fillStyle = INK;
    ctx.fillText(ellipsis(ctx, k.name, colW - sw - 0.1 * PRINT_DPI), cx + sw + Math.round(0.05 * PRINT_DPI), cy);
  });

  // The maps, as large as fit side by side beside the key, sharp at that size.
  const headingH = panels.some((p) => p.heading) ? Math.round(14 * PT) : 0;
  const slotW = (keyX - gap - margin - (panels.length - 1) * gap) / panels.length;
  const areaH = bodyBottom - bodyTop - headingH;
  for (const [k, panel] of panels.entries()) {
    const slotX = margin + k * (slotW + gap);
    if (panel.heading) {
      ctx.textBaseline = 'top';
      ctx.fillStyle = INK;
      ctx.font = `bold ${Math.round(10 * PT)}px ${FONT}`;
      ctx.fillText(ellipsis(ctx, panel.heading, slotW), slotX, bodyTop);
    }
    await drawMap(ctx, panel.map, slotX, bodyTop + headingH, slotW, areaH);
  }
  return page;
}

export function canvasToPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('The picture could not be encoded as PNG.'))), 'image/png'));
}
