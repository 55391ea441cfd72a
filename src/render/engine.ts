// An isolated Handlebars: strict, no `log` or `lookup`, only our helpers, no prototype
// access. Document text only ever arrives as data; it is never compiled.
import type HandlebarsFull from 'handlebars';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { dateInZone, formatDuration, formatInZone } from '../core/time.js';
import { UserError } from '../errors.js';
import { PRECOMPILED, type Precompiled } from './precompiled.js';
import { planTemplate, runPlan, type PlanRuntime, type TemplatePlan } from './template-plan.js';
import { readTemplate, type TemplateFile } from './templates.js';

type Handlebars = typeof HandlebarsFull;

// The shipped templates come precompiled (npm run build), so rendering with them needs
// only the runtime; the compiler (and its source-map dependency) loads for a repo's own
// templates alone. Both are the same package, the same version. The build also bundles the
// runtime's twenty modules into one file (scripts/bundle-vendor.js), which loads in a
// fraction of the time; from the sources (tests) the package's own modules load.
const require = createRequire(import.meta.url);
const BUNDLED_RUNTIME = new URL('../vendor/handlebars-runtime.cjs', import.meta.url);
let runtime: Handlebars | undefined;
let full: Handlebars | undefined;
function handlebarsRuntime(): Handlebars {
  runtime ??= require(
    existsSync(BUNDLED_RUNTIME) ? fileURLToPath(BUNDLED_RUNTIME) : 'handlebars/runtime',
  ) as Handlebars;
  return runtime;
}
function handlebarsFull(): Handlebars {
  full ??= require('handlebars') as Handlebars;
  return full;
}

type TemplateFn = (context: unknown, options?: HandlebarsFull.RuntimeOptions) => string;

const HELPER_NAMES = [
  'time',
  'date',
  'duration',
  'list',
  'join',
  'plural',
  'any',
  'yesno',
] as const;

const KNOWN_HELPERS: Record<string, boolean> = {
  ...Object.fromEntries(HELPER_NAMES.map((n) => [n, true])),
  log: false,
  lookup: false,
};

function text(value: unknown, helper: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  throw new Error(`${helper} expects text, got ${Array.isArray(value) ? 'a list' : typeof value}`);
}

function strings(value: unknown, helper: string): string[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) throw new Error(`${helper} expects a list`);
  return value.map((v) => text(v, helper));
}

/** Markdown bullets; an item's later lines are indented under its bullet. */
export function markdownList(items: readonly string[]): string {
  return items
    .map(
      (item) =>
        `- ${item
          .split('\n')
          .join('\n  ')
          .replace(/\n +\n/g, '\n\n')}`,
    )
    .join('\n');
}

function registerHelpers(env: Handlebars): void {
  env.unregisterHelper('log');
  env.unregisterHelper('lookup');
  // Helpers get the Handlebars options object last; every one here takes fixed arguments.
  env.registerHelper('time', (iso: unknown, zone: unknown) => {
    const at = text(iso, 'time');
    return at === '' ? '' : formatInZone(at, text(zone, 'time') || 'UTC');
  });
  env.registerHelper('date', (iso: unknown, zone: unknown) => {
    const at = text(iso, 'date');
    return at === '' ? '' : dateInZone(at, text(zone, 'date') || 'UTC');
  });
  env.registerHelper('duration', (minutes: unknown) =>
    formatDuration(typeof minutes === 'number' ? minutes : null),
  );
  env.registerHelper('list', (items: unknown) => markdownList(strings(items, 'list')));
  env.registerHelper('join', (items: unknown, separator: unknown) =>
    strings(items, 'join').join(typeof separator === 'string' ? separator : ', '),
  );
  env.registerHelper('plural', (count: unknown, one: unknown, many: unknown) => {
    const n = typeof count === 'number' ? count : Number(text(count, 'plural'));
    return `${n} ${n === 1 ? text(one, 'plural') : text(many, 'plural')}`;
  });
  env.registerHelper('any', (...args: unknown[]) => args.slice(0, -1).some((v) => Boolean(v)));
  env.registerHelper('yesno', (value: unknown) =>
    value === true ? 'yes' : value === false ? 'no' : 'unknown',
  );
}

const ANNOTATED = Symbol('template-error');

/** A template error as one line naming the file, the line and the missing field. */
function templateError(error: unknown, t: TemplateFile): Error {
  if (error instanceof Error && (error as Error & { [ANNOTATED]?: true })[ANNOTATED]) return error;
  const e = error as { message?: string; lineNumber?: number };
  const raw = e.message ?? String(error);
  const parseLine = /Parse error on line (\d+)/.exec(raw)?.[1];
  const line =
    e.lineNumber ?? (parseLine === undefined ? /- (\d+):\d+$/.exec(raw)?.[1] : Number(parseLine));
  const missing = /^"([^"]+)" not defined in/.exec(raw)?.[1];
  const unknownHelper = /unknown helper (\S+)/.exec(raw)?.[1];
  let detail: string;
  if (missing !== undefined) detail = `the field "${missing}" does not exist here`;
  else if (unknownHelper !== undefined)
    detail = `"${unknownHelper}" is not an available helper (helpers: ${HELPER_NAMES.join(', ')})`;
  else detail = raw.split('\n')[0]?.replace(/ - \d+:\d+$/, '') ?? raw;
  const where = line === undefined ? t.display : `${t.display}:${line}`;
  const wrapped = new UserError(`template ${where}: ${detail}`, {
    hint: 'templates see only the fields of the view; run `postmortem templates` to see which files are in effect',
  });
  (wrapped as Error & { [ANNOTATED]?: true })[ANNOTATED] = true;
  return wrapped;
}

function partialName(t: TemplateFile): string {
  return t.name.replace(/\.[a-z]+\.hbs$/, '').replace(/\.hbs$/, '');
}

/** How every template is compiled, at build time and at run time alike. */
export function compileOptions(name: string): CompileOptions {
  return {
    strict: true,
    knownHelpers: KNOWN_HELPERS,
    knownHelpersOnly: true,
    noEscape: !name.endsWith('.html.hbs'),
    preventIndent: true,
  };
}

type CompileOptions = NonNullable<Parameters<Handlebars['precompile']>[1]>;

/**
 * The `precompiled.js` module for templates given as name -> source: each template's
 * source and its Handlebars specification (JavaScript), for `npm run build`.
 */
export function precompiledModule(sources: ReadonlyMap<string, string>): string {
  const hbs = handlebarsFull();
  const entries = [...sources].map(([name, source]) => {
    const options = compileOptions(name);
    // precompile gives the specification as JavaScript text (its types say an object).
    const spec = hbs.precompile(source, options) as unknown as string;
    const plan = planTemplate(hbs.parse(source, options), {
      helpers: HELPER_NAMES,
      noEscape: options.noEscape === true,
      strict: options.strict === true,
      knownHelpersOnly: options.knownHelpersOnly === true,
      preventIndent: options.preventIndent === true,
    });
    return `  [${JSON.stringify(name)}, { source: ${JSON.stringify(source)}, spec: ${spec}, plan: ${JSON.stringify(plan ?? null)} }],`;
  });
  return [
    '// Generated by scripts/precompile-templates.js (npm run build): the shipped templates, precompiled.',
    'export const PRECOMPILED = new Map([',
    ...entries,
    ']);',
    '',
  ].join('\n');
}

/** The templates of a repo, compiled once and rendered many times. */
export class TemplateEngine {
  private readonly env: Handlebars;
  private readonly templates = new Map<string, { t: TemplateFile; fn: TemplateFn }>();
  private readonly styles = new Map<string, string>();

  /**
   * `precompiled` holds the shipped templates compiled at build time; one is used only
   * when its source is exactly the file in effect, anything else compiles here.
   */
  constructor(
    readonly files: readonly TemplateFile[],
    precompiled: ReadonlyMap<string, Precompiled> = PRECOMPILED,
  ) {
    const sources = files
      .filter((t) => t.kind !== 'stylesheet')
      .map((t) => {
        const source = readTemplate(t);
        const ready = t.origin === 'shipped' ? precompiled.get(t.name) : undefined;
        const same = ready?.source === source;
        return {
          t,
          source,
          spec: same ? ready.spec : undefined,
          plan: same ? (ready.plan ?? undefined) : undefined,
        };
      });
    this.env = (sources.every((s) => s.spec) ? handlebarsRuntime() : handlebarsFull()).create();
    registerHelpers(this.env);
    const plans = new Map<string, TemplatePlan>();
    for (const { t, plan } of sources)
      if (plan && t.kind === 'partial') plans.set(partialName(t), plan);
    const rt: PlanRuntime = {
      helpers: this.env.helpers as PlanRuntime['helpers'],
      partials: plans,
      escapeExpression: this.env.Utils.escapeExpression as PlanRuntime['escapeExpression'],
      Exception: this.env.Exception as unknown as PlanRuntime['Exception'],
    };
    for (const { t, source, spec, plan } of sources) {
      const fn = this.wrap(
        t,
        spec ? this.env.template(spec) : this.env.compile(source, compileOptions(t.name)),
      );
      if (t.kind === 'partial') {
        this.env.registerPartial(partialName(t), fn as unknown as HandlebarsFull.Template);
      } else if (plan && plan.partials.every((name) => plans.has(name))) {
        this.templates.set(t.name, {
          t,
          fn: this.wrap(t, (context) => runPlan(plan, context, rt)),
        });
      } else {
        this.templates.set(t.name, { t, fn });
      }
    }
  }

  private wrap(t: TemplateFile, compiled: TemplateFn): TemplateFn {
    return (context, options) => {
      try {
        return compiled(context, options);
      } catch (error) {
        throw templateError(error, t);
      }
    };
  }

  render(name: string, context: object): string {
    const entry = this.templates.get(name);
    if (!entry) throw new Error(`no template named ${name}`);
    return entry.fn(context, {
      allowProtoPropertiesByDefault: false,
      allowProtoMethodsByDefault: false,
    });
  }

  stylesheet(name: string): string {
    let css = this.styles.get(name);
    if (css === undefined) {
      const t = this.files.find((f) => f.name === name);
      if (!t) throw new Error(`no stylesheet named ${name}`);
      css = readTemplate(t);
      // The page may make no request and run no code: no imports, no urls, no way out.
      if (/@import|url\s*\(|expression\s*\(|<\/?\s*style|javascript:|behavior\s*:/i.test(css)) {
        throw new UserError(
          `${t.display}: a stylesheet may not load anything (@import, url(...)) or close the style element`,
          {
            hint: 'pages are standalone: inline what you need as plain CSS',
          },
        );
      }
      this.styles.set(name, css);
    }
    return css;
  }
}

// Escaping recognises it by its toHTML method: one class serves the runtime and the full build.
export const SafeString = handlebarsRuntime().SafeString;
