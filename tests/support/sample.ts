// The sample resolution, built once per test file through the library (no process spawned).
import { readFileSync } from 'node:fs';
import { build, type BuildResult } from '../../pipeline/build.js';
import { readSidecar } from '../../pipeline/metadata.js';

export const SAMPLE = 'input/fr_A-72-L.10.txt';
export const SAMPLE_META = 'input/fr_A-72-L.10.meta.json';

let cached: BuildResult | undefined;
export function buildSample(): BuildResult {
  cached ??= build({ file: SAMPLE, text: readFileSync(SAMPLE), sidecar: readSidecar(SAMPLE_META), sidecarFile: SAMPLE_META }, { formats: ['xml'] });
  return cached;
}
