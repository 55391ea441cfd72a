import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS, defaultConfig, parseConfig } from '../../src/config/config.js';
import { configTemplate } from '../../src/config/template.js';

describe('the config init writes', () => {
  it('parses back to the defaults', () => {
    const text = configTemplate({ timezone: 'Australia/Sydney' });
    const parsed = parseConfig(text, 'postmortem.yml');
    expect({ ...parsed, source: undefined }).toEqual({
      ...defaultConfig(),
      timezone: 'Australia/Sydney',
    });
  });

  it('names every setting parseConfig accepts, each under its section', () => {
    const text = configTemplate({ timezone: 'UTC' });
    for (const [section, keys] of Object.entries(CONFIG_KEYS)) {
      for (const key of keys) {
        const indent = section === '' ? '' : section === 'severities' ? '(  - |    )' : '  (# )?';
        expect(text, `${section}.${key}`).toMatch(new RegExp(`^${indent}${key}:`, 'm'));
      }
    }
  });

  it('keeps a folder with spaces or YAML-special words intact', () => {
    for (const folder of ['incident reports', 'no', 'ops: pm', '#x']) {
      expect(parseConfig(configTemplate({ folder, timezone: 'UTC' }), 'x').folder).toBe(folder);
    }
  });
});
