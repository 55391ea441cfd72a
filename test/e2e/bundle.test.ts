// The tool runs from its bundle (dist/bundle/, made by scripts/bundle-cli.js) with the
// code cache the build made (scripts/warm-code-cache.js). Installed with nothing of dist/
// but its entry, the bundle and the vendored libraries, it finds its templates, its version
// and its publish workers, and writes what the build in this folder writes; a damaged or
// missing cache changes nothing but the time.
import pty from 'node-pty';
import { cpSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parsePostmortemText } from '../../src/core/parse.js';
import { serializePostmortem } from '../../src/core/serialize.js';
import { BIN, runCli, type CliResult } from '../helpers/cli.js';
import { cacheOutcome } from '../helpers/code-cache.js';
import { makeTempDir, makeTempRepo, readFolder, type TempRepo } from '../helpers/repo.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const EXAMPLE = '2026-03-14-app-server-outage';
// Enough documents that publish --jobs 2 gives the second thread a share.
const COUNT = 90;

/** The package as an install holds it, with only the bundled parts of dist/. */
function bundledInstall(): string {
  const app = join(makeTempDir('postmortem-bundle-'), 'app');
  const parts = [
    'bin',
    'dist/main.js',
    'dist/code-cache.js',
    'dist/config/package.js',
    'dist/ui/help-text.js',
    'dist/store/early-log.js',
    'dist/bundle',
    'dist/vendor',
    'templates',
    'schema',
    'package.json',
  ];
  for (const part of parts) cpSync(join(ROOT, part), join(app, part), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(app, 'node_modules'), 'dir');
  return join(app, 'bin', 'postmortem.js');
}

function archive(): TempRepo {
  const text = readFileSync(join(ROOT, 'examples', `${EXAMPLE}.md`), 'utf8');
  const files: Record<string, string> = {};
  for (let i = 0; i < COUNT; i++) {
    const d = parsePostmortemText(text, EXAMPLE);
    d.id = `2026-03-14-incident-${String(i).padStart(3, '0')}`;
    d.title = `${d.title} (${i})`;
    files[`postmortems/${d.id}.md`] = serializePostmortem(d);
  }
  return makeTempRepo(files);
}

describe('the bundled tool', () => {
  let installed: string;
  let repo: TempRepo;
  const run = (bin: string, args: string[]): Promise<CliResult> =>
    runCli(args, { cwd: repo.root, env: repo.env, bin });

  beforeAll(() => {
    installed = bundledInstall();
    repo = archive();
  });

  it('prints the version from package.json, with and without commander', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };
    expect((await run(installed, ['--version'])).stdout).toBe(`${version}\n`);
    expect((await run(installed, ['lint', '--version'])).stdout).toBe(`${version}\n`);
  });

  it('renders the same bytes as the build beside it', async () => {
    const id = '2026-03-14-incident-007';
    for (const format of ['md', 'html', 'notice']) {
      const args = ['render', id, '--audience', 'public', '--format', format];
      const ours = await run(installed, args);
      expect(ours.code, ours.stderr).toBe(0);
      expect(ours.stdout).toBe((await run(BIN, args)).stdout);
    }
  });

  it('publishes with its own workers, on two threads, the same folder', async () => {
    const ours = await run(installed, ['publish', '--out', 'ours', '--jobs', '2']);
    expect(ours.code, ours.stderr).toBe(0);
    expect(ours.stderr).toContain(`Published ${COUNT} post-mortems to ours`);
    const theirs = await run(BIN, ['publish', '--out', 'theirs', '--jobs', '1']);
    expect(theirs.code, theirs.stderr).toBe(0);
    const a = readFolder(join(repo.root, 'ours'));
    expect(Object.keys(a)).toContain('index.html');
    expect(a).toEqual(readFolder(join(repo.root, 'theirs')));
  });
});

/** Where an install keeps the code cache of a command. */
const cacheOf = (bin: string, command: string): string =>
  join(bin, '..', '..', 'dist', 'bundle', `postmortem.${command}.cache`);

describe('the code caches', () => {
  /** Whether V8 takes an install's cache for render, asked in a process of its own. */
  function accepted(bin: string, flags: string[] = [], command = 'render'): string {
    return cacheOutcome(join(bin, '..', '..', 'dist'), cacheOf(bin, command), flags);
  }

  it('are made by the build, one a command, and taken by V8', () => {
    const commands = ['init', 'new', 'edit', 'update', 'show', 'list', 'lint', 'render'];
    commands.push('publish', 'templates', 'status', 'diff', 'log', 'actions', 'stats', 'help');
    for (const command of commands) {
      expect(statSync(cacheOf(BIN, command)).size).toBeGreaterThan(100_000);
      expect(accepted(BIN, [], command)).toBe('taken');
    }
  });

  it('is refused when damaged or missing, and the tool runs as before', async () => {
    const installed = bundledInstall();
    const repo = archive();
    const args = ['render', '2026-03-14-incident-003', '--audience', 'public', '--format', 'html'];
    const expected = await runCli(args, { cwd: repo.root, env: repo.env });
    expect(expected.code).toBe(0);
    const cache = cacheOf(installed, 'render');
    const original = readFileSync(cache);
    const bytes = Buffer.from(original);
    // Same length, one byte in the middle changed: V8 does not check its data's bytes and
    // may crash on them; the digest in front must catch it.
    const middle = bytes.length >> 1;
    bytes[middle] = (bytes[middle] ?? 0) ^ 0xff;
    writeFileSync(cache, bytes);
    expect(accepted(installed)).toBe('refused');
    const damaged = await runCli(args, { cwd: repo.root, env: repo.env, bin: installed });
    expect(damaged).toEqual(expected);
    // The intact cache for a bundle edited to the same length: V8 compares only lengths.
    writeFileSync(cache, original);
    const bundle = join(installed, '..', '..', 'dist', 'bundle', 'postmortem.cjs');
    const source = readFileSync(bundle, 'utf8');
    writeFileSync(bundle, source.replace('Please report it', 'Please_report it'));
    expect(readFileSync(bundle, 'utf8')).not.toBe(source);
    expect(accepted(installed)).toBe('refused');
    expect(await runCli(args, { cwd: repo.root, env: repo.env, bin: installed })).toEqual(expected);
    // Refused by V8 itself: the right cache, under other V8 flags.
    writeFileSync(bundle, source);
    expect(accepted(installed)).toBe('taken');
    expect(accepted(installed, ['--no-opt'])).toBe('refused');
    rmSync(cache);
    expect(accepted(installed)).toBe('none');
    expect(await runCli(args, { cwd: repo.root, env: repo.env, bin: installed })).toEqual(expected);
  });
});

describe('the bundled tool in a terminal', () => {
  /** `list` in a pseudo-terminal, colour on: all it shows, and its exit code. */
  function listInTerminal(bin: string, repo: TempRepo): Promise<{ code: number; screen: string }> {
    const env = { ...repo.env };
    delete env.NO_COLOR;
    delete env.FORCE_COLOR;
    const term = pty.spawn(process.execPath, [bin, 'list'], {
      name: 'xterm-256color',
      cols: 160,
      rows: 50,
      cwd: repo.root,
      env,
    });
    let screen = '';
    term.onData((data) => (screen += data));
    return new Promise((resolve) =>
      term.onExit(({ exitCode }) => resolve({ code: exitCode, screen })),
    );
  }

  it('loads its colours with the code cache and without it, and says nothing else', async () => {
    const repo = archive();
    const installed = bundledInstall();
    rmSync(cacheOf(installed, 'list'));
    for (const bin of [BIN, installed]) {
      const { code, screen } = await listInTerminal(bin, repo);
      expect(screen).not.toContain('unexpected error');
      expect(screen).not.toContain('Warning');
      expect(code).toBe(0);
      // Bold column heads: chalk was loaded.
      expect(screen).toContain('\u001b[1mID');
      expect(screen).toContain('2026-03-14-incident-000');
    }
  });
});
