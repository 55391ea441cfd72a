// `postmortem new`: the interview, an answers file (--answers), or a document started
// now during an incident (--quick). Cheap checks run before the first question.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultTimezone, severityNames, type Config } from '../config/config.js';
import type { CommandContext, CommandResult } from '../context.js';
import { newDraft, type InterviewDraft } from '../core/drafts-model.js';
import { emptyPostmortem, type Postmortem } from '../core/model.js';
import { DocumentError, type Problem } from '../core/problems.js';
import { parseSafeYaml } from '../core/safe-yaml.js';
import { defaultId, ID_RULE, isValidId } from '../core/slug.js';
import { decodeText } from '../core/text.js';
import { dateInZone, parseIsoTime } from '../core/time.js';
import { validatePostmortem } from '../core/validate.js';
import { UsageError, UserError } from '../errors.js';
import type { Prompter } from '../interview/prompter.js';
import { sortTimeline } from '../core/timeline.js';
import { DraftStore } from '../store/drafts.js';
import { assertReadyToWrite } from '../store/preflight.js';
import { saveDocument } from '../store/save.js';
import { openWorkspace, type Workspace } from '../workspace.js';
import {
  assertInteractive,
  commitMessage,
  gitAuthor,
  interviewDraft,
  terminalPrompter,
  thisMinute,
} from './common.js';

export interface NewOptions {
  answers?: string;
  quick?: string;
  resume?: boolean;
  id?: string;
  json?: boolean;
}

/** The severity the interview preselects, used too when an answers file leaves it out. */
export function defaultSeverity(config: Config): string {
  const names = severityNames(config);
  return names.includes('SEV2') ? 'SEV2' : (names[0] ?? 'SEV2');
}

interface Saved {
  id: string;
  path: string;
  committed: boolean;
}

/** Write (and commit) a post-mortem that has no file yet. */
async function saveNew(ws: Workspace, doc: Postmortem): Promise<Saved> {
  const saved = await saveDocument(
    ws,
    ws.store.fileFor(doc.id),
    doc,
    null,
    commitMessage(doc.id, 'start post-mortem'),
  );
  return { id: doc.id, path: saved.path, committed: saved.committed };
}

function report(ctx: CommandContext, json: boolean | undefined, result: Saved): void {
  if (json) ctx.out.printJson(result);
  else ctx.out.print(`${result.committed ? 'Wrote and committed' : 'Wrote'} ${result.path}`);
}

function checkId(id: string | undefined): void {
  if (id !== undefined && !isValidId(id))
    throw new UsageError(
      `--id "${id}" is not a valid id: ${ID_RULE}`,
      'for example --id 2026-11-24-api-outage',
    );
}

// ---------- --answers ----------

const KEY_ORDER = [
  ['started_at', 'detected_at', 'the start'],
  ['detected_at', 'mitigated_at', 'detection'],
  ['mitigated_at', 'resolved_at', 'mitigation'],
] as const;

/** Detected before started and the like: refused, as the interview refuses them. */
function chronologyProblems(doc: Postmortem, lines: Map<string, number>): Problem[] {
  const problems: Problem[] = [];
  for (const [earlier, later, label] of KEY_ORDER) {
    const a = doc[earlier];
    const b = doc[later];
    const floor = a === undefined ? undefined : parseIsoTime(a);
    const value = b === undefined ? undefined : parseIsoTime(b);
    if (floor !== undefined && value !== undefined && value < floor) {
      const line = lines.get(later);
      problems.push({
        ...(line === undefined ? {} : { line }),
        message: `${later} ${b} is before ${label} (${earlier} ${a}): it cannot be`,
      });
    }
  }
  return problems;
}

export interface AnswersDefaults {
  config: Config;
  id?: string | undefined;
  author?: string | undefined;
}

/** An answers file's text -> the document the interview would have written; every problem at once. */
function documentFromAnswers(text: string, file: string, defaults: AnswersDefaults): Postmortem {
  const parsed = parseSafeYaml(text, { numericPaths: new Set(['impact.customers_affected']) });
  if (parsed.problems.length > 0) throw new DocumentError(file, parsed.problems);
  const result = validatePostmortem(parsed.value, parsed.lines, {
    severities: severityNames(defaults.config),
    allowMissing: ['id', 'timezone', 'severity'],
  });
  const doc = result.doc;
  const problems = [...result.problems, ...(doc ? chronologyProblems(doc, parsed.lines) : [])];
  if (problems.length > 0 || !doc)
    throw new DocumentError(
      file,
      problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)),
    );
  if (doc.timezone === '') doc.timezone = defaultTimezone(defaults.config);
  if (doc.severity === '') doc.severity = defaultSeverity(defaults.config);
  if (doc.authors.length === 0 && defaults.author !== undefined) doc.authors = [defaults.author];
  if (defaults.id !== undefined) doc.id = defaults.id;
  if (doc.id === '') doc.id = defaultId(dateInZone(doc.started_at, doc.timezone), doc.title);
  doc.timeline = sortTimeline(doc.timeline);
  return doc;
}

function readAnswersFile(ctx: CommandContext, path: string): { text: string; shown: string } {
  const file = resolve(ctx.cwd, path);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(
      `cannot read the answers file ${path}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
      { exitCode: 2 },
    );
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) throw new DocumentError(path, [decoded.problem]);
  return { text: decoded.value.text, shown: path };
}

async function newFromAnswers(
  ctx: CommandContext,
  ws: Workspace,
  options: NewOptions,
): Promise<number> {
  const { text, shown } = readAnswersFile(ctx, options.answers!);
  const doc = documentFromAnswers(text, shown, {
    config: ws.config,
    id: options.id,
    author: await gitAuthor(ws.location.root),
  });
  refuseExisting(
    ws,
    doc.id,
    `--answers ${options.answers!}`,
    `change it with \`postmortem edit ${doc.id}\``,
  );
  report(ctx, options.json, await saveNew(ws, doc));
  return 0;
}

/** A second incident with the same title on the same day: say which flag gives it its own id. */
function refuseExisting(ws: Workspace, id: string, how: string, same: string): void {
  if (!ws.store.exists(ws.store.fileFor(id))) return;
  // The first free `<id>-N`, cut to stay within the 81 characters an id may have.
  const numbered = (n: number): string =>
    `${id.slice(0, 80 - String(n).length).replace(/-+$/, '')}-${n}`;
  let n = 2;
  while (ws.store.exists(ws.store.fileFor(numbered(n)))) n++;
  const other = numbered(n);
  throw new UserError(
    `${ws.store.relativePath(ws.store.fileFor(id))} already exists: not overwriting it`,
    {
      hint: `if it is the same incident, ${same}; if not, run \`postmortem new ${how} --id ${other}\``,
    },
  );
}

// ---------- --quick ----------

async function newQuick(ctx: CommandContext, ws: Workspace, options: NewOptions): Promise<number> {
  const title = (options.quick ?? '').trim();
  if (title === '' || title.includes('\n'))
    throw new UsageError(
      '--quick needs a title on one line',
      'postmortem new --quick "Checkout failing for EU customers"',
    );
  const zone = defaultTimezone(ws.config);
  const started = thisMinute(ctx.now(), zone);
  const id = options.id ?? defaultId(dateInZone(started, zone), title);
  const doc = emptyPostmortem({
    id,
    title,
    severity: defaultSeverity(ws.config),
    timezone: zone,
    started_at: started,
  });
  refuseExisting(
    ws,
    id,
    `--quick ${JSON.stringify(title)}`,
    `add to it with \`postmortem update ${id} "text"\``,
  );
  const author = await gitAuthor(ws.location.root);
  if (author !== undefined) doc.authors = [author];
  report(ctx, options.json, await saveNew(ws, doc));
  if (!options.json)
    ctx.out.info(
      `Next: postmortem update ${id} "What customers should know" --state investigating`,
    );
  return 0;
}

// ---------- the interview ----------

function compactTime(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15).toLowerCase();
}

async function chooseDraft(
  ctx: CommandContext,
  drafts: DraftStore,
  prompter: Prompter,
  options: NewOptions,
): Promise<InterviewDraft> {
  const pending = drafts.list().filter((d) => d.kind === 'new');
  const describe = (d: InterviewDraft): string =>
    `${d.doc.title || '(untitled)'}, started ${d.created_at.slice(0, 16).replace('T', ' ')}, ${d.done.length}/${d.sections.length} sections answered`;
  if (options.resume && pending.length === 0)
    throw new UserError('there is no unfinished interview to resume', {
      hint: 'start one with `postmortem new`',
    });
  if (pending.length > 0) {
    const resume =
      options.resume === true ||
      (await prompter.confirm({
        id: 'resume',
        message: `An unfinished post-mortem is waiting: ${describe(pending[pending.length - 1]!)}. Resume it?`,
        default: true,
      }));
    if (resume) {
      if (pending.length === 1) return pending[0]!;
      const key = await prompter.select({
        id: 'resume-which',
        message: 'Which one?',
        choices: pending.map((d) => ({ value: d.key, name: describe(d) })),
        default: pending[pending.length - 1]!.key,
      });
      return pending.find((d) => d.key === key)!;
    }
  }
  const draft = newDraft(`new-${compactTime(ctx.now())}`, ctx.now().toISOString());
  if (options.id !== undefined) draft.fixed_id = options.id;
  return draft;
}

async function freeId(ws: Workspace, prompter: Prompter, doc: Postmortem): Promise<void> {
  while (ws.store.exists(ws.store.fileFor(doc.id))) {
    prompter.say(`${ws.store.relativePath(ws.store.fileFor(doc.id))} already exists.`);
    doc.id = (
      await prompter.text({
        id: 'id',
        message: 'Another id for this post-mortem',
        required: true,
        validate: (v) => (isValidId(v.trim()) ? true : `not a valid id: ${ID_RULE}`),
      })
    ).trim();
  }
}

async function interview(ctx: CommandContext, ws: Workspace, options: NewOptions): Promise<number> {
  const drafts = new DraftStore(ws.location.root);
  const prompter = await terminalPrompter(ctx);
  const draft = await chooseDraft(ctx, drafts, prompter, options);
  // Nothing worth keeping before the first answer (the title).
  const saveDraft = (d: InterviewDraft): void => {
    if (d.doc.title !== '') drafts.save(d);
  };
  const finished = await interviewDraft(ctx, ws, {
    prompter,
    drafts,
    draft,
    saveDraft,
    continueWith: 'postmortem new --resume',
    keptNote: 'Every answer so far is kept in a draft',
    finish: () => freeId(ws, prompter, draft.doc),
  });
  if (!finished) return 0;
  const saved = await saveNew(ws, draft.doc);
  drafts.remove(draft.key);
  report(ctx, options.json, saved);
  return 0;
}

export async function runNew(
  ctx: CommandContext,
  rawOptions: Record<string, unknown>,
): CommandResult {
  const options = rawOptions as NewOptions;
  const modes = [
    options.answers !== undefined,
    options.quick !== undefined,
    options.resume === true,
  ].filter(Boolean).length;
  if (modes > 1)
    throw new UsageError(
      '--answers, --quick and --resume cannot be combined',
      'choose one of them',
    );
  checkId(options.id);
  const ws = openWorkspace(ctx, { write: true });
  if (options.answers === undefined && options.quick === undefined) {
    assertInteractive(
      ctx,
      '`postmortem new`',
      'run it without a terminal as `postmortem new --answers FILE` (YAML or JSON), or start one with `postmortem new --quick "title"`',
    );
  }
  await assertReadyToWrite(ws.location.root);
  if (options.answers !== undefined) return newFromAnswers(ctx, ws, options);
  if (options.quick !== undefined) return newQuick(ctx, ws, options);
  return interview(ctx, ws, options);
}
