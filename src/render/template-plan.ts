// The shipped templates as plans: their Handlebars syntax tree reduced, at build time, to
// the few forms they use (text, a field, a helper call, #if, #each, a partial), and run
// here with Handlebars' own rules for each. Handlebars' runtime copies every helper's
// options, wraps every block and allocates a location per strict lookup; a page of a
// post-mortem makes hundreds of those. A template with any other form has no plan and
// renders with Handlebars.
type AstNode = { type: string; loc?: { start: Position; end: Position } | null } & Record<
  string,
  unknown
>;
interface Position {
  line: number;
  column: number;
}
type Loc = { start: Position; end: Position };

/** A value: a path from the context or from @root, a literal, or a helper's result. */
export type PlanExpr =
  | { k: 'path'; root: boolean; parts: string[] }
  | { k: 'lit'; v: string | number | boolean | null }
  | { k: 'call'; helper: string; params: PlanExpr[] };

export type PlanNode =
  | string
  | { k: 'field'; root: boolean; parts: string[]; loc: Loc; escape: boolean }
  | { k: 'call'; helper: string; params: PlanExpr[]; escape: boolean }
  | { k: 'if'; e: PlanExpr; fn: PlanNode[]; inverse: PlanNode[] }
  | { k: 'each'; e: PlanExpr; fn: PlanNode[]; inverse: PlanNode[] }
  | { k: 'partial'; name: string };

export interface TemplatePlan {
  body: PlanNode[];
  /** The partials it uses, each of which needs a plan of its own. */
  partials: string[];
}

class Unplannable extends Error {}

function loc(node: AstNode): Loc {
  const l = node.loc;
  if (!l) throw new Unplannable('no location');
  return {
    start: { line: l.start.line, column: l.start.column },
    end: { line: l.end.line, column: l.end.column },
  };
}

/** Only `name.more` or `@root.name.more`: no `this`, `../`, other data or block params. */
function pathOf(node: AstNode): { root: boolean; parts: string[] } {
  if (node.type !== 'PathExpression' || node.depth !== 0) throw new Unplannable(node.type);
  const parts = node.parts as string[];
  const original = node.original as string;
  if (parts.length === 0 || original.startsWith('this') || original.includes('/'))
    throw new Unplannable(original);
  if (node.data) {
    if (parts[0] !== 'root' || parts.length < 2) throw new Unplannable(original);
    return { root: true, parts: parts.slice(1) };
  }
  return { root: false, parts };
}

/**
 * Turns a parsed template (Handlebars.parse with the compile options) into a plan, or
 * undefined when it uses anything the plan runner does not do exactly as Handlebars.
 */
export function planTemplate(
  ast: unknown,
  options: {
    helpers: readonly string[];
    noEscape: boolean;
    strict: boolean;
    knownHelpersOnly: boolean;
    preventIndent: boolean;
  },
): TemplatePlan | undefined {
  // The runner does what these options make Handlebars do, and nothing else.
  if (!options.strict || !options.knownHelpersOnly || !options.preventIndent) return undefined;
  const partials = new Set<string>();
  const helper = (node: AstNode): string => {
    const { parts } = pathOf(node);
    const name = parts.join('.');
    if (node.data || !options.helpers.includes(name)) throw new Unplannable(name);
    return name;
  };
  const noHash = (node: AstNode): void => {
    if (node.hash) throw new Unplannable('hash');
  };
  const expr = (node: AstNode): PlanExpr => {
    switch (node.type) {
      case 'PathExpression': {
        const name = (node.parts as string[]).join('.');
        if (!node.data && options.helpers.includes(name)) throw new Unplannable(name);
        return { k: 'path', ...pathOf(node) };
      }
      case 'StringLiteral':
      case 'NumberLiteral':
      case 'BooleanLiteral':
        return { k: 'lit', v: node.value as string | number | boolean };
      case 'NullLiteral':
        return { k: 'lit', v: null };
      case 'SubExpression':
        noHash(node);
        return {
          k: 'call',
          helper: helper(node.path as AstNode),
          params: (node.params as AstNode[]).map(expr),
        };
      default:
        throw new Unplannable(node.type);
    }
  };
  const program = (node: AstNode | null | undefined): PlanNode[] => {
    if (!node) return [];
    if ((node.blockParams as unknown[] | undefined)?.length) throw new Unplannable('as |x|');
    const out: PlanNode[] = [];
    for (const statement of node.body as AstNode[]) {
      const planned = statementOf(statement);
      if (planned === undefined) continue;
      const last = out[out.length - 1];
      if (typeof planned === 'string' && typeof last === 'string')
        out[out.length - 1] = last + planned;
      else out.push(planned);
    }
    // Handlebars joins a program's pieces with `+`: two values first could add as numbers.
    if (out.length >= 2 && typeof out[0] !== 'string' && typeof out[1] !== 'string')
      throw new Unplannable('two values first');
    return out;
  };
  const statementOf = (node: AstNode): PlanNode | undefined => {
    switch (node.type) {
      case 'ContentStatement':
        return (node.value as string) === '' ? undefined : (node.value as string);
      case 'CommentStatement':
        return undefined;
      case 'MustacheStatement': {
        noHash(node);
        const escape = !options.noEscape && node.escaped === true;
        const params = node.params as AstNode[];
        const path = node.path as AstNode;
        if (params.length > 0)
          return { k: 'call', helper: helper(path), params: params.map(expr), escape };
        const e = expr(path);
        if (e.k !== 'path') throw new Unplannable('literal');
        return { k: 'field', root: e.root, parts: e.parts, loc: loc(path), escape };
      }
      case 'BlockStatement': {
        noHash(node);
        const name = pathOf(node.path as AstNode).parts.join('.');
        const params = node.params as AstNode[];
        if ((name !== 'if' && name !== 'each') || params.length !== 1) throw new Unplannable(name);
        if ((node.path as AstNode).data) throw new Unplannable(name);
        return {
          k: name,
          e: expr(params[0] as AstNode),
          fn: program(node.program as AstNode),
          inverse: program(node.inverse as AstNode | null),
        };
      }
      case 'PartialStatement': {
        noHash(node);
        const name = node.name as AstNode;
        if ((node.params as unknown[]).length > 0 || name.type !== 'PathExpression')
          throw new Unplannable('partial');
        const { parts } = pathOf(name);
        const partial = parts.join('.');
        partials.add(partial);
        return { k: 'partial', name: partial };
      }
      default:
        throw new Unplannable(node.type);
    }
  };
  try {
    const body = program(ast as AstNode);
    return { body, partials: [...partials] };
  } catch (error) {
    if (error instanceof Unplannable) return undefined;
    throw error;
  }
}

type Helper = (...args: unknown[]) => unknown;

/** What running a plan needs from the Handlebars in use. */
export interface PlanRuntime {
  helpers: Readonly<Record<string, Helper>>;
  partials: ReadonlyMap<string, TemplatePlan>;
  escapeExpression: (value: unknown) => string;
  /** Handlebars' Exception: a location gives it the line and column. */
  Exception: new (message: string, node?: { loc: Loc }) => Error;
}

// Helpers get Handlebars' options object last; ours take fixed arguments and never read it.
const HELPER_OPTIONS = Object.freeze({ hash: Object.freeze({}) });

/** Handlebars' lookupProperty: own properties only (no prototype access). */
function lookup(parent: unknown, name: string): unknown {
  const value = (parent as Record<string, unknown>)[name];
  if (value === null || value === undefined) return value;
  return name !== 'constructor' && Object.prototype.hasOwnProperty.call(parent, name)
    ? value
    : undefined;
}

/** Handlebars' `name in obj`: a TypeError for a value that is not an object. */
function hasName(owner: unknown, name: string): boolean {
  return Reflect.has(owner as object, name);
}

/** Handlebars' `#if`: false for falsy values (0 included) and empty lists. */
function truthy(value: unknown): boolean {
  return Boolean(value) && !(Array.isArray(value) && value.length === 0);
}

class PlanRun {
  constructor(
    private readonly rt: PlanRuntime,
    private readonly root: unknown,
  ) {}

  /** The value at the first `count` names of a path (all of them by default). */
  private path(
    ctx: unknown,
    root: boolean,
    parts: readonly string[],
    count = parts.length,
  ): unknown {
    let value = root ? this.root : ctx;
    for (let i = 0; i < count; i++) value = lookup(value, parts[i] as string);
    return value;
  }

  private value(e: PlanExpr, ctx: unknown): unknown {
    if (e.k === 'lit') return e.v;
    if (e.k === 'path') return this.path(ctx, e.root, e.parts);
    return this.call(e.helper, e.params, ctx);
  }

  private call(name: string, params: readonly PlanExpr[], ctx: unknown): unknown {
    const helper = this.rt.helpers[name] as Helper;
    const args = params.map((p) => this.value(p, ctx));
    args.push(HELPER_OPTIONS);
    return helper.apply(ctx, args);
  }

  /** Handlebars' strict lookup of a shown field: the last name must exist. */
  private field(node: Extract<PlanNode, { k: 'field' }>, ctx: unknown): unknown {
    const { parts } = node;
    const owner = this.path(ctx, node.root, parts, parts.length - 1);
    const name = parts[parts.length - 1] as string;
    if (!owner || !hasName(owner, name)) {
      throw new this.rt.Exception(`"${name}" not defined in ${String(owner)}`, { loc: node.loc });
    }
    const value = lookup(owner, name);
    return typeof value === 'function' ? (value as () => unknown).call(ctx) : value;
  }

  private out(value: unknown, escape: boolean): string {
    if (escape) return this.rt.escapeExpression(value);
    return value === null || value === undefined ? '' : `${value as string}`;
  }

  run(nodes: readonly PlanNode[], ctx: unknown): string {
    let out = '';
    for (const node of nodes) {
      if (typeof node === 'string') out += node;
      else if (node.k === 'field') out += this.out(this.field(node, ctx), node.escape);
      else if (node.k === 'call')
        out += this.out(this.call(node.helper, node.params, ctx), node.escape);
      else if (node.k === 'if') {
        let cond = this.value(node.e, ctx);
        if (typeof cond === 'function') cond = (cond as () => unknown).call(ctx);
        out += this.run(truthy(cond) ? node.fn : node.inverse, ctx);
      } else if (node.k === 'each') out += this.each(node, ctx);
      else {
        const partial = this.rt.partials.get(node.name);
        if (!partial) throw new this.rt.Exception(`The partial ${node.name} could not be found`);
        out += this.run(partial.body, ctx);
      }
    }
    return out;
  }

  /** Handlebars' `#each` over a list, an iterable or an object's own keys. */
  private each(node: Extract<PlanNode, { k: 'each' }>, ctx: unknown): string {
    let list = this.value(node.e, ctx);
    if (typeof list === 'function') list = (list as () => unknown).call(ctx);
    let out = '';
    let count = 0;
    if (list && typeof list === 'object') {
      if (!Array.isArray(list) && Symbol.iterator in list) list = [...(list as Iterable<unknown>)];
      if (Array.isArray(list)) {
        count = list.length;
        for (let i = 0; i < list.length; i++)
          if (i in list) out += this.run(node.fn, list[i] as unknown);
      } else {
        const record = list as Record<string, unknown>;
        for (const key of Object.keys(record)) {
          count++;
          out += this.run(node.fn, record[key]);
        }
      }
    }
    return count === 0 ? this.run(node.inverse, ctx) : out;
  }
}

/** Renders a plan with its context, as the template would with Handlebars. */
export function runPlan(plan: TemplatePlan, context: unknown, rt: PlanRuntime): string {
  return new PlanRun(rt, context).run(plan.body, context);
}
