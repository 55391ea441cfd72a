// A render worker of a publish: opens the workspace on its own, then publishes documents
// batch by batch, its first batch given, each further one claimed when the last is done
// (see publish-claims.ts), and sends each batch's outcomes back with the batch it claims
// next. If it stops early for any reason, the coordinating thread publishes the documents
// it claimed and did not report.
import { parentPort, workerData } from 'node:worker_threads';
import type { CommandContext } from '../context.js';
import { openWorkspace } from '../workspace.js';
import { DocumentClaims, type Claim } from './publish-claims.js';
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
  /** Every document the threads publish; which of them this one takes, it claims. */
  docs: ShareDocument[];
  claims: SharedArrayBuffer;
  /** This thread's number, which is also its first batch. */
  thread: number;
}

export interface ShareMessage {
  /** The outcomes of the batch just done, in its order. */
  results: ShareResult[];
  /** The batch this thread has claimed and starts on now; undefined when none was left. */
  claimed: Claim | undefined;
}

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
// Other settings than the coordinator's: claim nothing, and leave the first batch to it.
if (settingsHash(renderer, config) === job.settings) {
  const docRenderer = new DocumentRenderer(renderer);
  const claims = new DocumentClaims(job.claims, job.docs.length);
  for (let batch = claims.batch(job.thread); batch !== undefined;) {
    const results: ShareResult[] = [];
    for (let i = batch[0]; i < batch[1]; i++)
      results.push(publishDocument(store, docRenderer, job.share, job.docs[i] as ShareDocument));
    batch = claims.claim();
    send({ results, claimed: batch });
  }
}
