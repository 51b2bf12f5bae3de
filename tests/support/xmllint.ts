// The reference validator: Debian's xmllint against the provisioned official schema.
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { schemaDir } from '../../pipeline/schema-files.js';

/** Fails (does not skip) when xmllint is missing: CI installs libxml2-utils. */
export function xmllintValidate(file: string): { ok: boolean; output: string } {
  try {
    execFileSync('xmllint', ['--version'], { stdio: 'pipe' });
  } catch {
    throw new Error('xmllint is not installed (apt-get install -y libxml2-utils); .ci/run installs it');
  }
  const result = spawnSync('xmllint', ['--noout', '--nonet', '--schema', join(schemaDir(), 'akomantoso30.xsd'), file], { encoding: 'utf8' });
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
}
