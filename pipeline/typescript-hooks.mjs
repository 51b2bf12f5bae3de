// Module hooks (node:module register) that let a worker thread load the TypeScript sources directly,
// used by batch.ts only when it runs from .ts files itself (under vitest). Compiled JavaScript in dist/
// never needs them. Each .ts module is compiled alone with the project's TypeScript (transpileModule:
// types erased, no type check), and a `./x.js` import from a .ts module finds `./x.ts`, as tsc does.
// Loading TypeScript takes a second or two, so compiled modules are kept in node_modules/.cache/
// (keyed by a hash of the source and the TypeScript version): later workers usually never load it.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** @type {string} */
let typescriptUrl;
/** @type {string} */
let cacheDir;
/** @type {typeof import('typescript') | undefined} */
let ts;

/** @param {{ typescript: string }} data file: URL of the typescript package's main module */
export function initialize(data) {
  typescriptUrl = data.typescript;
  // .../node_modules/typescript/lib/typescript.js → .../node_modules/.cache/akn-press-ts/
  cacheDir = fileURLToPath(new URL('../../.cache/akn-press-ts/', typescriptUrl));
}

export async function resolve(specifier, context, nextResolve) {
  const parent = context.parentURL;
  if (parent && parent.startsWith('file:') && parent.endsWith('.ts') && /^\.{1,2}\/.*\.js$/.test(specifier)) {
    const asJs = new URL(specifier, parent);
    if (!existsSync(fileURLToPath(asJs))) {
      const asTs = new URL(specifier.replace(/\.js$/, '.ts'), parent);
      if (existsSync(fileURLToPath(asTs))) return { url: asTs.href, format: 'module', shortCircuit: true };
    }
  }
  return nextResolve(specifier, context);
}

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return nextLoad(url, context);
  const fileName = fileURLToPath(url);
  const source = readFileSync(fileName, 'utf8');
  const key = createHash('sha256').update(`${typescriptUrl}\0${fileName}\0${source}`).digest('hex');
  const cached = `${cacheDir}${key}.js`;
  if (existsSync(cached)) return { format: 'module', source: readFileSync(cached, 'utf8'), shortCircuit: true };

  ts ??= (await import(typescriptUrl)).default;
  const output = ts.transpileModule(source, {
    fileName,
    compilerOptions: {
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
      inlineSourceMap: true,
      inlineSources: true,
    },
  });
  try {
    // Written whole then renamed, so a concurrent worker reads the old state or the complete file.
    mkdirSync(cacheDir, { recursive: true });
    const temp = `${cached}.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(temp, output.outputText);
    renameSync(temp, cached);
  } catch {
    // A cache that cannot be written only costs time.
  }
  return { format: 'module', source: output.outputText, shortCircuit: true };
}
