// Keeps the benchmark working: a smoke run (20 documents, one run each, nothing judged)
// must finish and write valid JSON with every row. No timing is asserted here.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
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
  profile?: {
    dir: string;
    threads: number;
    total_ms: number;
    parts: { name: string; ms: number; share: number }[];
    functions: { name: string; ms: number }[];
  };
}

describe('npm run bench -- --smoke', () => {
  const dir = mkdtempSync(join(tmpdir(), 'postmortem-bench-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs every row, profiles the rows asked for and writes the figures as JSON', () => {
    const file = join(dir, 'results.json');
    // Its own output folder: a smoke run never touches the repositories of a real run.
    const args = ['bench/run.js', '--smoke', '--json', file, '--profile', 'render-throughput'];
    const run = spawnSync(process.execPath, args, {
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
    // Nothing is judged in a smoke run, and every row ran: the tool, its snapshot (outside
    // the project here) and the yardsticks all work.
    for (const row of doc.rows) expect(row.result, row.label).toBe('ran (smoke: not judged)');
    for (const row of doc.rows) expect(run.stdout).toContain(row.label);

    // --profile: that row ran once more under the profiler, and the bench says where its
    // time went, by part (our modules and the libraries apart) and by function.
    const profiled = doc.rows.filter((r) => r.profile);
    expect(profiled.map((r) => r.id)).toEqual(['render-throughput']);
    const profile = profiled[0]?.profile;
    expect(profile?.threads).toBe(1);
    expect(profile?.total_ms).toBeGreaterThan(0);
    const parts = profile?.parts.map((p) => p.name) ?? [];
    expect(parts).toContain('pkg marked');
    expect(parts.some((name) => /^dist\/(render|core)\//.test(name))).toBe(true);
    expect(profile?.functions.length).toBeGreaterThan(0);
    expect(readdirSync(profile?.dir ?? '').filter((n) => n.endsWith('.cpuprofile'))).toHaveLength(
      1,
    );
    expect(run.stdout).toContain('Where the time goes: render throughput');
  }, 180_000);
});
