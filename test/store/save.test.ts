import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { emptyPostmortem } from '../../src/core/model.js';
import { parsePostmortemText } from '../../src/core/parse.js';
import { serializePostmortem } from '../../src/core/serialize.js';
import { HAND_EDITS_NOTE, modifyDocument, saveDocument } from '../../src/store/save.js';
import {
  EXAMPLE_ID,
  docPath,
  exampleDoc,
  filesIn,
  repoWithExample,
  workspaceFor,
} from './fixture.js';

const DOC = `postmortems/${EXAMPLE_ID}.md`;

describe('saveDocument', () => {
  it('writes and commits exactly the document with the given message', async () => {
    const repo = repoWithExample({ 'other.txt': 'a\n' });
    repo.write('other.txt', 'modified\n');
    const ws = workspaceFor(repo);
    const file = docPath(repo);
    const previous = readFileSync(file, 'utf8');
    const doc = exampleDoc({ title: 'A new title' });
    const result = await saveDocument(
      ws,
      file,
      doc,
      previous,
      `postmortem(${EXAMPLE_ID}): retitle`,
    );
    expect(result).toMatchObject({ path: DOC, committed: true });
    expect(result.handEdits).toBeUndefined();
    expect(readFileSync(file, 'utf8')).toBe(serializePostmortem(doc));
    expect(filesIn(repo)).toEqual([DOC]);
    expect(repo.git('log', '-1', '--format=%B').trim()).toBe(`postmortem(${EXAMPLE_ID}): retitle`);
    expect(repo.git('status', '--porcelain').trim()).toBe('M other.txt');
  });

  it('creates a new document and commits it', async () => {
    const repo = repoWithExample();
    const ws = workspaceFor(repo);
    const doc = emptyPostmortem({
      id: '2026-05-01-new',
      title: 'New',
      severity: 'SEV3',
      timezone: 'UTC',
      started_at: '2026-05-01T10:00:00Z',
    });
    const result = await saveDocument(
      ws,
      docPath(repo, doc.id),
      doc,
      null,
      'postmortem(2026-05-01-new): create',
    );
    expect(result.committed).toBe(true);
    expect(filesIn(repo)).toEqual(['postmortems/2026-05-01-new.md']);
  });

  it('keeps a title that looks like a git option as text, in the file and the message', async () => {
    const repo = repoWithExample();
    const ws = workspaceFor(repo);
    const file = docPath(repo);
    const title = '--upload-pack=touch pwned';
    const result = await saveDocument(
      ws,
      file,
      exampleDoc({ title }),
      readFileSync(file, 'utf8'),
      `postmortem(x): title ${title}`,
    );
    expect(result.committed).toBe(true);
    expect(parsePostmortemText(repo.git('show', `HEAD:${DOC}`), DOC).title).toBe(title);
    expect(repo.git('log', '-1', '--format=%s').trim()).toBe(`postmortem(x): title ${title}`);
    expect(repo.git('status', '--porcelain')).toBe('');
  });

  it('merges a change made on disk since the file was read into its own', async () => {
    const repo = repoWithExample();
    const ws = workspaceFor(repo);
    const file = docPath(repo);
    const previous = readFileSync(file, 'utf8');
    const edited = previous.replace(
      'Nothing restarted it automatically.',
      'Nothing restarted it automatically, and no alarm fired.',
    );
    repo.write(DOC, edited);
    const result = await saveDocument(
      ws,
      file,
      exampleDoc({ title: 'Changed meanwhile' }),
      previous,
      'postmortem(x): retitle',
    );
    expect(result).toMatchObject({ committed: true, merged: true, handEdits: true });
    const saved = parsePostmortemText(readFileSync(file, 'utf8'), DOC);
    expect(saved.title).toBe('Changed meanwhile');
    expect(saved.root_cause.description).toContain('and no alarm fired.');
  });

  it('never overwrites a file changed on disk in the same place, nor one that no longer parses', async () => {
    const repo = repoWithExample();
    const ws = workspaceFor(repo);
    const file = docPath(repo);
    const previous = readFileSync(file, 'utf8');
    const edited = previous.replace('title: App unavailable', 'title: The app was unavailable');
    repo.write(DOC, edited);
    await expect(saveDocument(ws, file, exampleDoc({ title: 'X' }), previous, 'm')).rejects.toThrow(
      `${DOC} changed on disk while postmortem was working, in the same place (title): not overwriting it`,
    );
    expect(readFileSync(file, 'utf8')).toBe(edited);
    const broken = previous.replace('severity: SEV1', 'severity: [SEV1');
    repo.write(DOC, broken);
    await expect(
      saveDocument(ws, file, exampleDoc({ summary: 'X' }), previous, 'm'),
    ).rejects.toThrow(/changed on disk while postmortem was working: not overwriting it/);
    expect(readFileSync(file, 'utf8')).toBe(broken);
    expect(repo.git('rev-list', '--count', 'HEAD').trim()).toBe('1');
  });

  it('keeps uncommitted hand edits the command read, and says so in the commit', async () => {
    const repo = repoWithExample();
    const ws = workspaceFor(repo);
    const file = docPath(repo);
    const handEdited = readFileSync(file, 'utf8').replace(
      'title: App unavailable',
      'title: The app was unavailable',
    );
    repo.write(DOC, handEdited);
    const result = await modifyDocument(ws, file, (stored) => ({
      doc: { ...stored.doc, severity: 'SEV2' },
      message: 'postmortem(x): severity SEV1 -> SEV2',
    }));
    expect(result).toMatchObject({ committed: true, handEdits: true });
    const committed = repo.git('show', `HEAD:${DOC}`);
    expect(committed).toContain('title: The app was unavailable');
    expect(committed).toContain('severity: SEV2');
    expect(repo.git('log', '-1', '--format=%B').trim()).toBe(
      `postmortem(x): severity SEV1 -> SEV2\n\n${HAND_EDITS_NOTE}`,
    );
  });

  it('does not commit when nothing changed', async () => {
    const repo = repoWithExample();
    const ws = workspaceFor(repo);
    const file = docPath(repo);
    const result = await saveDocument(ws, file, exampleDoc(), readFileSync(file, 'utf8'), 'm');
    expect(result.committed).toBe(false);
    expect(repo.git('rev-list', '--count', 'HEAD').trim()).toBe('1');
  });

  it('only writes when the config turns commits off', async () => {
    const repo = repoWithExample();
    const ws = workspaceFor(repo, { git: { commit: false, branch: false } });
    const file = docPath(repo);
    const result = await saveDocument(
      ws,
      file,
      exampleDoc({ title: 'Changed' }),
      readFileSync(file, 'utf8'),
      'm',
    );
    expect(result.committed).toBe(false);
    expect(repo.git('status', '--porcelain').trim()).toBe(`M ${DOC}`);
  });

  it('commits on the post-mortem’s own branch when the config asks, and refuses from another branch', async () => {
    const repo = repoWithExample();
    const ws = workspaceFor(repo, { git: { commit: true, branch: true } });
    const file = docPath(repo);
    const result = await saveDocument(
      ws,
      file,
      exampleDoc({ title: 'On a branch' }),
      readFileSync(file, 'utf8'),
      'm',
    );
    expect(result).toMatchObject({ committed: true, branch: `postmortem/${EXAMPLE_ID}` });
    expect(repo.git('branch', '--show-current').trim()).toBe(`postmortem/${EXAMPLE_ID}`);
    expect(repo.git('log', '-1', '--format=%s', 'main').trim()).toBe('initial');
    repo.git('switch', '-q', 'main');
    await expect(
      saveDocument(ws, file, exampleDoc({ title: 'Again' }), readFileSync(file, 'utf8'), 'm'),
    ).rejects.toThrow(
      `${EXAMPLE_ID} has its own branch, postmortem/${EXAMPLE_ID}, and you are on another one: not saving here`,
    );
    expect(repo.git('status', '--porcelain').trim()).toBe('');
  });
});

describe('modifyDocument', () => {
  it('lets concurrent changes of one document all land, one commit each', async () => {
    const repo = repoWithExample();
    const ws = workspaceFor(repo);
    const file = docPath(repo);
    const add = (n: number) =>
      modifyDocument(ws, file, (stored) => ({
        doc: {
          ...stored.doc,
          timeline: [
            ...stored.doc.timeline,
            { at: `2026-03-14T10:0${n}:00+11:00`, event: `Update ${n}`, internal: false },
          ],
        },
        message: `postmortem(x): add update ${n}`,
      }));
    await Promise.all([1, 2, 3, 4].map(add));
    const text = readFileSync(file, 'utf8');
    for (const n of [1, 2, 3, 4]) expect(text).toContain(`Update ${n}`);
    expect(repo.git('rev-list', '--count', 'HEAD').trim()).toBe('5');
    expect(repo.git('status', '--porcelain').trim()).toBe('');
  });

  it('leaves the document alone when the change returns nothing', async () => {
    const repo = repoWithExample();
    const result = await modifyDocument(workspaceFor(repo), docPath(repo), () => undefined);
    expect(result).toMatchObject({ unchanged: true });
  });
});
