// Documents for render tests: the shipped example, parsed, and a renderer on the shipped
// templates with the default config.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defaultConfig, type Config } from '../../src/config/config.js';
import type { Postmortem } from '../../src/core/model.js';
import { parsePostmortem } from '../../src/core/parse.js';
import { DocumentRenderer, createRenderer } from '../../src/render/render.js';

export const EXAMPLE_FILE = fileURLToPath(
  new URL('../../examples/2026-03-14-app-server-outage.md', import.meta.url),
);
export const EXAMPLE_TEXT = readFileSync(EXAMPLE_FILE, 'utf8');

export function exampleDoc(): Postmortem {
  return parsePostmortem(Buffer.from(EXAMPLE_TEXT), 'example.md', {
    severities: ['SEV1', 'SEV2', 'SEV3', 'SEV4'],
  }).doc;
}

/** A renderer on the shipped templates (the root has no templates folder). */
export function shippedRenderer(config: Config = defaultConfig()): DocumentRenderer {
  return new DocumentRenderer(createRenderer('/nonexistent-postmortem-root', config));
}

export const PUBLIC_FORMATS = ['md', 'html', 'notice', 'status'] as const;
