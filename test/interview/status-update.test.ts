import { describe, expect, it } from 'vitest';
import { buildStatusUpdate, publicLeaks } from '../../src/core/status-update.js';

const base = {
  title: 'API returning errors',
  at: '2026-11-24T02:40:00+11:00',
  timezone: 'Australia/Sydney',
};

describe('buildStatusUpdate', () => {
  it('says the state, the time in the incident zone, what we know and what comes next', () => {
    const text = buildStatusUpdate({
      ...base,
      text: 'We found the cause and are rolling back',
      state: 'identified',
      services: ['api'],
    });
    expect(text.split('\n')).toEqual([
      'Identified: API returning errors',
      '2026-11-24 02:40 GMT+11',
      'Affected: api',
      '',
      'We found the cause and are rolling back.',
      '',
      'We have found the cause and are working on a fix. We will post another update within 30 minutes.',
    ]);
  });

  it('promises the post-mortem when resolved, and never says "any inconvenience"', () => {
    const text = buildStatusUpdate({
      ...base,
      text: 'All requests are succeeding again.',
      state: 'resolved',
    });
    expect(text).toMatch(/full post-mortem/);
    expect(text).not.toMatch(/inconvenience/i);
  });

  it('without a state, is a plain update', () => {
    expect(buildStatusUpdate({ ...base, text: 'Still looking' })).toBe(
      'Update: API returning errors\n2026-11-24 02:40 GMT+11\n\nStill looking.',
    );
  });
});

describe('publicLeaks', () => {
  it('finds redact terms in any case and e-mail addresses', () => {
    expect(publicLeaks('Restarted DB-PROD-3 now', ['db-prod-3'])).toEqual(['db-prod-3']);
    expect(publicLeaks('ask ops@example.com', [])).toEqual(['ops@example.com']);
    expect(publicLeaks('All good', ['db-prod-3'])).toEqual([]);
  });
});
