// After tsc: sanitize-html and its parser as one file, dist/vendor/sanitize-html.cjs
// (or the path given), which loads in a third of the time of its ~35 modules. The code is
// the installed package's, unchanged, except postcss: sanitize-html needs it only to parse
// style attributes, which our options never do, so a stand-in takes its place that loads
// the real one (from where sanitize-html would find it) if anything ever asks.
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const outfile =
  process.argv[2] ?? fileURLToPath(new URL('../dist/vendor/sanitize-html.cjs', import.meta.url));

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

await build({
  entryPoints: [require.resolve('sanitize-html')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  plugins: [postcssStandIn],
  legalComments: 'inline',
  logLevel: 'warning',
  // The stand-in resolves sanitize-html at run time on purpose, to find its postcss.
  logOverride: { 'require-resolve-not-external': 'silent' },
});
