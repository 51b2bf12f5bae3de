// The command line end to end, a handful of runs of the compiled CLI (make test compiles it first):
// exit statuses, one clear line per error, nothing written for bad input, --json, validate and text.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CLI = 'dist/pipeline/cli.js';

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`make\` (or npx tsc) before the tests`);
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const tmp = () => mkdtempSync(join(tmpdir(), 'akn-cli-'));

describe('akn-press command line', () => {
  it('prints help (exit 0) and refuses a bad command or option (exit 2)', () => {
    const help = run('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('akn-press build <file.txt|file.pdf|folder>');
    const unknown = run('frobnicate');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^akn-press: unknown command "frobnicate"/);
    expect(run('build', '--bogus', 'x').status).toBe(2);
    expect(run('render', 'x.akn.xml').status).toBe(2);
  });

  it('builds the sample into the four outputs, validates it and prints its text', () => {
    const out = tmp();
    const build = run('build', 'input/fr_A-72-L.10.txt', '--out', out, '--json');
    expect(build.status).toBe(0);
    const report = JSON.parse(build.stdout) as { documents: number; failures: number };
    expect(report).toMatchObject({ documents: 1, failures: 0 });
    expect(readdirSync(out).sort()).toEqual(['fr_A-72-L.10.akn.xml', 'fr_A-72-L.10.epub', 'fr_A-72-L.10.html', 'fr_A-72-L.10.jsonld']);
    // Warnings go to stderr as file:line: lines.
    expect(run('build', 'input/fr_A-72-L.10.txt', '--out', out).stderr).toContain('input/fr_A-72-L.10.txt:729: warning: paragraph 21 has no period after its number');
    const validate = run('validate', join(out, 'fr_A-72-L.10.akn.xml'));
    expect(validate.status).toBe(0);
    expect(validate.stderr).toContain('valid');
    const text = run('text', join(out, 'fr_A-72-L.10.akn.xml'));
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('21 Encourage les institutions spécialisées');
  });

  it('gives bad input one clear error line, exit 1, and writes nothing', () => {
    const dir = tmp();
    const out = join(dir, 'out');
    const cases: Array<[string, string | Uint8Array, RegExp]> = [
      ['empty.txt', '', /empty\.txt: .*empty/],
      ['blank.txt', '\n   \n\t\n', /blank\.txt: .*empty|blank/],
      ['binary.txt', new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34, 0x0a, 0, 1, 2, 3, 0xff, 0xfe, 0]), /binary\.txt: .*binary/],
      ['letter.txt', 'Dear colleagues,\nPlease find attached the minutes of the last meeting of the committee.\nBest regards,\nThe secretariat', /letter\.txt:\d+: /],
    ];
    for (const [name, content, message] of cases) {
      writeFileSync(join(dir, name), content);
      const result = run('build', join(dir, name), '--out', out);
      expect(result.status, name).toBe(1);
      expect(result.stderr.trim().split('\n'), name).toHaveLength(1);
      expect(result.stderr, name).toMatch(message);
      expect(result.stderr, name).not.toMatch(/\n\s+at /);
      expect(existsSync(out) ? readdirSync(out).filter((f) => !f.startsWith('.')) : [], name).toEqual([]);
    }
  });

  it('reports schema problems with their line and exits 1', () => {
    const dir = tmp();
    const file = join(dir, 'broken.akn.xml');
    const good = readFileSync('tests/golden/fr_A-72-L.10.akn.xml', 'utf8');
    writeFileSync(file, good.replace('<num>3.</num>', '<num>3.</num><bogus/>'));
    const result = run('validate', file);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/broken\.akn\.xml:\d+: schema: Element '\{http:\/\/docs\.oasis-open\.org\/legaldocml\/ns\/akn\/3\.0\}bogus': This element is not expected/);
  });

  it('builds a folder with workers, and a second run skips what did not change', () => {
    const out = tmp();
    const first = run('build', 'input', '../shared/corpus/texts/en_A-RES-80-1.txt', '--out', out, '--formats', 'xml', '--json');
    expect(first.status).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ documents: 2, built: 2, failures: 0 });
    const second = run('build', 'input', '../shared/corpus/texts/en_A-RES-80-1.txt', '--out', out, '--formats', 'xml', '--json');
    expect(JSON.parse(second.stdout)).toMatchObject({ documents: 2, skipped: 2 });
  });
});
