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
  /** Without a temp file (none could be made) the records stay here instead. */
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
    try {
      unlinkSync(path);
    } catch {
      // an open file that could not be unlinked still works; it is a temp file in tmpdir
    }
  }

  add(index: number, record: T): void {
    if (this.fd === undefined) {
      this.held.push([index, record]);
      return;
    }
    const line = `${JSON.stringify([index, record])}\n`;
    this.pending.push(line);
    this.pendingLength += line.length;
    if (this.pendingLength >= FLUSH_AT) this.flush();
  }

  private flush(): void {
    if (this.fd === undefined || this.pending.length === 0) return;
    const bytes = Buffer.from(this.pending.join(''));
    this.pending = [];
    this.pendingLength = 0;
    for (let at = 0; at < bytes.length;) at += writeSync(this.fd, bytes, at);
  }

  /** Every record added, in the order added; then the file is closed. */
  *records(): Generator<[number, T]> {
    if (this.fd === undefined) {
      yield* this.held;
      return;
    }
    this.flush();
    const fd = this.fd;
    // One buffer for the whole read: the unfinished line at its end moves to its start.
    let buffer = Buffer.allocUnsafe(READ_SIZE);
    let filled = 0;
    let position = 0;
    try {
      for (;;) {
        if (filled === buffer.length) buffer = Buffer.concat([buffer], buffer.length * 2);
        const read = readSync(fd, buffer, filled, buffer.length - filled, position);
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
    } finally {
      this.close();
    }
  }

  close(): void {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
  }
}
