// Linting files, one document at a time.
import { severityNames, type Config } from '../config/config.js';
import {
  lintDocument,
  lintSettings,
  parseFindings,
  type Finding,
  type PublicLeak,
  type RuleLevels,
} from '../core/lint/index.js';
import type { Postmortem } from '../core/model.js';
import { DocumentError } from '../core/problems.js';
import { UserError } from '../errors.js';
import type { DocumentStore } from '../store/documents.js';

/** The rendering layer's leak check, loaded only when the rule is on. */
export async function leakCheck(config: Config): Promise<(doc: Postmortem) => PublicLeak[]> {
  const { findPublicLeaks } = await import('../render/leak-check.js');
  return (doc) =>
    findPublicLeaks(doc, config).map((leak) => ({
      field: leak.field ?? undefined,
      term: leak.kind === 'redact' || leak.kind === 'email' ? leak.term : undefined,
      line: leak.line ?? undefined,
      message: leak.message,
    }));
}

/** A function that lints one file of `store` with the config's rules and levels. */
async function fileLinter(
  store: DocumentStore,
  config: Config,
  levels: RuleLevels,
): Promise<(file: string) => Finding[]> {
  const findLeaks = levels['public-leak'] === 'off' ? undefined : await leakCheck(config);
  const settings = lintSettings(config.lint, findLeaks, severityNames(config));
  return (file) => {
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
    return lintDocument(
      { doc: stored.doc, lines: stored.lines, file: stored.path },
      levels,
      settings,
    );
  };
}

/** The findings of each file, in the order given. */
export async function lintFiles(
  store: DocumentStore,
  config: Config,
  levels: RuleLevels,
  files: readonly string[],
): Promise<Finding[][]> {
  // Nothing to lint (every file remembered): the leak check is not even loaded.
  if (files.length === 0) return [];
  const lint = await fileLinter(store, config, levels);
  return files.map(lint);
}
