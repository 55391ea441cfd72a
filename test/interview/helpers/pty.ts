// The built CLI in a real pseudo-terminal: what a person at a keyboard sees and types.
import pty from 'node-pty';
import { stripVTControlCharacters } from 'node:util';
import { BIN } from '../../helpers/cli.js';

export const KEY = {
  enter: '\r',
  down: '\u001b[B',
  up: '\u001b[A',
  ctrlC: '\u0003',
  space: ' ',
} as const;

export class PtySession {
  private raw = '';
  private mark = 0;
  readonly exit: Promise<{ exitCode: number; signal?: number | undefined }>;
  private readonly term: pty.IPty;

  constructor(args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }) {
    this.term = pty.spawn(process.execPath, [BIN, ...args], {
      name: 'xterm-256color',
      cols: 160,
      rows: 50,
      cwd: options.cwd,
      env: options.env,
    });
    this.term.onData((data) => {
      this.raw += data;
    });
    this.exit = new Promise((resolve) => this.term.onExit(resolve));
  }

  /** Everything shown so far, escape codes removed. */
  get screen(): string {
    return stripVTControlCharacters(this.raw);
  }

  /** Wait until `text` appears after the last thing waited for. */
  async waitFor(text: string | RegExp, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const plain = stripVTControlCharacters(this.raw.slice(this.mark));
      const index = typeof text === 'string' ? plain.indexOf(text) : plain.search(text);
      if (index !== -1) {
        // Move the mark past the match in the raw output (approximately: the raw text is longer).
        this.mark = this.raw.length;
        return;
      }
      if (Date.now() > deadline)
        throw new Error(
          `timed out waiting for ${String(text)}; screen so far:\n${plain.slice(-3000)}`,
        );
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  write(text: string): void {
    this.term.write(text);
  }

  /** Wait for a prompt, then type the answer and Enter. */
  async answer(prompt: string | RegExp, text: string): Promise<void> {
    await this.waitFor(prompt);
    await new Promise((r) => setTimeout(r, 30));
    this.term.write(text);
    await new Promise((r) => setTimeout(r, 30));
    this.term.write(KEY.enter);
  }

  kill(): void {
    try {
      this.term.kill();
    } catch {
      // Already gone.
    }
  }
}
