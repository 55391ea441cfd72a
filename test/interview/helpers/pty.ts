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

  /** Wait until `text` appears after the end of the last thing waited for. */
  async waitFor(text: string | RegExp, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const plain = this.screen;
      const rest = plain.slice(this.mark);
      const match =
        typeof text === 'string'
          ? { index: rest.indexOf(text), length: text.length }
          : (() => {
              const m = text.exec(rest);
              return { index: m ? m.index : -1, length: m ? m[0].length : 0 };
            })();
      if (match.index !== -1) {
        this.mark += match.index + match.length;
        return;
      }
      if (Date.now() > deadline)
        throw new Error(
          `timed out waiting for ${String(text)}; screen after the last match:\n${rest.slice(-3000)}`,
        );
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  write(text: string): void {
    this.term.write(text);
  }

  /**
   * Wait for a prompt, then type the keys and Enter, and wait for inquirer's "answered"
   * mark so the next wait cannot match a re-render of this prompt.
   */
  async answer(prompt: string | RegExp, keys: string): Promise<void> {
    await this.waitFor(prompt);
    await new Promise((r) => setTimeout(r, 25));
    if (keys !== '') this.term.write(keys);
    await new Promise((r) => setTimeout(r, 25));
    this.term.write(KEY.enter);
    await this.waitFor('✔');
  }

  /** Prose without an editor: the question, then one line per prompt, an empty line ends. */
  async prose(message: string, lines: string[]): Promise<void> {
    await this.waitFor(message);
    let first = true;
    for (const line of [...lines, '']) {
      await this.answer(first ? '? >' : '? …', line);
      first = false;
    }
  }

  kill(): void {
    try {
      this.term.kill();
    } catch {
      // Already gone.
    }
  }
}
