// `postmortem lint`: every rule over each post-mortem, one document at a time, reported
// as text, JSON or GitHub annotations. Exit 1 when any finding is an error.
import { severityNames, type Config } from '../config/config.js';
import type { CommandContext, CommandResult } from '../context.js';
import type { Postmortem } from '../core/model.js';
import { DocumentError } from '../core/problems.js';
import {
  lintDocument,
  lintSettings,
  parseFindings,
  resolveLevels,
  type Finding,
  type PublicLeak,
} from '../core/lint/index.js';
import { formatGithub, formatText, toJson } from '../core/lint/report.js';
import { UserError } from '../errors.js';
import type { DocumentStore } from '../store/documents.js';
import { styler } from '../ui/style.js';
import { openWorkspace } from '../workspace.js';
import { openLintCache } from './lint-cache.js';

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

/** The rendering layer's leak check, loaded only when the rule is on. */
async function leakCheck(config: Config): Promise<(doc: Postmortem) => PublicLeak[]> {
  const { findPublicLeaks } = await import('../render/leak-check.js');
  return (doc) =>
    findPublicLeaks(doc, config).map((leak) => ({
      field: leak.field ?? undefined,
      term: leak.kind === 'redact' || leak.kind === 'email' ? leak.term : undefined,
      line: leak.line ?? undefined,
      message: leak.message,
    }));
}

function lintFile(
  store: DocumentStore,
  file: string,
  lint: (input: { doc: Postmortem; lines: Map<string, number>; file: string }) => Finding[],
): Finding[] {
  let stored;
  try {
    stored = store.read(file);
  } catch (error) {
    if (error instanceof DocumentError)
      return parseFindings(store.relativePath(file), error.problems);
    if (error instanceof UserError)
      return parseFindings(store.relativePath(file), [{ message: error.message }]);
    throw error;
  }
  return lint({ doc: stored.doc, lines: stored.lines, file: stored.path });
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
  const remembered = files.map((file) => cache.remembered(file));
  // The rendering layer's leak check loads only when some file has to be linted.
  const needed = remembered.some((r) => r === undefined) && levels['public-leak'] !== 'off';
  const findLeaks = needed ? await leakCheck(config) : undefined;
  const settings = lintSettings(config.lint, findLeaks, severityNames(config));
  const findings: Finding[] = [];
  files.forEach((file, i) => {
    const found =
      remembered[i] ??
      cache.findings(file, () =>
        lintFile(store, file, (input) => lintDocument(input, levels, settings)),
      );
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
