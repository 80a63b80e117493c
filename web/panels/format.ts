// Display formatting shared by the panels (the engine's own formatters, so Node exports and the UI agree).
export { formatCount, formatShort, formatShare } from '../../engine/format.ts';

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export const pounds = (x: number) => `£${(x / 1e6).toFixed(1)}m`;
