// `postmortem publish --out DIR` and `publish --check DIR`. The work itself (see
// render/publish-run.ts) runs in a worker thread whose heap has a ceiling, so a publish of
// thousands of documents stays within a small, fixed amount of memory.
import { availableParallelism } from 'node:os';
import { relative, resolve, sep } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CommandContext, CommandResult } from '../context.js';
import { UsageError } from '../errors.js';
import type { PublishJob, PublishMessage } from '../render/publish-worker.js';
import { PUBLISH_WORKER_URL } from '../render/worker-urls.js';
import { refuseLinkedComponents } from '../store/atomic.js';

/**
 * The worker's heap ceiling. V8 lets a heap grow to several times what it holds before it
 * collects; with a ceiling it collects instead. At its largest (the index of 10,000
 * documents being made) the worker holds 45-60 MB: 64 MB ran out now and then when a
 * render worker shared the work, 80 did not (and costs no more memory in practice: the
 * heap is collected long before the ceiling). A small young generation keeps the
 * scavenger's two halves from costing more than they save. Measured on 10,000 documents
 * (the records kept on disk during the walk, see render/publish-spill.ts): --jobs 1 peaks
 * at ~128 MiB RSS, --jobs 2 at 131-139 MiB; a ceiling of 64 gained nothing measurable.
 */
const LIMITS = { maxOldGenerationSizeMb: 80, maxYoungGenerationSizeMb: 4 };

type Outcome = { code: number } | { error: Error } | { outOfMemory: true };

function runWorker(ctx: CommandContext, job: PublishJob, limited: boolean): Promise<Outcome> {
  return new Promise((done) => {
    let settled: Outcome | undefined;
    const worker = new Worker(PUBLISH_WORKER_URL, {
      workerData: job,
      ...(limited ? { resourceLimits: LIMITS } : {}),
    });
    worker.on('message', (m: PublishMessage) => {
      if (m.kind === 'print') ctx.out.print(m.text);
      else if (m.kind === 'info') ctx.out.info(m.text);
      else if (m.kind === 'raw') process.stderr.write(m.text);
      else if (m.kind === 'done') settled = { code: m.code };
      else if (m.kind === 'error') {
        const error = Object.assign(new Error(m.message), {
          name: m.name,
          hint: m.hint,
          exitCode: m.exitCode,
        });
        if (m.stack !== undefined) error.stack = m.stack;
        settled = { error };
      }
    });
    worker.on('error', (error: Error & { code?: string }) => {
      settled ??=
        error.code === 'ERR_WORKER_OUT_OF_MEMORY' && limited ? { outOfMemory: true } : { error };
    });
    worker.on('exit', (exitCode) => {
      done(
        settled ?? { error: new Error(`the publish worker stopped with exit code ${exitCode}`) },
      );
    });
  });
}

const MAX_JOBS = 64;

/** --jobs: a whole number of threads; by default one a core, at most 4. */
function jobsOption(value: unknown): number {
  if (value === undefined) return Math.min(4, availableParallelism());
  const text = typeof value === 'string' ? value : '';
  const jobs = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(jobs >= 1 && jobs <= MAX_JOBS))
    throw new UsageError(
      `--jobs takes a whole number from 1 to ${MAX_JOBS}, not "${text}"`,
      'postmortem publish --out site --jobs 2',
    );
  return jobs;
}

export async function runPublish(
  ctx: CommandContext,
  options: { out?: unknown; check?: unknown; jobs?: unknown },
): CommandResult {
  const out = typeof options.out === 'string' ? options.out : undefined;
  const checkDir = typeof options.check === 'string' ? options.check : undefined;
  if ((out === undefined) === (checkDir === undefined)) {
    throw new UsageError(
      'give exactly one of --out DIR or --check DIR',
      'postmortem publish --out site',
    );
  }
  const jobs = jobsOption(options.jobs);
  const target = out ?? checkDir ?? '';
  const dir = resolve(ctx.cwd, target);
  const display = relative(ctx.cwd, dir).split(sep).join('/') || '.';
  refuseLinkedComponents(ctx.cwd, dir, display);
  const job: PublishJob = {
    mode: out !== undefined ? 'out' : 'check',
    dir,
    display,
    cwd: ctx.cwd,
    repo: ctx.repo,
    color: ctx.out.color,
    json: ctx.out.json,
    progress: out !== undefined && process.stderr.isTTY === true && !ctx.out.json,
    jobs,
  };
  let outcome = await runWorker(ctx, job, true);
  if ('outOfMemory' in outcome) {
    // Never a silent crash: say so, and do it again without the ceiling. Publish is
    // idempotent, so starting over writes the same bytes.
    ctx.out.info(
      `publish needed more than ${LIMITS.maxOldGenerationSizeMb} MB of heap: publishing again without that limit (this run uses more memory)`,
    );
    outcome = await runWorker(ctx, job, false);
  }
  if ('error' in outcome) throw outcome.error;
  if ('outOfMemory' in outcome) throw new Error('the publish worker ran out of memory');
  return outcome.code;
}
