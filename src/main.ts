// The process boundary: the only place that reads argv, and where the CLI is loaded
// from its bundle with V8's code cache (code-cache.ts). The version and the top-level help
// are answered before that: scripts and bug reports run them, and they load nothing.
import { isatty } from 'node:tty';
import { packageVersion } from './config/package.js';

/** `--version` alone is answered before commander loads: scripts and bug reports run it. */
function versionOnly(args: string[]): boolean {
  if (args.length !== 1 || (args[0] !== '--version' && args[0] !== '-V')) return false;
  process.stdout.write(`${packageVersion()}\n`);
  return true;
}

/**
 * The top-level help (`--help`, `-h`, `help`; bare `postmortem` prints it to stderr and
 * exits 2) is kept as text and printed without loading commander, when the stream is not a
 * terminal or is one as wide as that text was made for; commander wraps it otherwise.
 */
async function topHelpOnly(args: string[]): Promise<boolean> {
  const asked =
    args.length === 1 && (args[0] === '--help' || args[0] === '-h' || args[0] === 'help');
  if (!asked && args.length !== 0) return false;
  const stream = asked ? process.stdout : process.stderr;
  const { TOP_HELP, TOP_HELP_WIDTH } = await import('./ui/help-text.js');
  if (isatty(asked ? 1 : 2) && stream.columns !== TOP_HELP_WIDTH) return false;
  stream.write(TOP_HELP);
  process.exitCode = asked ? 0 : 2;
  return true;
}

/** `postmortem --help | head -1`: the reader has gone, so stop quietly, as a pipe expects. */
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const args = process.argv.slice(2);
if (!versionOnly(args) && !(await topHelpOnly(args))) {
  // `log <id>` waits for git: it starts now, and the command adopts it (early-log.ts).
  const early = args[0] === 'log' ? await import('./store/early-log.js') : undefined;
  const logId = early?.earlyLogId(args);
  if (logId !== undefined) early?.startEarlyLog(process.cwd(), logId);
  // Without a bundle (a build by tsc alone), from the compiled modules.
  const { codeCacheFileOf, commandOf, loadBundle } = await import('./code-cache.js');
  const cli =
    loadBundle({ cacheFile: codeCacheFileOf(commandOf(args)) }) ?? (await import('./run.js'));
  await cli.run(args);
  early?.abandonEarlyLog();
}
