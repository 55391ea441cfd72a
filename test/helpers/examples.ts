// Archives made from the shipped example post-mortems, for tests that need many documents.
import { readFileSync } from 'node:fs';
import type { Postmortem } from '../../src/core/model.js';
import { parsePostmortemText } from '../../src/core/parse.js';
import { serializePostmortem } from '../../src/core/serialize.js';
import { makeTempRepo, type TempRepo } from './repo.js';

export const EXAMPLES = [
  '2026-03-14-app-server-outage',
  '2026-10-17-spam-posts-after-breach',
  '2026-10-25-update-without-where',
];

/**
 * A repository of `count` post-mortems, the examples in turn; the i-th has the id
 * `<its example's date>-incident-<i>` (i with `digits` digits). `edit` changes the model,
 * `text` the file written from it.
 */
export function exampleArchive(
  count: number,
  {
    digits = 4,
    edit = () => {},
    text = (file) => file,
  }: {
    digits?: number;
    edit?: (d: Postmortem, i: number) => void;
    text?: (file: string, i: number) => string;
  } = {},
): TempRepo {
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    const example = EXAMPLES[i % EXAMPLES.length] as string;
    const d = parsePostmortemText(
      readFileSync(new URL(`../../examples/${example}.md`, import.meta.url), 'utf8'),
      example,
    );
    d.id = `${example.slice(0, 10)}-incident-${String(i).padStart(digits, '0')}`;
    edit(d, i);
    files[`postmortems/${d.id}.md`] = text(serializePostmortem(d), i);
  }
  return makeTempRepo(files);
}
