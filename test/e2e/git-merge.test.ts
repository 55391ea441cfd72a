// Two authors edit different sections of one post-mortem on two branches; git merges the
// files the tool wrote without a conflict, and the result is a valid document.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Postmortem } from '../../src/core/model.js';
import { parsePostmortemText } from '../../src/core/parse.js';
import { serializePostmortem } from '../../src/core/serialize.js';
import { runCli } from '../helpers/cli.js';
import { makeTempRepo, type TempRepo } from '../helpers/repo.js';

const ID = '2026-03-14-app-server-outage';
const PATH = `postmortems/${ID}.md`;
const BASE: Postmortem = (() => {
  const doc = parsePostmortemText(
    readFileSync(new URL(`../../examples/${ID}.md`, import.meta.url), 'utf8'),
    'x',
  );
  const draft: Postmortem = { ...doc, status: 'draft', reviewers: [] };
  delete draft.approved_at;
  delete draft.published_at;
  return draft;
})();

const read = (repo: TempRepo): Postmortem =>
  parsePostmortemText(readFileSync(join(repo.root, PATH), 'utf8'), PATH);

function commitAs(repo: TempRepo, who: string, doc: Postmortem, message: string): void {
  repo.write(PATH, serializePostmortem(doc));
  repo.git(
    '-c',
    `user.name=${who}`,
    '-c',
    `user.email=${who.toLowerCase()}@example.com`,
    'commit',
    '--quiet',
    '-am',
    message,
  );
}

describe('two authors on two branches', () => {
  it('merge edits of different sections without a conflict', () => {
    const repo = makeTempRepo({ [PATH]: serializePostmortem(BASE) });
    repo.git('switch', '-q', '-c', 'alice');
    const alice = structuredClone(BASE);
    alice.timeline.push({
      at: '2026-03-14T11:00:00+11:00',
      event: 'Credits applied to every paid account',
      internal: false,
    });
    alice.action_items = alice.action_items.map((a) =>
      a.id === 'AI-3' ? { ...a, status: 'in_progress', owner: 'reports-team' } : a,
    );
    alice.impact.customers_affected = 'all customers, 1,412 companies';
    commitAs(repo, 'Alice', alice, 'Alice: timeline, AI-3, impact');

    repo.git('switch', '-q', 'main');
    repo.git('switch', '-q', '-c', 'bob');
    const bob = structuredClone(BASE);
    bob.apology = `${bob.apology ?? ''}\n\nIf you were billed for the outage window, reply to our email and we will refund it.`;
    bob.lessons.went_well.push('Support answered every ticket within the hour.');
    bob.root_cause.contributing_factors.push('Memory alerts went to an unmonitored channel.');
    bob.services = [...bob.services, 'exports'];
    commitAs(repo, 'Bob', bob, 'Bob: apology, lessons, contributing factors, services');

    repo.git('switch', '-q', 'alice');
    repo.git('merge', '--quiet', '--no-edit', 'bob');
    expect(repo.git('status', '--porcelain')).toBe('');
    const merged = read(repo);
    expect(merged.timeline.at(-1)?.event).toBe('Credits applied to every paid account');
    expect(merged.action_items.find((a) => a.id === 'AI-3')).toMatchObject({
      status: 'in_progress',
      owner: 'reports-team',
    });
    expect(merged.impact.customers_affected).toBe('all customers, 1,412 companies');
    expect(merged.apology).toContain('we will refund it');
    expect(merged.lessons.went_well).toContain('Support answered every ticket within the hour.');
    expect(merged.root_cause.contributing_factors).toContain(
      'Memory alerts went to an unmonitored channel.',
    );
    expect(merged.services).toEqual(['app', 'api', 'exports']);
    // The merged file is exactly what the tool would write: nothing to reformat.
    expect(readFileSync(join(repo.root, PATH), 'utf8')).toBe(serializePostmortem(merged));
  });

  it('merge a status change made by the CLI with a timeline entry added elsewhere', async () => {
    const repo = makeTempRepo({ [PATH]: serializePostmortem(BASE) });
    repo.git('switch', '-q', '-c', 'reviewer');
    const moved = await runCli(['status', ID, 'review'], { cwd: repo.root, env: repo.env });
    expect(moved.code).toBe(0);
    repo.git('switch', '-q', 'main');
    const author = structuredClone(BASE);
    author.timeline.push({
      at: '2026-03-14T11:00:00+11:00',
      event: 'Post-incident review scheduled',
      internal: true,
    });
    commitAs(repo, 'Author', author, 'Add a timeline entry');
    repo.git('merge', '--quiet', '--no-edit', 'reviewer');
    const merged = read(repo);
    expect(merged.status).toBe('review');
    expect(merged.timeline.at(-1)).toEqual({
      at: '2026-03-14T11:00:00+11:00',
      event: 'Post-incident review scheduled',
      internal: true,
    });
  });
});
