// Runs the pipeline on a small text written in a test, up to a given stage.
import type { BuildContext } from '../../pipeline/context.js';
import type { Sidecar } from '../../pipeline/metadata.js';
import { newReport } from '../../pipeline/report.js';
import { runStages } from '../../pipeline/stages.js';

export function runUntil(text: string, until: string, sidecar?: Sidecar, file = 'test.txt'): BuildContext {
  const context: BuildContext = {
    file,
    bytes: new TextEncoder().encode(text),
    sidecar,
    options: { formats: ['xml'] },
    report: newReport(file),
  };
  return runStages(context, until);
}

/** Body lines after the repair stage, with note citations shown as [n]. */
export function repairedLines(context: BuildContext): string[] {
  const { lines, citations, notes } = context.repaired!;
  return lines.map((l) => l.text.replace(/[\u{F0000}-\u{FFFFD}]/gu, (c) => `[${notes[citations[c.codePointAt(0)! - 0xf0000]!.note]!.marker}]`));
}
