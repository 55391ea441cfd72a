// A render worker of a publish: opens the workspace on its own, publishes the documents of
// its share and sends the outcomes back in batches, in the order of its share.
import { parentPort, workerData } from 'node:worker_threads';
import type { CommandContext } from '../context.js';
import { openWorkspace } from '../workspace.js';
import {
  inputHashes,
  publishDocument,
  settingsHash,
  type ShareDocument,
  type ShareResult,
  type ShareSettings,
} from './publish-share.js';
import { DocumentRenderer, createRenderer } from './render.js';

export interface ShareJob {
  cwd: string;
  repo: string | undefined;
  /** The coordinator's settings hash: a worker that reads other settings must not publish. */
  settings: string;
  share: ShareSettings;
  docs: ShareDocument[];
}

export type ShareMessage =
  | { kind: 'results'; results: ShareResult[] }
  | { kind: 'done' }
  | { kind: 'error'; message: string; stack: string | undefined };

const BATCH = 20;

const port = parentPort;
if (!port) throw new Error('publish-share-worker runs as a worker thread');
const job = workerData as ShareJob;
const send = (message: ShareMessage): void => port.postMessage(message);

try {
  const ctx: CommandContext = {
    cwd: job.cwd,
    env: process.env,
    repo: job.repo,
    out: { color: false, json: false, isTTY: false, print() {}, info() {}, printJson() {} },
    now: () => new Date(),
    stdinIsTTY: false,
  };
  const { location, config, store } = openWorkspace(ctx);
  const renderer = createRenderer(location.root, config);
  if (settingsHash(renderer, config) !== job.settings)
    throw new Error('the configuration or templates changed while publishing: run publish again');
  const docRenderer = new DocumentRenderer(renderer);
  const inputs = inputHashes(job.share.inputCache);
  let batch: ShareResult[] = [];
  for (const doc of job.docs) {
    batch.push(publishDocument(store, docRenderer, job.share, inputs, doc));
    if (batch.length === BATCH) {
      send({ kind: 'results', results: batch });
      batch = [];
    }
  }
  if (batch.length > 0) send({ kind: 'results', results: batch });
  send({ kind: 'done' });
} catch (error) {
  const e = error as Error;
  send({ kind: 'error', message: e.message, stack: e.stack });
}
