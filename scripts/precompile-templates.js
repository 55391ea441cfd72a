// After tsc: precompile the shipped templates into dist/render/precompiled.js, with the
// same options and helpers the engine compiles with at run time.
import { writeFileSync } from 'node:fs';
import { precompiledModule } from '../dist/render/engine.js';
import { readTemplate, shippedTemplates } from '../dist/render/templates.js';

const shipped = shippedTemplates().filter((t) => t.kind !== 'stylesheet');
const sources = new Map(shipped.map((t) => [t.name, readTemplate(t)]));
writeFileSync(
  new URL('../dist/render/precompiled.js', import.meta.url),
  precompiledModule(sources),
);
