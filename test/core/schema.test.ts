// The JSON Schema editors use to check hand edits: in step with the parser, and
// satisfied by every example. A small checker for the subset of JSON Schema it uses
// (no dependency): type, enum, pattern, minLength, minimum, items, required,
// additionalProperties: false, oneOf, not and local $ref.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { FRONT_MATTER_KEYS } from '../../src/core/format-layout.js';
import { STATUSES } from '../../src/core/model.js';
import { ID_PATTERN } from '../../src/core/slug.js';
import { isIsoTime, isPlainDate } from '../../src/core/time.js';
import { isValidId } from '../../src/core/slug.js';

interface Schema {
  $schema?: string;
  $ref?: string;
  $defs?: Record<string, Schema>;
  type?: string;
  enum?: unknown[];
  pattern?: string;
  minLength?: number;
  minimum?: number;
  items?: Schema;
  required?: string[];
  properties?: Record<string, Schema>;
  additionalProperties?: boolean;
  oneOf?: Schema[];
  not?: Schema;
}

const SUPPORTED = new Set([
  '$schema',
  '$id',
  '$ref',
  '$defs',
  'title',
  'description',
  'default',
  'examples',
  'type',
  'enum',
  'pattern',
  'minLength',
  'minimum',
  'items',
  'required',
  'properties',
  'additionalProperties',
  'oneOf',
  'not',
]);

const root = JSON.parse(
  readFileSync(new URL('../../schema/postmortem.schema.json', import.meta.url), 'utf8'),
) as Schema;

function typeOf(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function resolve(schema: Schema): Schema {
  if (schema.$ref === undefined) return schema;
  const target = root.$defs?.[schema.$ref.replace('#/$defs/', '')];
  if (!target) throw new Error(`unresolved ${schema.$ref}`);
  return resolve(target);
}

function checkScalar(schema: Schema, value: unknown, path: string): string[] {
  const errors: string[] = [];
  if (schema.enum && !schema.enum.includes(value))
    errors.push(`${path}: not one of ${schema.enum.join(', ')}`);
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && [...value].length < schema.minLength)
      errors.push(`${path}: too short`);
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) {
      errors.push(`${path}: does not match ${schema.pattern}`);
    }
  }
  if (typeof value === 'number' && schema.minimum !== undefined && value < schema.minimum) {
    errors.push(`${path}: below ${schema.minimum}`);
  }
  return errors;
}

function checkObject(schema: Schema, object: Record<string, unknown>, path: string): string[] {
  const errors: string[] = [];
  for (const key of schema.required ?? [])
    if (!(key in object)) errors.push(`${path}: missing ${key}`);
  for (const [key, item] of Object.entries(object)) {
    const property = schema.properties?.[key];
    if (property) errors.push(...check(property, item, `${path}.${key}`));
    else if (schema.additionalProperties === false) errors.push(`${path}: unknown field ${key}`);
  }
  return errors;
}

/** Every way `value` breaks `schema`, as "path: what". Empty when it satisfies it. */
function check(given: Schema, value: unknown, path = '$'): string[] {
  for (const key of Object.keys(given))
    if (!SUPPORTED.has(key)) throw new Error(`checker does not support ${key}`);
  const schema = resolve(given);
  const type = typeOf(value);
  if (
    schema.type !== undefined &&
    schema.type !== type &&
    !(schema.type === 'number' && type === 'integer')
  ) {
    return [`${path}: expected ${schema.type}, found ${type}`];
  }
  const errors = checkScalar(schema, value, path);
  if (Array.isArray(value) && schema.items) {
    value.forEach((item, i) => errors.push(...check(schema.items!, item, `${path}[${i}]`)));
  }
  if (type === 'object')
    errors.push(...checkObject(schema, value as Record<string, unknown>, path));
  if (schema.oneOf) {
    const matching = schema.oneOf.filter((s) => check(s, value, path).length === 0).length;
    if (matching !== 1) errors.push(`${path}: matches ${matching} of oneOf`);
  }
  if (schema.not && check(schema.not, value, path).length === 0)
    errors.push(`${path}: matches a forbidden form`);
  return errors;
}

/** The front matter as an editor's YAML support reads it (YAML 1.2 core schema). */
function frontMatterOf(text: string): unknown {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(text);
  if (!match) throw new Error('no front matter');
  return parseYaml(match[1] ?? '');
}

const EXAMPLES = new URL('../../examples/', import.meta.url);
const examples = readdirSync(EXAMPLES).filter((name) => name.endsWith('.md'));

describe('schema/postmortem.schema.json', () => {
  it('is a draft 2020-12 schema that allows no other fields', () => {
    expect(root.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(root.type).toBe('object');
    expect(root.additionalProperties).toBe(false);
  });

  it('has exactly the front matter keys, in the order they are written', () => {
    expect(Object.keys(root.properties ?? {})).toStrictEqual(FRONT_MATTER_KEYS.map((k) => k.key));
  });

  it('requires what the validator requires', () => {
    expect(root.required).toStrictEqual(['id', 'title', 'severity', 'timezone', 'started_at']);
    expect(check(root, { id: 'a' })).toStrictEqual([
      '$: missing title',
      '$: missing severity',
      '$: missing timezone',
      '$: missing started_at',
    ]);
  });

  it('has the enums of model.ts and the id pattern of slug.ts', () => {
    expect(root.properties?.status?.enum).toStrictEqual([...STATUSES]);
    expect(root.$defs?.id?.pattern).toBe(ID_PATTERN.source);
  });

  it('agrees with the parser on ids, times and dates', () => {
    const ids = [
      '2026-11-24-api-outage',
      'a',
      'con',
      'nul',
      'Con',
      '-x',
      '../x',
      'x'.repeat(81),
      'x'.repeat(82),
      'a_b',
    ];
    for (const id of ids) expect(check(root.$defs!.id!, id).length === 0, id).toBe(isValidId(id));
    const times = [
      '2026-11-24T02:07:00+11:00',
      '2026-11-24T02:07+11:00',
      '2026-11-24T02:07:00.5Z',
      '2026-11-24T02:07:00',
      '2026-13-01T00:00:00Z',
      '2026-11-24T24:00:00Z',
      '2026-11-24T02:07:00+24:00',
      '2026-11-24',
      '12:30',
      '2026-11-24T02:07:60Z',
    ];
    for (const time of times)
      expect(check(root.$defs!.time!, time).length === 0, time).toBe(isIsoTime(time));
    for (const date of ['2026-12-15', '2026-13-01', '2026-12-15T00:00:00Z', '26-12-15']) {
      expect(check(root.$defs!.date!, date).length === 0, date).toBe(isPlainDate(date));
    }
  });

  it('is satisfied by the front matter of every example', () => {
    expect(examples.length).toBeGreaterThanOrEqual(3);
    for (const name of examples) {
      const value = frontMatterOf(readFileSync(new URL(name, EXAMPLES), 'utf8'));
      expect(check(root, value), name).toStrictEqual([]);
    }
  });

  it('catches the hand edits the parser refuses', () => {
    const good = frontMatterOf(readFileSync(new URL(examples[0]!, EXAMPLES), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(check(root, { ...good, started_at: '2026-03-14T02:00:00' })).toStrictEqual([
      `$.started_at: does not match ${root.$defs?.time?.pattern}`,
    ]);
    expect(check(root, { ...good, data_loss: 'no' })).toStrictEqual([
      '$.data_loss: expected boolean, found string',
    ]);
    expect(check(root, { ...good, status: 'done' })).toStrictEqual([
      '$.status: not one of draft, review, approved, published',
    ]);
    expect(check(root, { ...good, summary: 'x' })).toStrictEqual(['$: unknown field summary']);
    expect(check(root, { ...good, customers_affected: -1 })).toStrictEqual([
      '$.customers_affected: matches 0 of oneOf',
    ]);
    expect(check(root, { ...good, authors: ['  '] })).toStrictEqual([
      `$.authors[0]: does not match ${root.$defs?.line?.pattern}`,
    ]);
  });
});
