// Keeps the benchmark working: a smoke run (20 documents, one run each, nothing judged)
// must finish and write valid JSON with every row. No timing is asserted here.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ROWS = [
  'help',
  'version',
  'show',
  'show-json',
  'list-tiny',
  'lint-one',
  'render-md',
  'render-html',
  'templates',
  'diff',
  'log-tiny',
  'actions',
  'stats',
  'new-notty',
  'edit-notty',
  'init',
  'update',
  'log-history',
  'render-throughput',
  'publish-small',
  'publish-small-vs-plain',
  'publish-small-rate',
  'publish-large',
  'publish-large-rate',
  'publish-large-memory',
  'publish-incremental',
  'list-large',
  'lint-large',
];

interface BenchRow {
  id: string;
  label: string;
  result: string;
  value: number | null;
}

describe('npm run bench -- --smoke', () => {
  const dir = mkdtempSync(join(tmpdir(), 'postmortem-bench-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs every row and writes the figures as JSON', () => {
    const file = join(dir, 'results.json');
    // Its own output folder: a smoke run never touches the repositories of a real run.
    const run = spawnSync(process.execPath, ['bench/run.js', '--smoke', '--json', file], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 170_000,
      env: { ...process.env, BENCH_OUT: join(dir, 'out') },
    });
    expect(run.status, run.stderr).toBe(0);
    const doc = JSON.parse(readFileSync(file, 'utf8')) as {
      mode: string;
      machine: Record<string, unknown>;
      rows: BenchRow[];
    };
    expect(doc.mode).toBe('smoke');
    expect(typeof doc.machine.cores).toBe('number');
    expect(doc.machine.node).toBe(process.version);
    expect(typeof doc.machine.cpu_model).toBe('string');
    expect(doc.rows.map((r) => r.id).sort()).toEqual([...ROWS].sort());
    for (const row of doc.rows) {
      // Nothing is judged in a smoke run, and a bench bug is not a command failure.
      expect(row.result, row.label).toMatch(/^(ran \(smoke: not judged\)|n\/a|failed: )/);
      expect(row.result, row.label).not.toMatch(/^(met|MISSED)$/);
    }
    for (const row of doc.rows) expect(run.stdout).toContain(row.label);
  }, 180_000);
});
