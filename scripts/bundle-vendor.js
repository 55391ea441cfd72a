// After tsc: libraries the render path loads, each bundled into one file under
// dist/vendor/ (or the folder given), which loads in a third to a half of the time of
// their many modules. The code is the installed packages', unchanged, except sanitize-html's
// postcss: it is needed only to parse style attributes, which our options never do, so a
// stand-in takes its place that loads the real one (from where sanitize-html would find
// it) if anything ever asks.
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const outdir = process.argv[2] ?? fileURLToPath(new URL('../dist/vendor/', import.meta.url));

const POSTCSS_STAND_IN = `
const { createRequire } = require('node:module');
module.exports = {
  parse: (...args) => createRequire(require.resolve('sanitize-html'))('postcss').parse(...args),
};
`;

const postcssStandIn = {
  name: 'postcss-stand-in',
  setup(on) {
    on.onResolve({ filter: /^postcss$/ }, () => ({ path: 'postcss', namespace: 'stand-in' }));
    on.onLoad({ filter: /.*/, namespace: 'stand-in' }, () => ({
      contents: POSTCSS_STAND_IN,
      loader: 'js',
    }));
  },
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  legalComments: 'inline',
  logLevel: 'warning',
};

await build({
  ...common,
  entryPoints: [require.resolve('sanitize-html')],
  outfile: join(outdir, 'sanitize-html.cjs'),
  plugins: [postcssStandIn],
  // The stand-in resolves sanitize-html at run time on purpose, to find its postcss.
  logOverride: { 'require-resolve-not-external': 'silent' },
});

// The runtime that precompiled templates need (src/render/precompiled.ts).
await build({
  ...common,
  entryPoints: [require.resolve('handlebars/runtime')],
  outfile: join(outdir, 'handlebars-runtime.cjs'),
});
