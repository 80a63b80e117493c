/**
 * Share links: the scenario JSON, deflated (CompressionStream 'deflate-raw') and base64url-encoded in the
 * hash (`#s=…`), so nothing leaves the browser and the link reproduces the scenario exactly.
 *
 * A link is untrusted input: its length is capped before anything is decoded, and it is inflated as a stream
 * that stops at MAX_SHARE_JSON bytes, so a small link that inflates to gigabytes is refused at once. The text
 * is handed to the engine as it is (`load({ json })`): parsing and validation are the engine's.
 */
const PREFIX = 's=';
/** Characters after `#s=`: an LSOA-level scenario makes a link of ~150 k; this leaves room. */
export const MAX_SHARE_LINK = 1_000_000;
/** Bytes of scenario JSON a link may inflate to (an LSOA-level scenario is ~0.4 MB). */
export const MAX_SHARE_JSON = 5_000_000;

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let k = 0; k < bytes.length; k += 0x8000) bin += String.fromCharCode(...bytes.subarray(k, k + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let k = 0; k < bin.length; k++) out[k] = bin.charCodeAt(k);
  return out;
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

export async function encodeShare(scenario: unknown): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(scenario));
  return PREFIX + toBase64Url(await pipe(json, new CompressionStream('deflate-raw')));
}

/** Deflate expands at most ~1,032:1, so feeding the inflater this many bytes at a time bounds each output chunk to ~1 MB. */
const FEED = 1024;

/** Inflates `bytes`, refusing (and cancelling the stream) as soon as the output passes `limit` bytes. */
async function inflateCapped(bytes: Uint8Array, limit: number): Promise<Uint8Array> {
  let at = 0;
  const input = new ReadableStream<BufferSource>({
    pull(c) {
      if (at >= bytes.length) c.close();
      else c.enqueue(bytes.slice(at, (at += FEED)));
    },
  }, { highWaterMark: 0 });
  const reader = input.pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new Error(`it holds more than ${limit / 1e6} MB of scenario`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let k = 0;
  for (const c of chunks) {
    out.set(c, k);
    k += c.byteLength;
  }
  return out;
}

/**
 * The scenario JSON text in a hash, neither parsed nor validated (the engine does both); null when the hash has
 * none. Throws a one-line reason when the link is too long, too big once inflated, or not a deflated text.
 */
export async function decodeShare(hash: string): Promise<string | null> {
  const h = hash.replace(/^#/, '');
  if (!h.startsWith(PREFIX)) return null;
  const body = h.slice(PREFIX.length);
  if (body.length > MAX_SHARE_LINK) throw new Error(`the share link is refused: it is ${body.length.toLocaleString('en-GB')} characters long, more than a scenario's link can be (${MAX_SHARE_LINK.toLocaleString('en-GB')})`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(await inflateCapped(fromBase64Url(body), MAX_SHARE_JSON));
  } catch (e) {
    throw new Error(`the share link is damaged (${e instanceof Error ? e.message : String(e)}); was it copied whole?`, { cause: e });
  }
}

export async function shareUrl(scenario: unknown): Promise<string> {
  const url = new URL(location.href);
  url.hash = await encodeShare(scenario);
  return url.href;
}
