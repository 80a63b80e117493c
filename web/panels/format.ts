// Display formatting shared by the panels (the engine's own formatters, so Node exports and the UI agree).
export { formatCount, formatShort, formatShare, plural } from '../../engine/format.ts';

export const pounds = (x: number) => `£${(x / 1e6).toFixed(1)}m`;
