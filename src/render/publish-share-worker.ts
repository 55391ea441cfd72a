// A render worker of a publish: opens the workspace on its own, publishes the documents of
// its share and sends the outcomes back in batches, in the order of its share. If it
// stops early for any reason, the coordinating thread publishes what it did not report.
import { parentPort, workerData } from 'node:worker_threads';
import type { CommandContext } from '../context.js';
import { openWorkspace } from '../workspace.js';
import {
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

export interface ShareMessage {
  results: ShareResult[];
}

const BATCH = 20;

const port = parentPort;
if (!port) throw new Error('publish-share-worker runs as a worker thread');
const job = workerData as ShareJob;
const send = (message: ShareMessage): void => port.postMessage(message);

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
// Other settings than the coordinator's: leave the whole share to it.
if (settingsHash(renderer, config) === job.settings) {
  const docRenderer = new DocumentRenderer(renderer);
  let batch: ShareResult[] = [];
  for (const doc of job.docs) {
    batch.push(publishDocument(store, docRenderer, job.share, doc));
    if (batch.length === BATCH) {
      send({ results: batch });
      batch = [];
    }
  }
  if (batch.length > 0) send({ results: batch });
}
