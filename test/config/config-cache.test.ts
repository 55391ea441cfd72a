import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseConfig } from '../../src/config/config.js';
import { configTemplate } from '../../src/config/template.js';
import { makeTempRepo } from '../helpers/repo.js';

const CACHE = ['.git', 'postmortem', 'config.json'];

describe('the config cache', () => {
  it('gives back exactly what parsing gives, and follows every change of the text', () => {
    const text = configTemplate({ timezone: 'Europe/Berlin' });
    const repo = makeTempRepo({ 'postmortem.yml': text });
    const parsed = parseConfig(text, 'postmortem.yml');
    expect(loadConfig(repo.root)).toEqual(parsed);
    const cache = JSON.parse(readFileSync(join(repo.root, ...CACHE), 'utf8')) as { text: string };
    expect(cache.text).toBe(text);
    expect(loadConfig(repo.root)).toEqual(parsed);

    const changed = text.replace('Europe/Berlin', 'Asia/Tokyo');
    writeFileSync(join(repo.root, 'postmortem.yml'), changed);
    expect(loadConfig(repo.root).timezone).toBe('Asia/Tokyo');
  });

  it('ignores a corrupt or foreign cache file and never hides a broken config', () => {
    const repo = makeTempRepo({ 'postmortem.yml': 'timezone: UTC\n' });
    mkdirSync(join(repo.root, ...CACHE.slice(0, 2)), { recursive: true });
    writeFileSync(join(repo.root, ...CACHE), '{not json');
    expect(loadConfig(repo.root).timezone).toBe('UTC');
    writeFileSync(
      join(repo.root, ...CACHE),
      JSON.stringify({
        build: 'other',
        text: 'timezone: UTC\n',
        config: { timezone: 'Asia/Tokyo' },
      }),
    );
    expect(loadConfig(repo.root).timezone).toBe('UTC');
    writeFileSync(join(repo.root, 'postmortem.yml'), 'timezone: Mars/Olympus\n');
    expect(() => loadConfig(repo.root)).toThrow(/timezone "Mars\/Olympus" is not an IANA timezone/);
  });
});
