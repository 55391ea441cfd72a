// Keeps bench/tools/warm-floor.js working: it publishes a repository's documents pass after
// pass in one process and reports each pass. No timing is asserted, only that every
// document went through publish (a broken one is counted as failed) and nothing is left.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { makeTempDir, makeTempRepo } from '../helpers/repo.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const EXAMPLES = join(ROOT, 'examples');

function exampleRepo(): string {
  const files: Record<string, string> = {};
  for (const name of readdirSync(EXAMPLES).filter((n) => n.endsWith('.md')))
    files[`postmortems/${name}`] = readFileSync(join(EXAMPLES, name), 'utf8');
  // One document that cannot be read: the tool must count it, not stop.
  files['postmortems/2026-01-01-broken.md'] = '---\nid: 2026-01-01-broken\nseverity: [\n---\n';
  return makeTempRepo(files).root;
}

describe('bench/tools/warm-floor.js', () => {
  it('publishes every document once a pass and reports each pass', () => {
    const repo = exampleRepo();
    const out = join(makeTempDir(), 'floor');
    const run = spawnSync(
      process.execPath,
      ['bench/tools/warm-floor.js', repo, '--passes', '3', '--out', out],
      { cwd: ROOT, encoding: 'utf8', timeout: 60_000 },
    );
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    lines.forEach((line, i) =>
      expect(line).toMatch(
        new RegExp(
          `^pass ${i + 1}: 4 documents \\(1 failed\\), wall \\d+ ms, CPU \\d+ ms, \\d+\\.\\d{3} ms of CPU a document$`,
        ),
      ),
    );
    // Each pass writes into a folder of its own and removes it.
    expect(existsSync(out)).toBe(true);
    expect(readdirSync(out)).toEqual([]);
  });

  it('refuses a call without a repository', () => {
    const run = spawnSync(process.execPath, ['bench/tools/warm-floor.js'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('usage: node bench/tools/warm-floor.js <repo>');
  });
});
