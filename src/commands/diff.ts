// `postmortem diff <id> [REV_A] [REV_B]`: what changed, section by section, between two
// revisions of one post-mortem (default: the last commit against the working tree),
// following the file across renames.
import { readFileSync } from 'node:fs';
import { severityNames } from '../config/config.js';
import type { CommandContext, CommandResult } from '../context.js';
import type { Postmortem } from '../core/model.js';
import { parsePostmortemText } from '../core/parse.js';
import {
  diffPostmortems,
  type FieldChange,
  type SectionChange,
  type WordOp,
} from '../core/section-diff.js';
import { UserError } from '../errors.js';
import { resolveCommit } from '../store/git.js';
import { gitUserError } from '../store/git-run.js';
import { documentAt } from '../store/history.js';
import { openWorkspace } from '../workspace.js';

export interface DiffOptions {
  id: string;
  revA?: string | undefined;
  revB?: string | undefined;
  json?: boolean | undefined;
}

interface Side {
  /** The revision as given, or null for the working tree. */
  rev: string | null;
  commit: string | null;
  path: string | null;
  doc: Postmortem | undefined;
}

interface Paint {
  add: (s: string) => string;
  del: (s: string) => string;
  head: (s: string) => string;
}

async function sideAt(
  root: string,
  path: string,
  rev: string,
  severities: string[],
): Promise<Side> {
  let commit: string;
  let version: Awaited<ReturnType<typeof documentAt>>;
  try {
    commit = await resolveCommit(root, rev);
    version = await documentAt(root, path, commit);
  } catch (error) {
    // git missing from PATH, a lock or a repo git refuses: one line and the fix, no stack.
    throw gitUserError(error, 'could not read the history');
  }
  if (version === undefined) return { rev, commit, path: null, doc: undefined };
  return {
    rev,
    commit,
    path: version.path,
    doc: parsePostmortemText(version.text, `${version.path} at ${rev}`, { severities }),
  };
}

function workingTree(file: string, path: string, severities: string[]): Side {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return { rev: null, commit: null, path: null, doc: undefined };
  }
  return { rev: null, commit: null, path, doc: parsePostmortemText(text, path, { severities }) };
}

function show(value: unknown): string {
  if (value === null || value === undefined) return '(none)';
  if (Array.isArray(value)) return `[${value.map(show).join(', ')}]`;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

const fieldLine = (f: FieldChange): string => `${f.field}: ${show(f.before)} -> ${show(f.after)}`;

/** Long unchanged runs shortened to their ends, so a word diff shows the changes. */
function wordDiffText(words: WordOp[], paint: Paint): string {
  return words
    .map((w, i) => {
      if (w.op === 'delete') return paint.del(`[-${w.text}-]`);
      if (w.op === 'insert') return paint.add(`{+${w.text}+}`);
      const keep = 40;
      if (w.text.length <= keep * 2 + 5) return w.text;
      const head = i === 0 ? '' : w.text.slice(0, keep);
      const tail = i === words.length - 1 ? '' : w.text.slice(-keep);
      return `${head}…${tail}`;
    })
    .join('')
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}

function sectionText(change: SectionChange, paint: Paint): string[] {
  const lines = [paint.head(change.section)];
  switch (change.kind) {
    case 'fields':
      lines.push(...change.fields.map((f) => `  ${fieldLine(f)}`));
      break;
    case 'prose':
      lines.push(wordDiffText(change.words, paint));
      break;
    case 'list':
      lines.push(
        ...change.removed.map((item) => paint.del(`  - ${item}`)),
        ...change.added.map((item) => paint.add(`  + ${item}`)),
      );
      break;
    case 'timeline': {
      const entry = (e: { at: string; event: string; internal: boolean }): string =>
        `${e.at}${e.internal ? ' [internal]' : ''} ${e.event}`;
      lines.push(
        ...change.removed.map((e) => paint.del(`  - ${entry(e)}`)),
        ...change.added.map((e) => paint.add(`  + ${entry(e)}`)),
        ...change.changed.map((c) => `  ~ ${entry(c.after)}\n      was ${entry(c.before)}`),
      );
      break;
    }
    case 'actions':
      lines.push(
        ...change.removed.map((a) => paint.del(`  - ${a.id}: ${a.title}`)),
        ...change.added.map((a) => paint.add(`  + ${a.id}: ${a.title}`)),
        ...change.changed.map((c) => `  ~ ${c.id}: ${c.fields.map(fieldLine).join('; ')}`),
      );
      break;
  }
  return lines;
}

const label = (side: Side): string =>
  side.rev === null ? 'working tree' : `${side.rev} (${(side.commit ?? '').slice(0, 7)})`;

export async function runDiff(ctx: CommandContext, options: DiffOptions): CommandResult {
  const ws = openWorkspace(ctx);
  if (!ws.location.isGit) {
    throw new UserError(
      `${ws.location.root} is not inside a git repository: there is no history to compare`,
      {
        hint: 'run `postmortem init` to start one',
      },
    );
  }
  const root = ws.location.root;
  const file = ws.store.resolveRef(options.id, ctx.cwd);
  const path = ws.store.relativePath(file);
  const severities = severityNames(ws.config);
  const from = await sideAt(root, path, options.revA ?? 'HEAD', severities);
  const to =
    options.revB === undefined
      ? workingTree(file, path, severities)
      : await sideAt(root, path, options.revB, severities);
  if (from.doc === undefined && to.doc === undefined) {
    throw new UserError(`${path} is in neither ${label(from)} nor ${label(to)}`, {
      hint: 'see its revisions with `postmortem log <id>`',
    });
  }
  const changes = diffPostmortems(from.doc, to.doc);
  const id = to.doc?.id ?? from.doc?.id ?? options.id;

  if (options.json === true) {
    const end = (s: Side) => ({
      rev: s.rev,
      commit: s.commit,
      path: s.path,
      exists: s.doc !== undefined,
    });
    ctx.out.printJson({ id, from: end(from), to: end(to), changes });
    return;
  }
  const c = ctx.out.color;
  const paint: Paint = {
    add: (s) => (c ? `\u001b[32m${s}\u001b[39m` : s),
    del: (s) => (c ? `\u001b[31m${s}\u001b[39m` : s),
    head: (s) => (c ? `\u001b[1m${s}\u001b[22m` : s),
  };
  const out = [`${id}: ${label(from)} -> ${label(to)}`];
  if (from.path !== null && to.path !== null && from.path !== to.path)
    out.push(`renamed: ${from.path} -> ${to.path}`);
  if (from.doc === undefined) out.push(`(not in ${label(from)}: everything is new)`);
  if (to.doc === undefined) out.push(`(not in ${label(to)}: deleted)`);
  if (changes.length === 0) out.push('No changes.');
  for (const change of changes) out.push('', ...sectionText(change, paint));
  ctx.out.print(out.join('\n'));
}
