// The help text and the process boundary around it, as users and scripts meet them.
import { spawn } from 'node:child_process';
import pty from 'node-pty';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { BIN, runCli } from '../helpers/cli.js';
import { makeTempRepo } from '../helpers/repo.js';

const COMMANDS = [
  'init',
  'new',
  'edit',
  'update',
  'show',
  'list',
  'lint',
  'render',
  'publish',
  'templates',
  'status',
  'diff',
  'log',
  'actions',
  'stats',
];

describe('help', () => {
  it('--help and every `<command> --help` print the text pinned here, exit 0', async () => {
    const repo = makeTempRepo();
    const pages: string[] = [];
    for (const args of [['--help'], ...COMMANDS.map((c) => [c, '--help'])]) {
      const result = await runCli(args, { cwd: repo.root, env: repo.env });
      expect(result.code, args.join(' ')).toBe(0);
      expect(result.stderr, args.join(' ')).toBe('');
      pages.push(`$ postmortem ${args.join(' ')}\n${result.stdout}`);
    }
    await expect(pages.join('\n')).toMatchFileSnapshot('__snapshots__/help.txt');
  });

  it('`help <command>` prints the same text as `<command> --help`', async () => {
    const repo = makeTempRepo();
    const viaHelp = await runCli(['help', 'update'], { cwd: repo.root, env: repo.env });
    const viaFlag = await runCli(['update', '--help'], { cwd: repo.root, env: repo.env });
    expect(viaHelp.code).toBe(0);
    expect(viaHelp.stdout).toBe(viaFlag.stdout);
  });
});

describe('the top-level help', () => {
  it('`-h` and `help` print what `--help` prints; bare `postmortem` prints it on stderr, exit 2', async () => {
    const repo = makeTempRepo();
    const run = (args: string[]) => runCli(args, { cwd: repo.root, env: repo.env });
    const [help, h, word, bare] = await Promise.all([
      run(['--help']),
      run(['-h']),
      run(['help']),
      run([]),
    ]);
    expect(help.stdout).toContain('Usage: postmortem [options] [command]');
    for (const same of [h, word]) {
      expect(same).toEqual({ code: 0, stdout: help.stdout, stderr: '' });
    }
    expect(bare).toEqual({ code: 2, stdout: '', stderr: help.stdout });
  });

  it('in a terminal wider than 80 columns, it is wrapped to the terminal', async () => {
    const repo = makeTempRepo();
    const screen = (cols: number) =>
      new Promise<string>((resolve) => {
        const term = pty.spawn(process.execPath, [BIN, '--help'], {
          cols,
          rows: 60,
          cwd: repo.root,
          env: repo.env,
        });
        let raw = '';
        term.onData((data) => (raw += data));
        term.onExit(() => resolve(stripVTControlCharacters(raw).replace(/\r\n/g, '\n')));
      });
    const piped = await runCli(['--help'], { cwd: repo.root, env: repo.env });
    expect(await screen(80)).toBe(piped.stdout);
    const wide = await screen(140);
    expect(wide).toContain(
      'Write incident post-mortems: an interview in the terminal, a Markdown file in git, public and internal versions from templates.',
    );
    expect(wide).not.toBe(piped.stdout);
  });
});

describe('a reader that goes away', () => {
  it('`postmortem --help | head -1`: stdout closed early is a quiet exit 0, not a crash', async () => {
    const repo = makeTempRepo();
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, '--help'], {
        cwd: repo.root,
        env: repo.env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      // Closed before the process has started: its first write meets a closed pipe.
      child.stdout.destroy();
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stderr }));
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });
});
