/**
 * Chrome tracing for the end-to-end runs: loads a page with the extension while a trace
 * records the renderer's main thread, then finds the content script's start (its
 * EvaluateScript event) and the tasks that ran after it. No hook in src/ is needed.
 */
import type { CDPSession, Page } from 'playwright-core';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: {
    data?: {
      url?: string;
      frames?: { processId: number; isOutermostMainFrame?: boolean }[];
      documentLoaderURL?: string;
      isOutermostMainFrame?: boolean;
    };
  };
}

export interface TaskSummary {
  /** Content script start, in the page's performance.now() time, ms. */
  scriptStart: number;
  /** Longest main-thread task after the content script started, ms, and its kind. */
  longestTask: number;
  longestScriptTask: number;
  longestRenderTask: number;
  /** Sum of main-thread tasks that ran script after the content script started, ms. */
  scriptTaskTotal: number;
  tasks: number;
}

const CATEGORIES = [
  'toplevel',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'blink.user_timing',
  '__metadata',
];

export async function startTrace(cdp: CDPSession): Promise<() => Promise<TraceEvent[]>> {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e: { value: object[] }) => events.push(...(e.value as TraceEvent[])));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES }, transferMode: 'ReportEvents' });
  return async () => {
    const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
    await cdp.send('Tracing.end');
    await done;
    return events;
  };
}

// FireAnimationFrame is left out: the harness's own highlight poller runs in animation frames.
// v8.evaluateModule is the evaluation of content-main.js, which the content script imports.
const SCRIPT = new Set([
  'EvaluateScript',
  'v8.evaluateModule',
  'RunMicrotasks',
  'TimerFire',
  'RunYieldContinuation',
  'Receive mojo reply',
  'Receive mojo message',
]);
const RENDER = new Set(['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'Commit']);

export function summarizeTasks(events: TraceEvent[], pageUrl: string): TaskSummary | null {
  const started = events.find((e) => e.name === 'TracingStartedInBrowser');
  const contentScript = events.find((e) => e.name === 'EvaluateScript' && (e.args?.data?.url ?? '').endsWith('/content.js'));
  if (!contentScript) return null;
  const pid = contentScript.pid ?? started?.args?.data?.frames?.[0]?.processId;
  const tid = contentScript.tid;
  const nav = events
    .filter((e) => e.name === 'navigationStart' && e.pid === pid && (e.args?.data?.documentLoaderURL ?? '') === pageUrl)
    .pop();
  const main = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X').sort((a, b) => a.ts - b.ts);
  const tasks = main.filter((e) => e.name === 'RunTask' && e.ts + (e.dur ?? 0) >= contentScript.ts);
  let longestScript = 0;
  let longestRender = 0;
  let scriptTotal = 0;
  let cursor = 0;
  for (const task of tasks) {
    const end = task.ts + (task.dur ?? 0);
    let script = false;
    let render = false;
    while (cursor < main.length && (main[cursor] as TraceEvent).ts < task.ts) cursor++;
    for (let i = cursor; i < main.length && (main[i] as TraceEvent).ts < end; i++) {
      const name = (main[i] as TraceEvent).name;
      if (SCRIPT.has(name)) script = true;
      if (RENDER.has(name)) render = true;
    }
    const dur = (task.dur ?? 0) / 1000;
    if (script) {
      longestScript = Math.max(longestScript, dur);
      scriptTotal += dur;
    } else if (render) longestRender = Math.max(longestRender, dur);
  }
  return {
    scriptStart: nav ? (contentScript.ts - nav.ts) / 1000 : NaN,
    longestTask: Math.max(longestScript, longestRender),
    longestScriptTask: longestScript,
    longestRenderTask: longestRender,
    scriptTaskTotal: scriptTotal,
    tasks: tasks.length,
  };
}

/** Loads `url` in `page` under a trace; returns the summary and the raw events. */
export async function tracedLoad(page: Page, cdp: CDPSession, url: string, afterLoad: () => Promise<void>): Promise<TaskSummary | null> {
  const stop = await startTrace(cdp);
  await page.goto(url, { waitUntil: 'load' });
  await afterLoad();
  const events = await stop();
  return summarizeTasks(events, url);
}
