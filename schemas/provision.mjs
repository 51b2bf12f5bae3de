#!/usr/bin/env node
// Fills schemas/ with the official Akoma Ntoso 3.0 schema files listed in manifest.json.
// Reads:  $AKN_SCHEMA_DIR (a folder holding the files) when set, else the official OASIS URLs.
// Writes: schemas/<name> for each manifest entry, only after its sha256 matches the manifest.
// This is the only code in the project that may reach the network, and only at set-up.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const manifest = JSON.parse(readFileSync(join(here, 'manifest.json'), 'utf8'));
const sourceDir = process.env.AKN_SCHEMA_DIR ? resolve(process.env.AKN_SCHEMA_DIR) : null;

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

async function fetchBytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

let failed = false;
for (const file of manifest.files) {
  const target = join(here, file.name);
  if (existsSync(target) && sha256(readFileSync(target)) === file.sha256) continue;
  const origin = sourceDir ? join(sourceDir, file.name) : file.url;
  let bytes;
  try {
    bytes = sourceDir ? readFileSync(origin) : await fetchBytes(origin);
  } catch (error) {
    console.error(`schemas: cannot read ${origin}: ${error.message}`);
    failed = true;
    continue;
  }
  const actual = sha256(bytes);
  if (actual !== file.sha256) {
    console.error(`schemas: ${origin}: sha256 ${actual} does not match the manifest (${file.sha256}); refused`);
    failed = true;
    continue;
  }
  writeFileSync(`${target}.tmp`, bytes);
  renameSync(`${target}.tmp`, target);
  console.error(`schemas: ${file.name} provisioned from ${origin} (sha256 verified)`);
}
process.exit(failed ? 1 : 0);
