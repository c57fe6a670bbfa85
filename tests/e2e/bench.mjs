// Benchmark: time to read a large ticket export and show its KPIs in the
// built page, in headless Chromium.
//
// Usage: node tests/e2e/bench.mjs DIST_DIR [ROWS] [RUNS]
//   ROWS  tickets to generate (default 100000) as a Zendesk-style export
//         of about 150 bytes a row. The file is kept in the system temp
//         folder and reused by later runs.
//   RUNS  timed runs, each in a fresh browser context (default 3).
//
// Each run starts when the file is set on the file input (the input's
// `change` event) and ends when the page has built the report and is no
// longer busy. It prints the median and range, the page's own split into
// reading and report time, the longest main-thread task (PerformanceObserver
// `longtask`) and the JS heap after the run (CDP Performance.getMetrics;
// WebAssembly memory is not included in that figure).

import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

import { CHROMIUM, CHROMIUM_FLAGS, blockOutside, serve } from "./harness.mjs";

const testDir = dirname(fileURLToPath(import.meta.url));
const generator = resolve(testDir, "..", "..", "..", "shared", "bench", "gen_tickets.py");
const RUN_TIMEOUT_MS = 300_000;

/** Writes the export with `rows` tickets unless it already exists. */
function exportFile(rows) {
  const dir = join(tmpdir(), "service-kpis-bench");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `tickets_${rows}.csv`);
  if (!existsSync(file)) {
    execFileSync("python3", [generator, String(rows), file], { stdio: "inherit" });
  }
  return file;
}

/** Loads `file` once in a fresh context and returns the measurements. */
async function timedRun(browser, base, file) {
  const context = await browser.newContext();
  const outside = await blockOutside(context, base);
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__longest = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        window.__longest = Math.max(window.__longest, entry.duration);
      }
    }).observe({ type: "longtask", buffered: false });
  });
  await page.goto(base);
  await page.getByTestId("file-input").waitFor({ state: "attached" });
  await page.evaluate(() => {
    window.__longest = 0;
  });

  const started = Date.now();
  await page.getByTestId("file-input").setInputFiles(file);
  await page.waitForFunction(
    () => {
      const status = document.querySelector('[data-testid="timing"]');
      return status.dataset.busy === "false" && Number(status.dataset.builds) > 0;
    },
    null,
    { timeout: RUN_TIMEOUT_MS, polling: 20 },
  );
  const wallMs = Date.now() - started;

  const pageMs = Number(await page.getByTestId("timing").getAttribute("data-ms"));
  const status = (await page.getByTestId("timing").textContent()).trim();
  const longestMs = await page.evaluate(() => window.__longest);
  const cdp = await context.newCDPSession(page);
  await cdp.send("Performance.enable");
  const { metrics } = await cdp.send("Performance.getMetrics");
  const heap = metrics.find((metric) => metric.name === "JSHeapUsedSize")?.value ?? 0;
  await context.close();
  if (outside.length > 0) {
    throw new Error(`requests left 127.0.0.1: ${outside.join(", ")}`);
  }
  return { wallMs, pageMs, longestMs, heapMiB: heap / 2 ** 20, status };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function main() {
  const [distArg, rowsArg = "100000", runsArg = "3"] = process.argv.slice(2);
  if (!distArg) {
    console.error("usage: node tests/e2e/bench.mjs DIST_DIR [ROWS] [RUNS]");
    process.exit(2);
  }
  const dist = resolve(distArg);
  const rows = Number(rowsArg);
  const runs = Number(runsArg);
  const file = exportFile(rows);
  const mib = statSync(file).size / 2 ** 20;

  const server = await serve(dist);
  const base = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  const results = [];
  try {
    for (let run = 0; run < runs; run += 1) {
      const result = await timedRun(browser, base, file);
      console.log(`run ${run + 1}: ${result.wallMs} ms (${result.status})`);
      results.push(result);
    }
  } finally {
    await browser.close();
    server.close();
  }

  const walls = results.map((result) => result.wallMs);
  console.log();
  console.log(`file: ${rows} tickets, ${mib.toFixed(1)} MiB`);
  console.log(`median ${median(walls)} ms (min ${Math.min(...walls)}, max ${Math.max(...walls)}) over ${runs} runs`);
  console.log(`page's own timing, median: ${median(results.map((result) => result.pageMs))} ms`);
  console.log(`longest main-thread task: ${Math.max(...results.map((result) => result.longestMs)).toFixed(0)} ms`);
  console.log(`JS heap after a run, max: ${Math.max(...results.map((result) => result.heapMiB)).toFixed(1)} MiB`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
