// Which thread of a publish renders which documents. Shares fixed in advance leave the
// thread that is slower (the coordinating thread also takes in the others' results) alone
// with its last documents while the others wait; here each thread takes the next batch
// nobody has claimed whenever it is done with one, so all of them finish together.
// The claims live in memory the threads share: one counter, taken with Atomics.

/** Documents a claim. Small enough to even out the end, large enough to cost nothing. */
export const CLAIM_BATCH = 16;

/** A batch of documents, by their positions in the list every thread holds: [start, end). */
export type Claim = readonly [start: number, end: number];

export class DocumentClaims {
  private readonly next: Int32Array;

  /**
   * Thread k (the coordinating thread is 0) starts with batch k: its first documents are
   * the same in every run, whatever the timing. The counter holds the next free batch.
   */
  static create(total: number, threads: number): DocumentClaims {
    const buffer = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
    new Int32Array(buffer)[0] = threads;
    return new DocumentClaims(buffer, total);
  }

  /** The same claims, seen from another thread (the buffer is shared, not copied). */
  constructor(
    readonly buffer: SharedArrayBuffer,
    readonly total: number,
  ) {
    this.next = new Int32Array(buffer);
  }

  /** The documents of batch `batch`, or undefined past the end of the list. */
  batch(batch: number): Claim | undefined {
    const start = batch * CLAIM_BATCH;
    return start < this.total ? [start, Math.min(this.total, start + CLAIM_BATCH)] : undefined;
  }

  /** The next batch nobody has claimed, now claimed by the caller; undefined when none is left. */
  claim(): Claim | undefined {
    // The counter only grows past the last batch, once per thread that finds nothing left.
    return this.batch(Atomics.add(this.next, 0, 1));
  }
}
