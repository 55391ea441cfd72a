// Startup of every command, update with its commit, log on a long history and render
// throughput: each against the yardstick the issue names.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { git, scratchClone } from './repos.js';
import { APP, ENV, NODE, ROOT, bareNode, cli, fmtN } from './tool.js';

const STARTUP = { op: '<=', value: 2.2, text: '<= 2.2x node' };
const HELP = { op: '<=', value: 1.35, text: '<= 1.35x node' };

/** True when `dir` or a parent holds a .git: init there would adopt that repository. */
function insideGit(dir) {
  for (let d = resolve(dir); ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) return true;
    if (dirname(d) === d) return false;
  }
}

/** Empty folders for `init`, outside every git repository (never the project's own). */
function initFolders() {
  const base = mkdtempSync(join(tmpdir(), 'postmortem-bench-init-'));
  if (insideGit(base)) throw new Error(`${base} is inside a git repository: init would adopt it`);
  let count = 0;
  const next = () => {
    const dir = join(base, `repo-${count++}`);
    mkdirSync(dir);
    return ['init', dir];
  };
  return { next, cleanup: () => rmSync(base, { recursive: true, force: true }) };
}

function startupTable(id, tinyCount, freshInitDir) {
  const docs = `(${tinyCount} documents)`;
  // [row id, label, args, target, accepted exit codes]
  return [
    ['help', 'postmortem --help', ['--help'], HELP],
    ['version', 'postmortem --version', ['--version'], HELP],
    ['show', 'show <id> (one document)', ['show', id], STARTUP],
    ['show-json', 'show <id> --json', ['show', id, '--json'], STARTUP],
    ['list-tiny', `list ${docs}`, ['list'], STARTUP],
    ['lint-one', 'lint <id> (one document)', ['lint', id], STARTUP, [0, 1]],
    ['render-md', 'render <id> --audience public', ['render', id, '--audience', 'public'], STARTUP],
    [
      'render-html',
      'render <id> --audience public --format html',
      ['render', id, '--audience', 'public', '--format', 'html'],
      STARTUP,
    ],
    ['templates', 'templates', ['templates'], STARTUP],
    ['diff', 'diff <id>', ['diff', id], STARTUP],
    ['log-tiny', 'log <id> (1 commit)', ['log', id], STARTUP],
    ['actions', `actions ${docs}`, ['actions'], STARTUP],
    ['stats', `stats ${docs}`, ['stats'], STARTUP],
    ['new-notty', 'new, no TTY (exits 2 after its checks)', ['new'], STARTUP, [2]],
    ['edit-notty', 'edit <id>, no TTY (exits 2 after its checks)', ['edit', id], STARTUP, [2]],
    ['init', 'init <new folder>', freshInitDir, STARTUP],
  ];
}

/** Each command up to its first real work, against bare node, in a clone of the tiny repo. */
export async function startupRows(rec, runs, tiny) {
  const scratch = scratchClone(tiny.dir, 'tiny');
  const init = initFolders();
  try {
    for (const [id, label, args, target, ok] of startupTable(
      tiny.info.ids[0],
      tiny.info.n,
      init.next,
    )) {
      // init runs in its own new folder; every other command in the clone.
      const cwd = id === 'init' ? tmpdir() : scratch;
      const subject = cli(args, cwd, { ok: ok ?? [0] });
      rec.push(await rec.timed({ id, label, subject, yardsticks: [bareNode], runs, target }));
    }
  } finally {
    init.cleanup();
  }
}

/** `update` as a whole process, its commit included. */
export async function updateRow(rec, runs, warmup, tiny) {
  const id = tiny.info.ids[0];
  const repo = scratchClone(tiny.dir, 'update');
  const row = await rec.timed({
    id: 'update',
    label: 'update <id> "text" (commit included)',
    subject: cli((i) => ['update', id, `Bench update ${i}: we are monitoring the fix`], repo),
    yardsticks: [bareNode],
    runs,
    target: { op: '<=', value: 2.6, text: '<= 2.6x node' },
  });
  if (row.result === null) {
    const commits = Number(git(repo, ['rev-list', '--count', 'HEAD']).trim()) - 1;
    row.notes.push(`${commits} commits made by ${runs + warmup} runs`);
    if (commits !== runs + warmup)
      row.result = `failed: ${commits} commits for ${runs + warmup} updates`;
  }
  rec.push(row);
}

/**
 * `log <id>` on a long history, against bare `git log --follow -- <file>`, both in a clone:
 * postmortem keeps caches in .git/postmortem/, and the cached repositories stay untouched.
 */
export async function logRow(rec, runs, history) {
  const { target, targetCommits, commits, docs } = history.info;
  const repo = scratchClone(history.dir, 'history');
  const gitLog = {
    label: 'git log --follow',
    command: 'git',
    args: ['log', '--follow', '--', `postmortems/${target}.md`],
    cwd: repo,
    env: ENV,
  };
  rec.push(
    await rec.timed({
      id: 'log-history',
      label: `log <id> (${fmtN(docs)} docs, ${fmtN(commits)} commits, ${targetCommits} on the file)`,
      subject: cli(['log', target], repo),
      yardsticks: [gitLog],
      runs,
      target: { op: '<=', value: 1.7, text: '<= 1.7x git log' },
    }),
  );
}

/** The render command's function over n documents x 4 outputs vs the plain libraries. */
export async function renderRow(rec, runs, repo, n) {
  const script = (name) => join(ROOT, 'bench', name);
  rec.push(
    await rec.timed({
      id: 'render-throughput',
      label: `render throughput, ${n} docs x public+internal x md+html`,
      subject: {
        command: NODE,
        args: [script('drivers/render-all.js'), repo.dir, String(n), APP],
        env: ENV,
        cwd: repo.dir,
      },
      yardsticks: [
        {
          label: 'plain libraries',
          command: NODE,
          args: [script('yardsticks/plain-pipeline.js'), 'render', repo.dir, String(n)],
          env: ENV,
          cwd: repo.dir,
        },
      ],
      runs,
      ratio: 'yardstick/subject',
      target: { op: '>=', value: 1.0, text: '>= 1.0x plain libs' },
    }),
  );
}
