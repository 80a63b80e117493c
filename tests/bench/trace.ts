/** Reading Chromium traces for the browser bench (tests/bench/browser.ts): frame presentation, busy threads. */

export type TraceEvent = { ph: string; name: string; cat?: string; pid: number; tid: number; ts: number; dur?: number; args: Record<string, unknown> };
type PipelineStep = { step?: string; surface_frame_trace_id?: string; display_trace_id?: string; aggregated_surface_frame_trace_ids?: string[] };

/**
 * When each edit's map frame reached the screen, in the page's clock (performance.now()), from Chromium's
 * Graphics.Pipeline trace steps: the first compositor frame the page's renderer submits after the frame's draw
 * calls were issued (the `markName` mark, in that same main frame), the display frame that aggregated it, and
 * the end of that display frame's buffer swap. NaN where the trace misses a step. Software GL shows here: the GPU
 * process draws the WebGL canvas and composites the page before that swap ends.
 */
export function presentationTimes(trace: Buffer, drawnAt: number[], markName = 'footprints:drawn'): number[] {
  // The frame ids are 64-bit integers, beyond what a JSON number keeps exactly: read them as strings.
  const text = trace.toString()
    .replace(/("(?:surface_frame_trace_id|display_trace_id)":)(-?\d+)/g, '$1"$2"')
    .replace(/("aggregated_surface_frame_trace_ids":\[)([-\d,]*)\]/g, (_m, head: string, ids: string) => `${head}${ids.split(',').filter(Boolean).map((x) => `"${x}"`).join(',')}]`);
  const { traceEvents } = JSON.parse(text) as { traceEvents: TraceEvent[] };
  const mark = traceEvents.find((e) => e.cat === 'blink.user_timing' && e.name === markName);
  if (!mark) return drawnAt.map(() => NaN);
  // Trace clock (µs) = page clock (ms) × 1000 + offset, from any user-timing event (it carries both).
  const offset = mark.ts - Number((mark.args.data as { startTime: number }).startTime) * 1000;
  const step = (e: TraceEvent) => e.args.chrome_graphics_pipeline as PipelineStep | undefined;
  const pipeline = traceEvents.filter((e) => e.name === 'Graphics.Pipeline' && e.ph === 'X' && step(e)).sort((a, b) => a.ts - b.ts);
  const submits = pipeline.filter((e) => e.pid === mark.pid && step(e)!.step === 'STEP_SUBMIT_COMPOSITOR_FRAME');
  const aggregations = pipeline.filter((e) => step(e)!.step === 'STEP_SURFACE_AGGREGATION');
  const swapEnd = new Map(pipeline.filter((e) => step(e)!.step === 'STEP_FINISH_BUFFER_SWAP').map((e) => [step(e)!.display_trace_id, e.ts]));
  return drawnAt.map((d) => {
    const D = d * 1000 + offset;
    const submit = submits.find((e) => e.ts >= D);
    const id = submit && step(submit)!.surface_frame_trace_id;
    const agg = id === undefined ? undefined : aggregations.find((e) => e.ts >= submit!.ts && (step(e)!.aggregated_surface_frame_trace_ids ?? []).includes(id));
    const end = agg && swapEnd.get(step(agg)!.display_trace_id);
    return end === undefined ? NaN : (end - offset) / 1000;
  });
}

/** Busy time per thread from a Chromium trace (top-level tasks), ms per edit. */
export function threadBusy(trace: Buffer, edits: number): Record<string, number> {
  const { traceEvents } = JSON.parse(trace.toString()) as { traceEvents: TraceEvent[] };
  const tname = new Map<string, string>();
  const pname = new Map<number, string>();
  for (const e of traceEvents) {
    if (e.ph === 'M' && e.name === 'thread_name') tname.set(`${e.pid}:${e.tid}`, String(e.args.name ?? ''));
    if (e.ph === 'M' && e.name === 'process_name') pname.set(e.pid, String(e.args.name ?? ''));
  }
  const busy = new Map<string, number>();
  for (const e of traceEvents) {
    if (e.ph !== 'X' || !e.dur || e.name !== 'ThreadControllerImpl::RunTask') continue;
    const thread = tname.get(`${e.pid}:${e.tid}`) ?? '';
    const proc = pname.get(e.pid) ?? '';
    const key = proc === 'Renderer' && thread === 'CrRendererMain' ? 'pageMainThread'
      : proc === 'Renderer' && thread.startsWith('DedicatedWorker') ? 'workers (engine + MapLibre)'
        : proc === 'GPU Process' && thread === 'CrGpuMain' ? 'gpuProcessMain (SwiftShader GL)'
          : proc === 'GPU Process' ? 'gpuProcessOther'
            : proc === 'Renderer' ? 'rendererOther (compositor, raster)' : null;
    if (key) busy.set(key, (busy.get(key) ?? 0) + e.dur / 1000);
  }
  return Object.fromEntries([...busy].map(([k, v]) => [k, Math.round((v / edits) * 10) / 10]));
}

/**
 * Where the page's main thread spends the given spans of page time (click → draw calls issued, per edit): self time
 * per trace event name (a nested event's time is taken from its parent's), summed over the spans, ms, biggest first.
 * Needs a trace with `disabled-by-default-devtools.timeline`, `blink.user_timing` (for the clock) and `v8`.
 */
export function mainThreadBreakdown(trace: Buffer, spans: readonly (readonly [number, number])[], top = 20): { name: string; ms: number }[] {
  const { traceEvents } = JSON.parse(trace.toString()) as { traceEvents: TraceEvent[] };
  const mark = traceEvents.find((e) => e.cat === 'blink.user_timing' && (e.args.data as { startTime?: number } | undefined)?.startTime !== undefined);
  if (!mark) return [];
  const offset = mark.ts - Number((mark.args.data as { startTime: number }).startTime) * 1000;
  const main = traceEvents.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === mark.pid && e.args.name === 'CrRendererMain');
  if (!main) return [];
  const events = traceEvents.filter((e) => e.ph === 'X' && e.pid === main.pid && e.tid === main.tid && e.dur).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const windows = spans.map(([a, b]) => [a * 1000 + offset, b * 1000 + offset] as const);
  const clipped = (s: number, e: number) => windows.reduce((t, [a, b]) => t + Math.max(0, Math.min(e, b) - Math.max(s, a)), 0);
  const self = new Map<string, number>();
  // A stack of open events; each interval between consecutive starts/ends is charged to the innermost one.
  const stack: TraceEvent[] = [];
  let at = events.length ? events[0].ts : 0;
  const charge = (until: number) => {
    const top = stack[stack.length - 1];
    if (top && until > at) {
      const key = top.name === 'FunctionCall' || top.name === 'EventDispatch' ? `${top.name} (JS)` : top.name;
      self.set(key, (self.get(key) ?? 0) + clipped(at, until));
    }
    at = Math.max(at, until);
  };
  for (const e of events) {
    while (stack.length && stack[stack.length - 1].ts + stack[stack.length - 1].dur! <= e.ts) {
      const done = stack.pop()!;
      charge(done.ts + done.dur!);
    }
    charge(e.ts);
    stack.push(e);
  }
  while (stack.length) {
    const done = stack.pop()!;
    charge(done.ts + done.dur!);
  }
  return [...self].map(([name, us]) => ({ name, ms: Math.round(us / 10) / 100 })).filter((x) => x.ms > 0).sort((a, b) => b.ms - a.ms).slice(0, top);
}
