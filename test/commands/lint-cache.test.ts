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
    expect(first.remembered(file)).toBeUndefined();
    expect(first.findings(file, () => [finding('first')])).toEqual([finding('first')]);
    first.save();
    expect(open().remembered(file)).toEqual([finding('first')]);
    writeFileSync(file, 'two\n');
    utimesSync(file, past, past);
    const second = open();
    expect(second.remembered(file)).toBeUndefined();
    expect(second.findings(file, () => [finding('second')])).toEqual([finding('second')]);
  });

  it('forgets everything when the rule levels change', () => {
    const { file, open } = setup();
    const first = open();
    first.findings(file, () => [finding('first')]);
    first.save();
    expect(open({ chronology: 'off' as never }).remembered(file)).toBeUndefined();
  });

  it('reads a corrupt cache file as empty', () => {
    const { repo, file, open } = setup();
    const cacheFile = join(repo.root, '.git', 'postmortem', 'lint-cache.json');
    const first = open();
    first.findings(file, () => [finding('first')]);
    first.save();
    const saved = readFileSync(cacheFile, 'utf8');
    for (const text of [
      saved.slice(0, 40),
      saved.replace('"line":3', '"line":"3"'),
      saved.replace('"findings":[', '"findings":[null,'),
    ]) {
      writeFileSync(cacheFile, text);
      expect(open().remembered(file)).toBeUndefined();
    }
  });
});
