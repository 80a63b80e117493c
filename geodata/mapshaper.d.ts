/** The part of mapshaper's JS API the build uses (the package ships no types). */
declare module 'mapshaper' {
  /** Runs a mapshaper command line on in-memory inputs (by file name) and resolves to the outputs by file name. */
  export function applyCommands(commands: string, input?: Record<string, unknown>): Promise<Record<string, string>>;
  const mapshaper: { applyCommands: typeof applyCommands };
  export default mapshaper;
}
