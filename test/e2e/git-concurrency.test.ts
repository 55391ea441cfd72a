// Several processes writing one post-mortem at once: every write either lands whole, in
// its own commit, or fails with a clear message; no entry is lost, no file is corrupt.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parsePostmortemText } from '../../src/core/parse.js';
import { runCli } from '../helpers/cli.js';
import { makeTempRepo } from '../helpers/repo.js';

const ID = '2026-03-14-app-server-outage';
const PATH = `postmortems/${ID}.md`;
const EXAMPLE = readFileSync(new URL(`../../examples/${ID}.md`, import.meta.url), 'utf8');
const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));

// A writer process: read-change-save one timeline entry through the store, as a command would.
const WRITER = `
const [root, n] = process.argv.slice(2);
const { openWorkspace } = await import(${JSON.stringify(join(DIST, 'workspace.js'))});
const { modifyDocument } = await import(${JSON.stringify(join(DIST, 'store/save.js'))});
const ctx = { cwd: root, repo: undefined, env: process.env, now: () => new Date(), stdinIsTTY: false };
const ws = openWorkspace(ctx, { write: true });
await modifyDocument(ws, ws.store.fileFor(${JSON.stringify(ID)}), (stored) => ({
  doc: { ...stored.doc, timeline: [...stored.doc.timeline, { at: '2026-03-14T12:00:00+11:00', event: 'Writer ' + n, internal: true }] },
  message: 'postmortem(${ID}): add timeline entry ' + n,
}));
`;

function runWriter(
  root: string,
  env: NodeJS.ProcessEnv,
  script: string,
  n: number,
): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, root, String(n)], { env, stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', resolve);
  });
}

describe('concurrent writers', () => {
  it('queue on the write lock: every entry of six processes lands, one commit each', async () => {
    const repo = makeTempRepo({ [PATH]: EXAMPLE });
    const script = join(repo.root, '..', 'writer.mjs');
    writeFileSync(script, WRITER);
    const codes = await Promise.all(
      [1, 2, 3, 4, 5, 6].map((n) => runWriter(repo.root, repo.env, script, n)),
    );
    expect(codes).toEqual([0, 0, 0, 0, 0, 0]);
    const doc = parsePostmortemText(readFileSync(join(repo.root, PATH), 'utf8'), PATH);
    expect(
      doc.timeline
        .filter((e) => e.event.startsWith('Writer '))
        .map((e) => e.event)
        .sort(),
    ).toEqual([1, 2, 3, 4, 5, 6].map((n) => `Writer ${n}`));
    expect(Number(repo.git('rev-list', '--count', 'HEAD').trim())).toBe(7);
    expect(repo.git('status', '--porcelain')).toBe('');
  });

  it('never lose an update: concurrent `update` commands all land, merged one after the other', async () => {
    const repo = makeTempRepo({ [PATH]: EXAMPLE.replace('status: published', 'status: draft') });
    const results = await Promise.all(
      [1, 2, 3, 4].map((n) =>
        runCli(['update', ID, `Update number ${n}`, '--internal'], {
          cwd: repo.root,
          env: { ...repo.env, POSTMORTEM_NOW: '2026-03-14T01:00:00Z' },
        }),
      ),
    );
    const doc = parsePostmortemText(readFileSync(join(repo.root, PATH), 'utf8'), PATH);
    const committed = repo.git('show', `HEAD:${PATH}`);
    results.forEach((result, i) => {
      const event = `Update number ${i + 1}`;
      if (result.code === 0) {
        expect(doc.timeline.map((e) => e.event)).toContain(event);
        expect(committed).toContain(event);
      } else {
        expect(result.code).toBe(1);
        expect(result.stderr.trim().split('\n')[0]).toMatch(
          /^postmortem: .*(changed on disk while postmortem was working|another)/,
        );
        expect(doc.timeline.map((e) => e.event)).not.toContain(event);
      }
    });
    expect(results.map((r) => r.code)).toEqual([0, 0, 0, 0]);
    expect(Number(repo.git('rev-list', '--count', 'HEAD').trim())).toBe(
      1 + results.filter((r) => r.code === 0).length,
    );
    expect(repo.git('status', '--porcelain')).toBe('');
  });
});
