// After bundle-cli.js: V8's code cache for dist/bundle/postmortem.cjs (see
// src/code-cache.ts). The bundle runs here the way users run it: the commands, in a
// temporary git repository holding the examples, with their output thrown away. Then what
// V8 compiled on the way is written beside the bundle (or to the file given). A build that
// cannot make the cache (no git, say) says so and goes on: the tool only starts more slowly.
//
//   node scripts/warm-code-cache.js [cache file]
import { execFileSync, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { CODE_CACHE_FILE, codeCacheFile, loadBundle } from '../dist/code-cache.js';

const EXAMPLES = fileURLToPath(new URL('../examples/', import.meta.url));
const ID = '2026-03-14-app-server-outage';

/** Every command, on the paths a start takes before and into its real work. */
const COMMANDS = [
  ['--help', 'render'],
  ['show', ID],
  ['show', ID, '--json'],
  ['list'],
  ['list', '--json'],
  ['lint'],
  ['lint', ID, '--format', 'json'],
  ...['public', 'internal'].flatMap((audience) =>
    ['md', 'html', 'notice'].map((format) => [
      'render',
      ID,
      '--audience',
      audience,
      '--format',
      format,
    ]),
  ),
  ['templates'],
  ['actions'],
  ['stats'],
  ['log', ID],
  ['diff', ID],
  ['new'],
  ['edit', ID],
  ['status', ID, 'review'],
  ['update', ID, 'Payments are back for every customer.'],
  ['render', '--help'],
  ['init', 'another'],
];

function exampleRepository() {
  const root = mkdtempSync(join(tmpdir(), 'postmortem-warm-'));
  const git = (...args) => execFileSync('git', args, { cwd: root, stdio: 'ignore' });
  git('init', '--quiet', '--initial-branch=main');
  git('config', 'user.name', 'Code Cache');
  git('config', 'user.email', 'code-cache@example.com');
  git('config', 'commit.gpgsign', 'false');
  mkdirSync(join(root, 'postmortems'));
  for (const name of readdirSync(EXAMPLES).filter((n) => n.endsWith('.md')))
    copyFileSync(join(EXAMPLES, name), join(root, 'postmortems', name));
  git('add', '--all');
  git('commit', '--quiet', '--message=examples');
  return root;
}

async function runQuietly(cli, args) {
  const argv = process.argv;
  const writes = [process.stdout.write, process.stderr.write];
  process.argv = [argv[0], 'postmortem', ...args];
  process.stdout.write = process.stderr.write = () => true;
  try {
    await cli.run(args);
  } finally {
    [process.stdout.write, process.stderr.write] = writes;
    process.argv = argv;
    process.exitCode = 0;
  }
}

/** Whether a fresh process takes the cache: one V8 refuses would only cost reading it. */
function acceptedByNewProcess(file) {
  const check = `import('./code-cache.js').then((m) => {
    process.stdout.write(String(m.loadBundle({ cacheFile: ${JSON.stringify(file)} })?.cache));
  })`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', check], {
    cwd: fileURLToPath(new URL('../dist/', import.meta.url)),
    encoding: 'utf8',
  });
  return result.stdout === 'taken';
}

const target = process.argv[2] ? resolve(process.argv[2]) : CODE_CACHE_FILE;
// The commands run as in CI: in a terminal, new and edit would wait for answers; and git
// must act on the temporary repository whatever GIT_* variables the build inherited.
process.env.CI = 'true';
for (const name of Object.keys(process.env))
  if (name.startsWith('GIT_') || name.startsWith('POSTMORTEM_')) delete process.env[name];

rmSync(target, { force: true });
const cli = loadBundle({ cacheFile: null });
if (!cli)
  throw new Error(
    'warm-code-cache: dist/bundle/postmortem.cjs is missing: run bundle-cli.js first',
  );
let root;
try {
  root = exampleRepository();
  const cwd = process.cwd();
  process.chdir(root);
  try {
    for (const args of COMMANDS) await runQuietly(cli, args);
  } finally {
    process.chdir(cwd);
  }
  // render turns regexp tier-up off; V8 takes a cache only under the flags it was made with.
  setFlagsFromString('--regexp-tier-up');
  const temp = `${target}.tmp-${process.pid}`;
  writeFileSync(temp, codeCacheFile(cli.source, cli.script.createCachedData()));
  renameSync(temp, target);
  if (!acceptedByNewProcess(target)) {
    rmSync(target, { force: true });
    process.stderr.write(
      'warm-code-cache: V8 refused the cache it made; the tool runs without it\n',
    );
  }
} catch (error) {
  rmSync(target, { force: true });
  process.stderr.write(
    `warm-code-cache: no code cache (${error.message}); the tool runs without it\n`,
  );
} finally {
  if (root) rmSync(root, { recursive: true, force: true });
}
