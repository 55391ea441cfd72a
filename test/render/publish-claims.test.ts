// The claims of a publish's threads: every batch goes to exactly one thread, each thread's
// first batch is fixed, and threads that claim at the same moment never get the same one.
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { CLAIM_BATCH, DocumentClaims, type Claim } from '../../src/render/publish-claims.js';

function drain(claims: DocumentClaims): Claim[] {
  const got: Claim[] = [];
  for (let c = claims.claim(); c !== undefined; c = claims.claim()) got.push(c);
  return got;
}

describe('DocumentClaims', () => {
  it('gives thread k batch k first, then the batches after the first ones, to the end', () => {
    const total = 5 * CLAIM_BATCH + 3;
    const claims = DocumentClaims.create(total, 3);
    expect(claims.batch(0)).toEqual([0, CLAIM_BATCH]);
    expect(claims.batch(2)).toEqual([2 * CLAIM_BATCH, 3 * CLAIM_BATCH]);
    expect(drain(claims)).toEqual([
      [3 * CLAIM_BATCH, 4 * CLAIM_BATCH],
      [4 * CLAIM_BATCH, 5 * CLAIM_BATCH],
      [5 * CLAIM_BATCH, total],
    ]);
    // Once none is left, none is left for anybody.
    expect(claims.claim()).toBeUndefined();
    expect(new DocumentClaims(claims.buffer, total).claim()).toBeUndefined();
  });

  it('has no batch for a thread beyond a short list, and nothing to claim', () => {
    const claims = DocumentClaims.create(CLAIM_BATCH - 1, 4);
    expect(claims.batch(0)).toEqual([0, CLAIM_BATCH - 1]);
    expect(claims.batch(1)).toBeUndefined();
    expect(claims.claim()).toBeUndefined();
    expect(DocumentClaims.create(0, 1).batch(0)).toBeUndefined();
  });

  it('hands every batch to exactly one of several threads claiming at once', async () => {
    const total = 20_000 * CLAIM_BATCH + 7;
    const threads = 4;
    const claims = DocumentClaims.create(total, threads);
    // The built module (npm test builds first): worker threads cannot load TypeScript here.
    const url = new URL('../../dist/render/publish-claims.js', import.meta.url).href;
    const gate = new Int32Array(new SharedArrayBuffer(4));
    // Each worker loads the module, waits until all are ready, then claims as fast as it can.
    const source = `
      const { workerData, parentPort } = require('node:worker_threads');
      import(workerData.url).then(({ DocumentClaims }) => {
        const claims = new DocumentClaims(workerData.buffer, workerData.total);
        const gate = new Int32Array(workerData.gate);
        Atomics.add(gate, 0, 1);
        while (Atomics.load(gate, 0) < workerData.threads) Atomics.wait(gate, 0, Atomics.load(gate, 0), 1);
        const got = [];
        for (let c = claims.claim(); c !== undefined; c = claims.claim()) got.push(c[0]);
        parentPort.postMessage(got);
      });`;
    const run = (): Promise<number[]> =>
      new Promise((resolve, reject) => {
        const worker = new Worker(source, {
          eval: true,
          workerData: { url, buffer: claims.buffer, total, gate: gate.buffer, threads },
        });
        worker.once('message', resolve);
        worker.once('error', reject);
      });
    const got = await Promise.all(Array.from({ length: threads }, run));
    const starts = got.flat().sort((a, b) => a - b);
    const expected = [];
    for (let s = threads * CLAIM_BATCH; s < total; s += CLAIM_BATCH) expected.push(s);
    // None twice, none missing: a batch claimed by two threads would be here twice.
    expect(starts).toEqual(expected);
  });
});
