// The shipped templates precompiled: `npm run build` replaces this file's output in dist/
// with the real table (scripts/precompile-templates.js). Empty here, so code run from the
// sources (tests) compiles every template at run time, which gives the same output.
import type Handlebars from 'handlebars';

export interface Precompiled {
  source: string;
  spec: Parameters<typeof Handlebars.template>[0];
}

export const PRECOMPILED: ReadonlyMap<string, Precompiled> = new Map();
