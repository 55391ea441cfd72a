// `postmortem lint`: every rule over each post-mortem, one document at a time, reported
// as text, JSON or GitHub annotations. Exit 1 when any finding is an error.
import type { CommandContext, CommandResult } from '../context.js';
import { resolveLevels, type Finding } from '../core/lint/index.js';
import { formatGithub, formatText, toJson } from '../core/lint/report.js';
import { UserError } from '../errors.js';
import type { DocumentStore } from '../store/documents.js';
import { styler } from '../ui/style.js';
import { openWorkspace } from '../workspace.js';
import { openLintCache } from './lint-cache.js';
import { lintFiles } from './lint-files.js';

export interface LintOptions {
  ids?: string[];
  format?: string;
}

function filesToLint(store: DocumentStore, refs: readonly string[], cwd: string): string[] {
  if (refs.length === 0) return store.listFiles();
  const files = refs.map((ref) => {
    const file = store.resolveRef(ref, cwd);
    if (!store.exists(file)) {
      throw new UserError(`no post-mortem at ${store.relativePath(file)}`, {
        hint: 'see the ids with `postmortem list`',
        exitCode: 2,
      });
    }
    return file;
  });
  return [...new Set(files)];
}

export async function runLint(ctx: CommandContext, options: LintOptions): CommandResult {
  const { store, config, location } = openWorkspace(ctx);
  const { levels, problems } = resolveLevels(config.lint.rules);
  if (problems.length > 0) {
    throw new UserError(`${config.source ?? 'postmortem.yml'}: ${problems.join('; ')}`, {
      hint: 'fix the rule names under lint.rules',
    });
  }
  const files = filesToLint(store, options.ids ?? [], ctx.cwd);
  const cache = openLintCache(location.root, location.isGit, config, levels);
  const looked = files.map((file) => cache.look(file));
  const missing = files.filter((_, i) => looked[i]?.findings === undefined);
  const linted = await lintFiles(store, config, levels, missing);
  let next = 0;
  const findings: Finding[] = [];
  files.forEach((file, i) => {
    const seen = looked[i];
    let found = seen?.findings;
    if (found === undefined) {
      found = linted[next++] ?? [];
      cache.remember(file, seen?.stamp, found);
    }
    findings.push(...found);
  });
  cache.save();

  const format = options.format ?? 'text';
  if (format === 'json') ctx.out.printJson(toJson(findings, files.length));
  else if (format === 'github') ctx.out.print(formatGithub(findings, files.length));
  else {
    if (files.length === 0)
      ctx.out.info(`No post-mortems in ${config.folder}/ yet: start one with \`postmortem new\`.`);
    ctx.out.print(formatText(findings, files.length, styler(ctx.out.color)));
  }
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}
