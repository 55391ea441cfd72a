// The top-level help as commander prints it at its default width of 80 columns (pipes, CI,
// an 80-column terminal), so `postmortem --help` answers without loading commander.
// test/ui/help-text.test.ts holds it byte for byte equal to what src/cli.ts makes commander
// print: after changing a command's name, flags or description, paste that test's output here.

export const TOP_HELP_WIDTH = 80;

export const TOP_HELP = `Usage: postmortem [options] [command]

Write incident post-mortems: an interview in the terminal, a Markdown file in
git, public and internal versions from templates.

Options:
  -V, --version                      output the version number
  --repo <dir>                       the repository to work in (default: the git
                                     repository around the current folder)
  -h, --help                         display help for command

Commands:
  init [dir]                         make or adopt a git repository: config
                                     file, postmortems/ folder, example CI
                                     workflow
  new [options]                      write a new post-mortem: the interview, or
                                     an answers file with --answers
  edit [options] <id>                re-interview chosen sections, prefilled
                                     with the current values
  update [options] <id> <text>       during an incident: add a timestamped
                                     update to the timeline and print the
                                     customer-facing text
  show [options] <id>                show one post-mortem (an id or a path to
                                     its file)
  list [options]                     list every post-mortem: id, title, status,
                                     severity, start, duration
  lint [options] [ids...]            check completeness, chronology, action
                                     items, blameless wording, apology quality
                                     and public leaks
  render [options] <id>              render one output from the templates, to
                                     stdout or --out
  publish [options]                  write everything CI publishes: public
                                     Markdown and HTML, an index, an Atom feed,
                                     incidents.json
  templates [options]                list the templates and partials in effect
                                     and where each comes from
  status [options] <id> <status>     move a post-mortem through review: draft,
                                     review, approved, published
  diff [options] <id> [revA] [revB]  what changed, section by section, between
                                     two revisions (default: last commit vs
                                     working tree)
  log [options] <id>                 the history of one post-mortem: date,
                                     author, message, status changes
  actions [options]                  action items across all post-mortems, by
                                     due date
  stats [options]                    incident counts, time to detect and
                                     resolve, action item follow-through
  help [command]                     display help for command

Examples:
  $ postmortem init
  $ postmortem new
  $ postmortem new --quick "API returning 500s"
  $ postmortem update 2026-11-24-api-returning-500s "Rolled back the deploy" --state monitoring
  $ postmortem lint --format github
  $ postmortem publish --out site

`;
