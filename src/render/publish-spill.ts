// The records of a publish, kept on disk while documents are rendered. Every document's
// record is needed only once all are done (for the index, feed, incidents.json and the
// cache); held in the heap meanwhile, they grew the coordinating thread while the render
// workers were still alive, and that was the publish's peak memory. The file is unlinked
// as soon as it is open, so nothing is left behind, whatever happens to the process.
import { closeSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Lines are written in batches of about this many characters. */
const FLUSH_AT = 1 << 16;
const READ_SIZE = 1 << 20;

export class RecordSpill<T> {
  private fd: number | undefined;
  /** Whether records still go to the file: not once a write failed (a full disk, say). */
  private writing = false;
  /** Bytes of whole batches in the file; a batch that failed half way is not read back. */
  private written = 0;
  /** Records added after the file could not be made or written: they stay in memory. */
  private readonly held: [number, T][] = [];
  private pending: string[] = [];
  private pendingLength = 0;

  constructor(dir: string = tmpdir()) {
    const path = join(
      dir,
      `.postmortem-publish-${process.pid}-${Math.random().toString(36).slice(2)}.tmp`,
    );
    try {
      this.fd = openSync(path, 'wx+', 0o600);
    } catch {
      return;
    }
    this.writing = true;
    try {
      unlinkSync(path);
    } catch {
      // an open file that could not be unlinked still works; it is a temp file in tmpdir
    }
  }

  add(index: number, record: T): void {
    if (!this.writing) {
      this.held.push([index, record]);
      return;
    }
    const line = `${JSON.stringify([index, record])}\n`;
    this.pending.push(line);
    this.pendingLength += line.length;
    if (this.pendingLength >= FLUSH_AT) this.flush();
  }

  private flush(): void {
    if (this.fd === undefined || !this.writing || this.pending.length === 0) return;
    const lines = this.pending;
    this.pending = [];
    this.pendingLength = 0;
    const bytes = Buffer.from(lines.join(''));
    try {
      for (let at = 0; at < bytes.length;)
        at += writeSync(this.fd, bytes, at, bytes.length - at, this.written + at);
      this.written += bytes.length;
    } catch {
      // The temp file can only cost memory, never the publish: the rest stays in memory.
      this.writing = false;
      for (const line of lines) this.held.push(JSON.parse(line) as [number, T]);
    }
  }

  /**
   * A record kept in memory, not written: for one whose data the heap holds anyway (a
   * document settled from the previous cache), writing and reading it back only costs.
   */
  hold(index: number, record: T): void {
    this.held.push([index, record]);
  }

  /** Every record added; then the file is closed. */
  *records(): Generator<[number, T]> {
    this.flush();
    try {
      if (this.fd !== undefined) yield* this.fromFile(this.fd);
    } finally {
      this.close();
    }
    yield* this.held;
  }

  private *fromFile(fd: number): Generator<[number, T]> {
    // One buffer for the whole read: the unfinished line at its end moves to its start.
    let buffer = Buffer.allocUnsafe(READ_SIZE);
    let filled = 0;
    for (let position = 0; position < this.written;) {
      if (filled === buffer.length) buffer = Buffer.concat([buffer], buffer.length * 2);
      const want = Math.min(buffer.length - filled, this.written - position);
      const read = readSync(fd, buffer, filled, want, position);
      if (read === 0) break;
      position += read;
      filled += read;
      const data = buffer.subarray(0, filled);
      let start = 0;
      for (let end = data.indexOf(10); end !== -1; end = data.indexOf(10, start)) {
        yield JSON.parse(data.toString('utf8', start, end)) as [number, T];
        start = end + 1;
      }
      buffer.copy(buffer, 0, start, filled);
      filled -= start;
    }
  }

  close(): void {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
    this.writing = false;
  }
}
