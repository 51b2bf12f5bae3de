// The PDF row of `make bench`: each corpus PDF read by PDF.js (readPdf: open, operator lists, annotations)
// and then built by the stages from the layout stage on, all formats; ms per document and per page.
// Reads: ../shared/corpus/pdf/*.pdf and the compiled pipeline in dist/.   Writes: rows for bench/run.mjs.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stages } from '../dist/pipeline/index.js';
import { readPdf } from '../dist/pipeline/pdf-read.js';
import { newReport } from '../dist/pipeline/report.js';
import { ALL_FORMATS, median } from './stage-times.mjs';

const msSince = (start) => Number(process.hrtime.bigint() - start) / 1e6;

/** Medians over `runs` after `warmup` rounds, the PDFs measured turn about. */
export async function pdfBenchmark(folder, { warmup, runs }) {
  if (!existsSync(folder)) return { folder, documents: [] };
  const files = readdirSync(folder).filter((f) => f.toLowerCase().endsWith('.pdf')).sort();
  const documents = files.map((name) => ({ name, path: join(folder, name), bytes: new Uint8Array(readFileSync(join(folder, name))), parse: [], layout: [], rest: [] }));
  for (let round = 0; round < warmup + runs; round++) {
    for (const document of documents) {
      let start = process.hrtime.bigint();
      const layout = await readPdf(document.path, document.bytes);
      const parseMs = msSince(start);
      const context = { file: document.path, bytes: document.bytes, layout, options: { formats: ALL_FORMATS }, report: newReport(document.path) };
      let layoutMs = 0;
      let restMs = 0;
      for (const stage of stages) {
        start = process.hrtime.bigint();
        stage.run(context);
        if (stage.name === 'layout') layoutMs += msSince(start);
        else restMs += msSince(start);
      }
      document.pages = layout.pages.length;
      if (round < warmup) continue;
      document.parse.push(parseMs);
      document.layout.push(layoutMs);
      document.rest.push(restMs);
    }
  }
  const rows = documents.map((d) => {
    const parseMs = median(d.parse);
    const layoutMs = median(d.layout);
    const restMs = median(d.rest);
    const totalMs = parseMs + layoutMs + restMs;
    return { file: d.name, kb: Math.round(d.bytes.byteLength / 1024), pages: d.pages, parseMs, layoutMs, restMs, totalMs, msPerPage: totalMs / d.pages, parseMsPerPage: parseMs / d.pages };
  });
  const sum = (key) => rows.reduce((n, r) => n + r[key], 0);
  const pages = sum('pages');
  return {
    folder,
    runs,
    warmup,
    documents: rows,
    mean: { parseMs: sum('parseMs') / rows.length, layoutMs: sum('layoutMs') / rows.length, restMs: sum('restMs') / rows.length, totalMs: sum('totalMs') / rows.length },
    perPage: { parseMs: sum('parseMs') / pages, layoutMs: sum('layoutMs') / pages, restMs: sum('restMs') / pages, totalMs: sum('totalMs') / pages },
    pages,
  };
}

/** The table printed by bench/run.mjs. */
export function pdfTable(result, log, ms) {
  if (!result.documents.length) {
    log(`PDF input: no PDFs in ${result.folder}`);
    return;
  }
  log(`PDF input: ${result.documents.length} PDFs of ${result.folder}, median of ${result.runs} runs after ${result.warmup} warm-up, all formats; PDF.js parse (readPdf) vs the layout stage vs the rest of the stages`);
  log(['document'.padEnd(24), 'kB'.padStart(5), 'pages'.padStart(6), 'PDF.js'.padStart(9), 'layout'.padStart(9), 'rest'.padStart(9), 'total'.padStart(9), 'ms/page'.padStart(9)].join(' '));
  const row = (label, kb, pages, r) => log([label.padEnd(24), kb.padStart(5), pages.padStart(6), ms(r.parseMs).padStart(9), ms(r.layoutMs).padStart(9), ms(r.restMs).padStart(9), ms(r.totalMs).padStart(9), ms(r.msPerPage ?? r.totalMs / 1).padStart(9)].join(' '));
  for (const r of result.documents) row(r.file.replace(/\.pdf$/i, ''), String(r.kb), String(r.pages), r);
  row(`mean of ${result.documents.length} PDFs`, '', (result.pages / result.documents.length).toFixed(1), { ...result.mean, msPerPage: result.perPage.totalMs });
  log(`per page: PDF.js ${ms(result.perPage.parseMs)} ms, layout ${ms(result.perPage.layoutMs)} ms, rest ${ms(result.perPage.restMs)} ms, total ${ms(result.perPage.totalMs)} ms`);
}
