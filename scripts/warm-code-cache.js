// After bundle-cli.js: V8's code caches for dist/bundle/postmortem.cjs, one a command (see
// src/code-cache.ts). Each command runs here, in a process of its own, the way users run
// it: in a temporary git repository holding the examples, its output thrown away. Then
// what V8 compiled on the way is written beside the bundle (or into the folder given). A
// build that cannot make a cache (no git, say) says so and goes on: that command only
// starts more slowly.
//
//   node scripts/warm-code-cache.js [folder]
import { execFileSync, spawn, spawnSync } from 'node:child_process';
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
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import {
  BUNDLE_FILE,
  codeCacheFile,
  codeCacheFileOf,
  commandOf,
  loadBundle,
} from '../dist/code-cache.js';

const SCRIPT = fileURLToPath(import.meta.url);
const EXAMPLES = fileURLToPath(new URL('../examples/', import.meta.url));
const ID = '2026-03-14-app-server-outage';

/** Each command on the paths a start takes before and into its real work. */
const RUNS = {
  init: [['init', '{fresh}']],
  new: [['new']],
  edit: [['edit', ID]],
  update: [['update', ID, 'Payments are back for every customer.']],
  show: [
    ['show', ID],
    ['show', ID, '--json'],
  ],
  list: [['list'], ['list', '--json']],
  lint: [['lint'], ['lint', ID, '--format', 'json']],
  render: ['public', 'internal'].flatMap((audience) =>
    ['md', 'html', 'notice'].map((format) => [
      'render',
      ID,
      '--audience',
      audience,
      '--format',
      format,
    ]),
  ),
  publish: [['publish', '--out', 'site']],
  templates: [['templates']],
  status: [['status', ID, 'review']],
  diff: [['diff', ID]],
  log: [['log', ID]],
  actions: [['actions']],
  stats: [['stats']],
  help: [['help', 'render']],
};

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
  const writes = [process.stdout.write, process.stderr.write];
  process.stdout.write = process.stderr.write = () => true;
  try {
    await cli.run(args);
  } finally {
    [process.stdout.write, process.stderr.write] = writes;
    process.exitCode = 0;
  }
}

/** Whether a fresh process takes a cache: one V8 refuses would only cost reading it. */
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

/** In a process of its own: one command's runs, then its cache. */
async function warmOne(command, dir) {
  const target = codeCacheFileOf(command, dir);
  rmSync(target, { force: true });
  const cli = loadBundle({ cacheFile: null });
  if (!cli) throw new Error('dist/bundle/postmortem.cjs is missing: run bundle-cli.js first');
  const root = exampleRepository();
  const cwd = process.cwd();
  try {
    process.chdir(root);
    for (const args of RUNS[command])
      await runQuietly(
        cli,
        args.map((a) => (a === '{fresh}' ? `${root}-fresh` : a)),
      );
  } finally {
    process.chdir(cwd);
    rmSync(root, { recursive: true, force: true });
    rmSync(`${root}-fresh`, { recursive: true, force: true });
  }
  // render turns regexp tier-up off; V8 takes a cache only under the flags it was made with.
  setFlagsFromString('--regexp-tier-up');
  const temp = `${target}.tmp-${process.pid}`;
  writeFileSync(temp, codeCacheFile(cli.source, cli.script.createCachedData()));
  renameSync(temp, target);
  if (!acceptedByNewProcess(target)) {
    rmSync(target, { force: true });
    throw new Error('V8 refused the cache it made');
  }
}

function runChild(command, dir) {
  return new Promise((done) => {
    const child = spawn(process.execPath, [SCRIPT, '--command', command, dir], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('close', done);
  });
}

// The commands run as in CI: in a terminal, new and edit would wait for answers; and git
// must act on the temporary repository whatever GIT_* variables the build inherited.
process.env.CI = 'true';
for (const name of Object.keys(process.env))
  if (name.startsWith('GIT_') || name.startsWith('POSTMORTEM_')) delete process.env[name];

if (process.argv[2] === '--command') {
  const [, , , command, dir] = process.argv;
  try {
    await warmOne(command, dir);
  } catch (error) {
    process.stderr.write(
      `warm-code-cache: no code cache for ${command} (${error.message}); it runs without one\n`,
    );
  }
} else {
  const dir = process.argv[2] ? resolve(process.argv[2]) : dirname(BUNDLE_FILE);
  // Each command's runs must start with the cache they make.
  for (const [command, runs] of Object.entries(RUNS))
    for (const args of runs)
      if (commandOf(args) !== command)
        throw new Error(
          `warm-code-cache: ${args.join(' ')} would not start with ${command}'s cache`,
        );
  // Two at a time: the build machine has at least two cores more often than not.
  const queue = Object.keys(RUNS);
  const worker = async () => {
    for (let c = queue.shift(); c !== undefined; c = queue.shift()) await runChild(c, dir);
  };
  await Promise.all([worker(), worker()]);
}
