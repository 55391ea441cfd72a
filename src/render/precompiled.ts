// The shipped templates precompiled: `npm run build` replaces this file's output in dist/
// with the real table (scripts/precompile-templates.js). Empty here, so code run from the
// sources (tests) compiles every template at run time, which gives the same output.
import type Handlebars from 'handlebars';
import type { TemplatePlan } from './template-plan.js';

export interface Precompiled {
  source: string;
  spec: Parameters<typeof Handlebars.template>[0];
  /** The template as a plan (template-plan.ts), when it has one. */
  plan?: TemplatePlan | null;
}

export const PRECOMPILED: ReadonlyMap<string, Precompiled> = new Map();
