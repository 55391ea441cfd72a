// The command table: names, flags, help with examples. Each command's module is
// imported only when that command runs, so `--help` loads nothing but commander.
// commander is bundled into the CLI (scripts/bundle-cli.js), so V8's code cache holds its
// compiled code with ours.
import { Command, Option, type Command as CommandType } from 'commander';
import { packageVersion } from './config/package.js';
import type { CommandContext } from './context.js';

type Opts = Record<string, unknown>;

function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export function buildProgram(ctx: CommandContext): CommandType {
  const program = new Command('postmortem');
  // chalk is loaded only when colour is on, before the command that may use it; new and
  // edit print no colour and go straight to their first question.
  // Global flags are read when a command runs, after commander has parsed them.
  const run = async (load: () => Promise<number | void>, colour = true): Promise<void> => {
    ctx.repo = program.opts<{ repo?: string }>().repo;
    if (colour && ctx.out.color) await (await import('./ui/style.js')).loadColour(true);
    const code = await load();
    if (typeof code === 'number') ctx.exitCode = code;
  };

  program
    .description(
      'Write incident post-mortems: an interview in the terminal, a Markdown file in git, public and internal versions from templates.',
    )
    .version(packageVersion(), '-V, --version')
    .option(
      '--repo <dir>',
      'the repository to work in (default: the git repository around the current folder)',
    )
    .showSuggestionAfterError(true)
    .showHelpAfterError('(run `postmortem --help` for usage)')
    .exitOverride()
    .configureHelp({ sortSubcommands: false })
    .addHelpText(
      'after',
      examples(
        'postmortem init',
        'postmortem new',
        'postmortem new --quick "API returning 500s"',
        'postmortem update 2026-11-24-api-returning-500s "Rolled back the deploy" --state monitoring',
        'postmortem lint --format github',
        'postmortem publish --out site',
      ),
    );

  program
    .command('init [dir]')
    .description(
      'make or adopt a git repository: config file, postmortems/ folder, example CI workflow',
    )
    .addHelpText('after', examples('postmortem init', 'postmortem init incidents'))
    .action((dir: string | undefined) =>
      run(async () => (await import('./commands/init.js')).runInit(ctx, { dir })),
    );

  program
    .command('new')
    .description('write a new post-mortem: the interview, or an answers file with --answers')
    .option('--answers <file>', 'YAML or JSON answers in the document model; no prompts')
    .option('--quick <title>', 'during an incident: a document started now with just a title')
    .option('--resume', 'continue the interview of an unfinished draft')
    .option('--id <id>', 'the id to use instead of <start date>-<slug of title>')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      examples(
        'postmortem new',
        'postmortem new --quick "Checkout failing for EU customers"',
        'postmortem new --answers answers.yml',
        'postmortem new --resume',
      ),
    )
    .action((opts: Opts) =>
      run(async () => (await import('./commands/new.js')).runNew(ctx, opts), false),
    );

  program
    .command('edit <id>')
    .description('re-interview chosen sections, prefilled with the current values')
    .option(
      '--section <name>',
      'a section to edit (repeatable): basics, times, timeline, impact, root-cause, detection (with resolution), apology, actions, lessons, summary, internal',
      collect,
    )
    .addHelpText(
      'after',
      examples(
        'postmortem edit 2026-11-24-api-outage',
        'postmortem edit 2026-11-24-api-outage --section timeline --section actions',
      ),
    )
    .action((id: string, opts: Opts) =>
      run(async () => (await import('./commands/edit.js')).runEdit(ctx, { id, ...opts }), false),
    );

  program
    .command('update <id> <text>')
    .description(
      'during an incident: add a timestamped update to the timeline and print the customer-facing text',
    )
    .addOption(
      new Option('--state <state>', 'incident state').choices([
        'investigating',
        'identified',
        'monitoring',
        'resolved',
      ]),
    )
    .option(
      '--at <time>',
      'when it happened (default: now): ISO 8601, 02:07, +15m, yesterday 23:50',
    )
    .option('--internal', 'an internal-only entry: never in public output')
    .option('--json', 'print the entry and update text as JSON')
    .addHelpText(
      'after',
      examples(
        'postmortem update 2026-11-24-api-outage "We found the cause and are rolling back" --state identified',
        'postmortem update 2026-11-24-api-outage "Paged the database team" --internal',
      ),
    )
    .action((id: string, text: string, opts: Opts) =>
      run(async () => (await import('./commands/update.js')).runUpdate(ctx, { id, text, ...opts })),
    );

  program
    .command('show <id>')
    .description('show one post-mortem (an id or a path to its file)')
    .option('--json', 'the document model as JSON, with path and metrics')
    .addHelpText(
      'after',
      examples(
        'postmortem show 2026-11-24-api-outage',
        'postmortem show postmortems/2026-11-24-api-outage.md --json',
      ),
    )
    .action((id: string, opts: Opts) =>
      run(async () =>
        (await import('./commands/show.js')).runShow(ctx, {
          ref: id,
          json: opts.json === true,
        }),
      ),
    );

  program
    .command('list')
    .description('list every post-mortem: id, title, status, severity, start, duration')
    .option('--json', 'the list as JSON')
    .addHelpText('after', examples('postmortem list', 'postmortem list --json'))
    .action((opts: Opts) =>
      run(async () =>
        (await import('./commands/list.js')).runList(ctx, { json: opts.json === true }),
      ),
    );

  program
    .command('lint [ids...]')
    .description(
      'check completeness, chronology, action items, blameless wording, apology quality and public leaks',
    )
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['text', 'json', 'github'])
        .default('text'),
    )
    .addOption(new Option('--json', 'the same as --format json').conflicts('format'))
    .addHelpText(
      'after',
      examples(
        'postmortem lint',
        'postmortem lint 2026-11-24-api-outage',
        'postmortem lint --format github',
      ),
    )
    .action((ids: string[], opts: Opts) =>
      run(async () =>
        (await import('./commands/lint.js')).runLint(ctx, {
          ids,
          ...opts,
          ...(opts.json === true ? { format: 'json' } : {}),
        }),
      ),
    );

  program
    .command('render <id>')
    .description('render one output from the templates, to stdout or --out')
    .addOption(
      new Option('--audience <audience>', 'who it is for')
        .choices(['public', 'internal'])
        .makeOptionMandatory(),
    )
    .addOption(
      new Option('--format <format>', 'what to render')
        .choices(['md', 'html', 'notice', 'status'])
        .default('md'),
    )
    .option('--out <file>', 'write to this file instead of stdout')
    .addHelpText(
      'after',
      examples(
        'postmortem render 2026-11-24-api-outage --audience public',
        'postmortem render 2026-11-24-api-outage --audience public --format notice',
        'postmortem render 2026-11-24-api-outage --audience internal --format html --out report.html',
      ),
    )
    .action((id: string, opts: Opts) =>
      run(async () => (await import('./commands/render.js')).runRender(ctx, { id, ...opts })),
    );

  program
    .command('publish')
    .description(
      'write everything CI publishes: public Markdown and HTML, an index, an Atom feed, incidents.json',
    )
    .option('--out <dir>', 'the folder to publish into')
    .option(
      '--check <dir>',
      'exit 1 and list the files when DIR is not exactly what publish would write',
    )
    .option(
      '--jobs <n>',
      'documents rendered at once, one a thread (default: one a core, at most 4)',
    )
    .addHelpText(
      'after',
      examples('postmortem publish --out site', 'postmortem publish --check site'),
    )
    .action((opts: Opts) =>
      run(async () => (await import('./commands/publish.js')).runPublish(ctx, opts)),
    );

  program
    .command('templates')
    .description('list the templates and partials in effect and where each comes from')
    .option('--json', 'the list as JSON')
    .action((opts: Opts) =>
      run(async () => (await import('./commands/templates.js')).runTemplates(ctx, opts)),
    );

  program
    .command('status <id> <status>')
    .description('move a post-mortem through review: draft, review, approved, published')
    .option('--reviewer <name>', 'who approves (default: your git identity)')
    .addHelpText(
      'after',
      examples(
        'postmortem status 2026-11-24-api-outage review',
        'postmortem status 2026-11-24-api-outage approved --reviewer "Priya <priya@example.com>"',
      ),
    )
    .action((id: string, status: string, opts: Opts) =>
      run(async () =>
        (await import('./commands/status.js')).runStatus(ctx, { id, status, ...opts }),
      ),
    );

  program
    .command('diff <id> [revA] [revB]')
    .description(
      'what changed, section by section, between two revisions (default: last commit vs working tree)',
    )
    .option('--json', 'the changes as JSON')
    .addHelpText(
      'after',
      examples(
        'postmortem diff 2026-11-24-api-outage',
        'postmortem diff 2026-11-24-api-outage HEAD~3 HEAD',
      ),
    )
    .action((id: string, revA: string | undefined, revB: string | undefined, opts: Opts) =>
      run(async () =>
        (await import('./commands/diff.js')).runDiff(ctx, { id, revA, revB, ...opts }),
      ),
    );

  program
    .command('log <id>')
    .description('the history of one post-mortem: date, author, message, status changes')
    .option('--json', 'the history as JSON')
    .addHelpText('after', examples('postmortem log 2026-11-24-api-outage'))
    .action((id: string, opts: Opts) =>
      run(async () => (await import('./commands/log.js')).runLog(ctx, { id, ...opts })),
    );

  program
    .command('actions')
    .description('action items across all post-mortems, by due date')
    .option('--overdue', 'only overdue items')
    .option('--owner <owner>', 'only items of this owner')
    .option('--fail-on-overdue', 'exit 1 when any item is overdue')
    .option('--json', 'the items as JSON')
    .addHelpText(
      'after',
      examples('postmortem actions --overdue', 'postmortem actions --owner ops --json'),
    )
    .action((opts: Opts) =>
      run(async () => (await import('./commands/actions.js')).runActions(ctx, opts)),
    );

  program
    .command('stats')
    .description('incident counts, time to detect and resolve, action item follow-through')
    .option('--since <date>', 'only incidents started on or after this date (YYYY-MM-DD)')
    .option('--json', 'the figures as JSON')
    .addHelpText(
      'after',
      examples('postmortem stats', 'postmortem stats --since 2026-01-01 --json'),
    )
    .action((opts: Opts) =>
      run(async () => (await import('./commands/stats.js')).runStats(ctx, opts)),
    );

  return program;
}
