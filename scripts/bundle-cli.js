// After tsc and the template precompiler: the CLI bundled into dist/bundle/.
// - postmortem.cjs: the command line, one CommonJS file that src/code-cache.ts compiles
//   with V8's code cache (made next by warm-code-cache.js). Modules reached by import()
//   (the commands) are kept in it but run only when imported, so a command still runs
//   only its own code. The ES-module-only libraries are bundled in; the others load from
//   node_modules (sanitize-html and Handlebars from the bundles bundle-vendor.js makes).
// - publish-worker.js, publish-share-worker.js: the publish threads, ES modules with their
//   shared code in chunks.
// dist/bundle/ lies one folder below dist/, like every compiled module that finds shipped
// files by a relative path (templates, vendor bundles, package.json), so those paths hold.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dist = (path) => fileURLToPath(new URL(`../dist/${path}`, import.meta.url));
const outdir = dist('bundle');
const { dependencies } = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
);
// Inside the bundle: the libraries that are ES modules only (the bundle is compiled by
// vm.Script, where import() fails once V8's code cache is used, and warns without it), and
// commander, which every command runs, so that the code cache holds its compiled code too.
const BUNDLED_LIBRARIES = ['marked', '@inquirer/prompts', 'chalk', 'commander'];

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  legalComments: 'inline',
  logLevel: 'warning',
};

rmSync(outdir, { recursive: true, force: true });

const cli = await build({
  ...common,
  metafile: true,
  entryPoints: { postmortem: dist('run.js') },
  outdir,
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  // Classes keep their names: commander names its errors after their class
  // (this.constructor.name), which run.ts tells apart by name.
  keepNames: true,
  external: Object.keys(dependencies).filter((name) => !BUNDLED_LIBRARIES.includes(name)),
  // import.meta has no CommonJS form: its one use, the module's own URL, is given one.
  define: { 'import.meta.url': '__postmortemModuleUrl' },
  banner: { js: "var __postmortemModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
});

const dynamic = Object.values(cli.metafile.outputs)
  .flatMap((output) => output.imports)
  .filter((i) => i.kind === 'dynamic-import');
if (dynamic.length > 0)
  throw new Error(
    `bundle-cli: postmortem.cjs may not import() at run time: ${dynamic.map((i) => i.path).join(', ')}`,
  );

await build({
  ...common,
  entryPoints: {
    'publish-worker': dist('render/publish-worker.js'),
    'publish-share-worker': dist('render/publish-share-worker.js'),
  },
  outdir,
  splitting: true,
  format: 'esm',
  packages: 'external',
  chunkNames: 'chunk-[hash]',
});
