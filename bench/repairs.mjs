// Counts the repair stage's work on a folder of texts: repairs by kind, warnings by code, and the words of
// the repaired text that occur neither in the input nor in the language's dictionary (invented words).
// Usage: node bench/repairs.mjs [--list] DIR_OR_FILE... (after `make`); prints JSON.
import fs from 'node:fs';
import path from 'node:path';
const { runStages } = await import('../dist/pipeline/stages.js');
const { newReport } = await import('../dist/pipeline/report.js');
const { lexiconFor } = await import('../dist/pipeline/lexicon.js');
const args = process.argv.slice(2);
const list = args.includes('--list');
const files = args.filter((a) => a !== '--list').flatMap((a) => (fs.statSync(a).isDirectory() ? fs.readdirSync(a).filter((f) => f.endsWith('.txt')).map((f) => path.join(a, f)) : [a]));
const repairs = {};
const warnings = {};
const invented = [];
const all = [];
const wordsOf = (t) => t.normalize('NFC').match(/(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu) ?? [];
for (const file of files.sort()) {
  const report = newReport(file);
  const context = { file, bytes: fs.readFileSync(file), options: { formats: ['xml'] }, report };
  try {
    runStages(context, 'repair');
  } catch (e) {
    all.push({ file, error: String(e) });
    continue;
  }
  for (const r of report.repairs) {
    repairs[r.kind] = (repairs[r.kind] ?? 0) + 1;
    all.push({ file: path.basename(file), line: r.line, kind: r.kind, before: r.before, after: r.after });
  }
  for (const d of report.diagnostics) warnings[d.code] = (warnings[d.code] ?? 0) + 1;
  const input = new Set(wordsOf(fs.readFileSync(file, 'utf8')).map((w) => w.toLowerCase()));
  const lexicon = lexiconFor(context.language);
  const text = [...context.repaired.lines, ...context.repaired.notes.flatMap((n) => n.lines)].map((l) => l.text.replace(/[\u{F0000}-\u{FFFFD}]/gu, ' ')).join(' ');
  for (const w of wordsOf(text)) if (!input.has(w.toLowerCase()) && !lexicon.has(w)) invented.push(`${path.basename(file)}: ${w}`);
}
console.log(JSON.stringify({ files: files.length, repairs, warnings, invented, ...(list ? { all } : {}) }, null, 1));
