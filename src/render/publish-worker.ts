// The publish worker: the whole of `publish --out` / `publish --check` runs here, in a
// heap with a fixed ceiling. V8 lets a heap grow to several times what it holds before it
// collects, so a publish of 10,000 documents in the main thread kept hundreds of MB it did
// not need; with a ceiling it collects instead. Output lines go back to the main thread.
import { parentPort, workerData } from 'node:worker_threads';
import type { CommandContext } from '../context.js';
import { runPublishIn } from './publish-run.js';

export interface PublishJob {
  mode: 'out' | 'check';
  dir: string;
  display: string;
  cwd: string;
  repo: string | undefined;
  color: boolean;
  json: boolean;
  progress: boolean;
  /** Threads that render documents, this one included. */
  jobs: number;
}

export type PublishMessage =
  | { kind: 'print' | 'info' | 'raw'; text: string }
  | { kind: 'done'; code: number }
  | {
      kind: 'error';
      name: string;
      message: string;
      hint: string | undefined;
      exitCode: number | undefined;
      stack: string | undefined;
    };

const port = parentPort;
if (!port) throw new Error('publish-worker runs as a worker thread');
const job = workerData as PublishJob;
const send = (message: PublishMessage): void => port.postMessage(message);

const ctx: CommandContext = {
  cwd: job.cwd,
  env: process.env,
  repo: job.repo,
  out: {
    color: job.color,
    json: job.json,
    isTTY: false,
    print: (text) => send({ kind: 'print', text }),
    info: (text) => send({ kind: 'info', text }),
    printJson: (value) => send({ kind: 'print', text: JSON.stringify(value, null, 2) }),
  },
  now: () => new Date(),
  stdinIsTTY: false,
};

try {
  const code = await runPublishIn(ctx, job, (text) => send({ kind: 'raw', text }));
  send({ kind: 'done', code });
} catch (error) {
  const e = error as Error & { hint?: string; exitCode?: number };
  send({
    kind: 'error',
    name: e.name,
    message: e.message,
    hint: e.hint,
    exitCode: e.exitCode,
    stack: e.stack,
  });
}
