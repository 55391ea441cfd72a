// `postmortem status <id> <status>`: the review workflow, recorded in the file and in git.
// Moves go draft -> review -> approved -> published, and back to draft from anywhere;
// each target status must find the sections it requires, approval and publishing also a
// clean lint. Approval records the reviewer and the time, publishing the time.
import { severityNames, type Config } from '../config/config.js';
import type { CommandContext, CommandResult } from '../context.js';
import type { Finding } from '../core/lint/index.js';
import { STATUSES, type Postmortem, type Status } from '../core/model.js';
import type { LineMap } from '../core/safe-yaml.js';
import { toIsoInZone } from '../core/time.js';
import { allowedMoves, canMove, apologySeveritiesOf, requiredForStatus } from '../core/workflow.js';
import { UsageError, UserError } from '../errors.js';
import { gitIdentity } from '../store/git.js';
import { assertReadyToWrite } from '../store/preflight.js';
import { modifyDocument, type DocumentChange } from '../store/save.js';
import { openWorkspace } from '../workspace.js';
import { commitMessage } from './common.js';

export interface StatusOptions {
  id: string;
  status: string;
  reviewer?: string | undefined;
}

type LintCheck = (doc: Postmortem, lines: LineMap, file: string) => Finding[];

/** Every error-level lint finding but required-sections, which the workflow reports itself. */
async function lintCheck(config: Config): Promise<LintCheck> {
  const [{ lintDocument, lintSettings, resolveLevels }, { leakCheck }] = await Promise.all([
    import('../core/lint/index.js'),
    import('./lint-files.js'),
  ]);
  const { levels } = resolveLevels(config.lint.rules);
  const findLeaks = levels['public-leak'] === 'off' ? undefined : await leakCheck(config);
  const settings = lintSettings(config.lint, findLeaks, severityNames(config));
  return (doc, lines, file) =>
    lintDocument({ doc, lines, file }, levels, settings).filter(
      (f) => f.severity === 'error' && f.rule !== 'required-sections',
    );
}

function checkReviewer(reviewer: string): string {
  const name = reviewer.trim();
  if (name === '' || name.length > 200 || /[\n\r\t\0]/.test(name)) {
    throw new UsageError(
      '--reviewer must be one line of text, like "Priya Natarajan <priya@example.com>"',
    );
  }
  return name;
}

function moveTo(
  doc: Postmortem,
  target: Status,
  stamp: string,
  reviewer: string | undefined,
): Postmortem {
  const next: Postmortem = { ...doc, status: target };
  if (target === 'draft') {
    // Approval was of an earlier version: it no longer holds. git log keeps the record.
    next.reviewers = [];
    delete next.approved_at;
    delete next.published_at;
  }
  if (target === 'approved' && reviewer !== undefined) {
    next.reviewers = doc.reviewers.includes(reviewer)
      ? doc.reviewers
      : [...doc.reviewers, reviewer];
    next.approved_at = stamp;
  }
  if (target === 'published') next.published_at = stamp;
  return next;
}

export async function runStatus(ctx: CommandContext, options: StatusOptions): CommandResult {
  const target = options.status as Status;
  if (!STATUSES.includes(target)) {
    throw new UsageError(
      `"${options.status}" is not a status`,
      `use one of ${STATUSES.join(', ')}`,
    );
  }
  const ws = openWorkspace(ctx, { write: true });
  const root = ws.location.root;
  const file = ws.store.resolveRef(options.id, ctx.cwd);
  await assertReadyToWrite(root, { commit: ws.config.git.commit });
  let reviewer: string | undefined;
  if (target === 'approved') {
    reviewer =
      options.reviewer !== undefined ? checkReviewer(options.reviewer) : await gitIdentity(root);
    if (reviewer === undefined) {
      throw new UserError('who approves? git does not know who you are', {
        hint: 'pass --reviewer "Name <email>"',
      });
    }
  }
  const lint =
    target === 'approved' || target === 'published' ? await lintCheck(ws.config) : undefined;

  const result = await modifyDocument(ws, file, (stored): DocumentChange | undefined => {
    const doc = stored.doc;
    const from = doc.status;
    const id = doc.id;
    const secondApproval =
      from === 'approved' &&
      target === 'approved' &&
      reviewer !== undefined &&
      !doc.reviewers.includes(reviewer);
    if (from === target && !secondApproval) return undefined;
    if (from !== target && !canMove(from, target)) {
      throw new UserError(`${id} is ${from}: it cannot move to ${target}`, {
        hint: `from ${from} it can move to ${allowedMoves(from).join(' or ')}`,
      });
    }
    const missing = requiredForStatus(doc, target, apologySeveritiesOf(severityNames(ws.config)));
    if (missing.length > 0) {
      throw new UserError(`${id} cannot move to ${target}: it still needs ${missing.join(', ')}`, {
        hint: `write ${missing.length === 1 ? 'it' : 'them'} with \`postmortem edit ${id}\`, then run this again`,
      });
    }
    const next = moveTo(doc, target, toIsoInZone(ctx.now().getTime(), doc.timezone), reviewer);
    const errors = lint?.(next, stored.lines, stored.path) ?? [];
    if (errors.length > 0) {
      const shown = errors.slice(0, 3).map((f) => `${f.file}:${f.line}: ${f.message}`);
      throw new UserError(
        `${id} cannot move to ${target}: lint finds ${errors.length} error${errors.length === 1 ? '' : 's'} (${shown.join('; ')}${errors.length > 3 ? '; ...' : ''})`,
        { hint: `see them all with \`postmortem lint ${id}\`, fix them, then run this again` },
      );
    }
    const by = target === 'approved' ? ` by ${reviewer ?? ''}` : '';
    const move = from === target ? `also approved${by}` : `status ${from} -> ${target}${by}`;
    return { doc: next, message: commitMessage(id, move) };
  });

  const id = result.before.doc.id;
  const from = result.before.doc.status;
  if ('unchanged' in result) {
    ctx.out.print(`${id} is already ${target}: nothing changed.`);
    return;
  }
  if (result.handEdits)
    ctx.out.info(`Kept your uncommitted edits to ${result.path}; they are part of this commit.`);
  const detail =
    target === 'approved'
      ? ` (reviewer: ${reviewer ?? ''})`
      : from !== 'draft' && target === 'draft'
        ? ' (approval cleared)'
        : '';
  const where = result.committed
    ? `; committed ${result.commit ?? ''}${result.branch ? ` on ${result.branch}` : ''}`
    : '';
  ctx.out.print(`${id}: ${from} -> ${target}${detail}${where}`);
}
