// Model -> file. Stable key and section order, one fact per line, prose written as is.
import type { ActionItem, Postmortem } from './model.js';
import {
  BODY_SECTIONS,
  FRONT_MATTER_KEYS,
  INTERNAL_ENTRY_MARKER,
  escapeEventText,
  escapeProseLine,
  type SectionSpec,
} from './format-layout.js';
import { yamlScalar } from './yaml-scalar.js';

export function getPath(root: unknown, path: string): unknown {
  let node = root;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

function frontMatterLines(doc: Postmortem): string[] {
  const lines: string[] = [];
  for (const { key, path } of FRONT_MATTER_KEYS) {
    const value = getPath(doc, path);
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      if (value.length === 0) lines.push(`${key}: []`);
      else lines.push(`${key}:`, ...value.map((item) => `  - ${yamlScalar(item as string)}`));
    } else {
      lines.push(`${key}: ${yamlScalar(value as string | number | boolean)}`);
    }
  }
  return lines;
}

function proseLines(text: string | undefined, top: SectionSpec): string[] {
  if (text === undefined) return [];
  return text.split('\n').map((line) => escapeProseLine(line, top));
}

function listLines(items: string[]): string[] {
  const out: string[] = [];
  for (const item of items) {
    const [first = '', ...rest] = item.split('\n');
    out.push(`- ${first}`, ...rest.map((line) => (line === '' ? '' : `  ${line}`)));
  }
  return out;
}

function actionLines(item: ActionItem): string[] {
  const closed = item.status === 'done' || item.status === 'wont_do';
  const lines = [`- [${closed ? 'x' : ' '}] ${item.id}: ${item.title}`];
  if (item.status === 'in_progress' || item.status === 'wont_do')
    lines.push(`  - status: ${item.status}`);
  if (item.owner !== undefined) lines.push(`  - owner: ${item.owner}`);
  if (item.due !== undefined) lines.push(`  - due: ${item.due}`);
  if (item.priority !== undefined) lines.push(`  - priority: ${item.priority}`);
  if (item.type !== undefined) lines.push(`  - type: ${item.type}`);
  if (item.link !== undefined) lines.push(`  - link: ${item.link}`);
  if (item.internal) lines.push('  - internal: true');
  return lines;
}

function contentLines(doc: Postmortem, spec: SectionSpec, top: SectionSpec): string[] {
  if (spec.path === null) return [];
  const value = getPath(doc, spec.path);
  switch (spec.kind) {
    case 'prose':
      return proseLines(value as string | undefined, top);
    case 'list':
      return listLines((value as string[] | undefined) ?? []);
    case 'timeline':
      return doc.timeline.map(
        (entry) =>
          `- ${entry.at} ${entry.internal ? `${INTERNAL_ENTRY_MARKER} ` : ''}${escapeEventText(entry.event)}`,
      );
    case 'actions':
      return doc.action_items.flatMap(actionLines);
    default:
      return [];
  }
}

/** The file for a document. `eol` keeps a CRLF file CRLF when the tool rewrites it. */
export function serializePostmortem(
  doc: Postmortem,
  options: { eol?: '\n' | '\r\n' } = {},
): string {
  const lines = ['---', ...frontMatterLines(doc), '---'];
  for (const top of BODY_SECTIONS) {
    lines.push('', `## ${top.heading}`);
    const own = contentLines(doc, top, top);
    if (own.length > 0) lines.push('', ...own);
    for (const sub of top.subs ?? []) {
      lines.push('', `### ${sub.heading}`);
      const content = contentLines(doc, sub, top);
      if (content.length > 0) lines.push('', ...content);
    }
  }
  const eol = options.eol ?? '\n';
  return lines.join(eol) + eol;
}
