// `postmortem init [dir]`: make or adopt a git repository with a commented config, the
// post-mortems folder and an example CI workflow, committed. Only missing files are
// written, so a second run changes nothing and says so.
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { CONFIG_FILE, defaultTimezone, loadConfig, type Config } from '../config/config.js';
import { packageVersion } from '../config/package.js';
import { configTemplate } from '../config/template.js';
import type { CommandContext, CommandResult } from '../context.js';
import { UserError } from '../errors.js';
import { writeFileAtomic } from '../store/atomic.js';
import { commitFiles, currentBranch } from '../store/git.js';
import { git, gitUserError } from '../store/git-run.js';
import { withWriteLock } from '../store/lock.js';
import { assertReadyToWrite, checkIdentity } from '../store/preflight.js';
import { findGitRoot } from '../store/repo.js';

export interface InitOptions {
  dir?: string | undefined;
}

const WORKFLOW_FILE = '.github/workflows/postmortem.yml';

function folderReadme(): string {
  return `# Post-mortems

One file per incident, \`<id>.md\`, written and reviewed with
[postmortem](https://www.npmjs.com/package/postmortem):

- \`postmortem new\` starts one (an interview, or \`--answers FILE\`); during an incident,
  \`postmortem new --quick "title"\` and \`postmortem update <id> "what happened"\`.
- \`postmortem status <id> review\`, then \`approved\`, then \`published\`: the review workflow.
- \`postmortem diff <id>\` and \`postmortem log <id>\`: what changed, section by section.
- \`postmortem lint\` checks them; \`postmortem publish --out site\` renders the public versions.

The files are Markdown: edit them by hand in any editor too.
`;
}

function workflowTemplate(branch: string): string {
  return `# Checks every post-mortem on each pull request, and renders the public versions from
# ${branch}. Written by \`postmortem init\`: adapt it to your CI freely.
name: postmortem

on:
  pull_request:
  push:
    branches: [${branch}]

permissions:
  contents: read

jobs:
  lint-and-publish:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      - name: Install postmortem
        run: npm install --global postmortem@${packageVersion()}
      - name: Lint the post-mortems
        run: postmortem lint --format github
      - name: Render the public site
        run: postmortem publish --out site
      - name: Keep the site
        if: github.event_name == 'push'
        uses: actions/upload-artifact@v4
        with:
          name: site
          path: site
`;
}

function toPosix(path: string): string {
  return path.split(sep).join('/');
}

async function makeRepo(dir: string): Promise<void> {
  try {
    await git(dir, ['init', '--quiet', '--initial-branch=main']);
  } catch (error) {
    throw gitUserError(error, `could not create a git repository in ${dir}`);
  }
}

function existingConfig(root: string, folder: string): { config: Config; text?: string } {
  if (existsSync(join(root, CONFIG_FILE))) return { config: loadConfig(root) };
  const config = loadConfig(root);
  config.folder = folder;
  return { config, text: configTemplate({ folder, timezone: defaultTimezone(config) }) };
}

export async function runInit(ctx: CommandContext, options: InitOptions): CommandResult {
  const target = resolve(ctx.cwd, options.dir ?? ctx.repo ?? '.');
  if (existsSync(target) && !statSync(target).isDirectory()) {
    throw new UserError(`${target} is a file, not a folder`, {
      hint: 'give `postmortem init` a folder',
      exitCode: 2,
    });
  }
  mkdirSync(target, { recursive: true });
  const enclosing = findGitRoot(target);
  const root = enclosing ?? target;
  const within = toPosix(relative(root, target));
  const folder = within === '' ? 'postmortems' : `${within}/postmortems`;
  let identity: Promise<void> | undefined;
  let made: Promise<void> | undefined;
  if (enclosing === undefined) {
    // Asked beside `git init` rather than after it: one git process less to wait for.
    identity = checkIdentity(target);
    identity.catch(() => undefined);
    made = makeRepo(target);
  }
  // While git makes the repository, the config template (the system's zone comes from
  // Intl, ~10 ms). A config file is read only once the repository exists: reading it may
  // write a cache into .git.
  const early =
    made !== undefined && !existsSync(join(root, CONFIG_FILE))
      ? existingConfig(root, folder)
      : undefined;
  await made;
  const { config, text: configText } = early ?? existingConfig(root, folder);
  await assertReadyToWrite(root, { commit: config.git.commit, identity });

  const planned: [string, string | undefined][] = [
    [CONFIG_FILE, configText],
    [`${config.folder}/README.md`, folderReadme()],
    [WORKFLOW_FILE, workflowTemplate(currentBranch(root) ?? 'main')],
  ];
  const created: string[] = [];
  for (const [path, text] of planned) {
    const file = join(root, path);
    if (text === undefined || existsSync(file)) continue;
    mkdirSync(dirname(file), { recursive: true });
    writeFileAtomic(file, text);
    created.push(path);
  }

  if (enclosing === undefined) ctx.out.info(`Created a git repository in ${root} (branch main).`);
  else if (created.length > 0) ctx.out.info(`Using the git repository in ${root}.`);
  if (created.length === 0) {
    ctx.out.print(
      `Already set up in ${root}: ${CONFIG_FILE}, ${config.folder}/ and ${WORKFLOW_FILE} exist. Nothing changed.`,
    );
    return;
  }
  for (const path of created) ctx.out.print(`  created ${path}`);
  if (!config.git.commit) {
    ctx.out.print('Not committed: git.commit is false in postmortem.yml.');
    return;
  }
  const result = await withWriteLock(root, () =>
    commitFiles(root, created, `postmortem: set up ${created.join(', ')}`, { isNew: true }),
  );
  ctx.out.print(
    result.committed
      ? `Committed ${result.commit ?? ''} with only these files. Next: \`postmortem new\`.`
      : 'Nothing to commit.',
  );
}
