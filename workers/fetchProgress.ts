/**
 * Fetches a JSON file and reports its bytes as they arrive, so a finer unit set (1.4 MB of CCG parts, 22 MB of
 * LSOAs) shows how far along it is instead of a silent wait. `total` is 0 when the server does not say.
 */
export type ByteProgress = (loaded: number, total: number) => void;
/**
 * Progress of loading a unit set: bytes while it downloads, then `step` 'build' (reported between the steps that
 * parse it and build its topology and map). Every report is also the supervisor's sign of life.
 */
export type LoadProgress = (loaded: number, total: number, step?: 'download' | 'build') => void;

export async function fetchJsonWithProgress<T>(url: string, onProgress?: LoadProgress): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`could not load ${url}: ${res.status} ${res.statusText}`);
  const total = Number(res.headers.get('content-length') ?? 0) || 0;
  if (!res.body || !onProgress) return (await res.json()) as T;
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  onProgress(0, total);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.byteLength;
    onProgress(loaded, total);
  }
  onProgress(loaded, total, 'build'); // what follows (decode, parse) takes a while at 22 MB
  const bytes = new Uint8Array(loaded);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return JSON.parse(new TextDecoder().decode(bytes)) as T;
}
