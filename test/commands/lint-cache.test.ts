import { readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLintCache } from '../../src/commands/lint-cache.js';
import { loadConfig } from '../../src/config/config.js';
import type { Finding } from '../../src/core/lint/index.js';
import { makeTempRepo } from '../helpers/repo.js';

const later = (): number => Date.now() + 60_000;
const finding = (message: string): Finding => ({
  file: 'postmortems/a.md',
  line: 3,
  rule: 'chronology',
  severity: 'warn',
  message,
  hint: 'fix it',
});

function setup() {
  const repo = makeTempRepo({ 'postmortems/a.md': 'one\n' });
  const file = join(repo.root, 'postmortems/a.md');
  const past = Math.floor(Date.now() / 1000) - 3600;
  utimesSync(file, past, past);
  const config = loadConfig(repo.root);
  const open = (levels = { chronology: 'warn' as const }) =>
    openLintCache(repo.root, true, config, levels, later);
  return { repo, file, past, open };
}

describe('openLintCache', () => {
  it('remembers findings of an unchanged file, not of one edited in place at the same size', () => {
    const { file, past, open } = setup();
    const first = open();
    const looked = first.look(file);
    expect(looked.findings).toBeUndefined();
    first.remember(file, looked.stamp, [finding('first')]);
    first.save();
    expect(open().look(file).findings).toEqual([finding('first')]);
    writeFileSync(file, 'two\n');
    utimesSync(file, past, past);
    expect(open().look(file).findings).toBeUndefined();
  });

  it('does not remember findings of a file that changed while it was read', () => {
    const { file, past, open } = setup();
    const cache = open();
    const { stamp } = cache.look(file);
    writeFileSync(file, 'six\n');
    utimesSync(file, past, past);
    cache.remember(file, stamp, [finding('of the old text')]);
    cache.save();
    expect(open().look(file).findings).toBeUndefined();
  });

  it('forgets everything when the rule levels change', () => {
    const { file, open } = setup();
    const first = open();
    first.remember(file, first.look(file).stamp, [finding('first')]);
    first.save();
    expect(open({ chronology: 'off' as never }).look(file).findings).toBeUndefined();
  });

  it('reads a corrupt cache file as empty', () => {
    const { repo, file, open } = setup();
    const cacheFile = join(repo.root, '.git', 'postmortem', 'lint-cache.json');
    const first = open();
    first.remember(file, first.look(file).stamp, [finding('first')]);
    first.save();
    const saved = readFileSync(cacheFile, 'utf8');
    for (const text of [
      saved.slice(0, 40),
      saved.replace('"line":3', '"line":"3"'),
      saved.replace('"findings":[', '"findings":[null,'),
    ]) {
      writeFileSync(cacheFile, text);
      expect(open().look(file).findings).toBeUndefined();
    }
  });
});
