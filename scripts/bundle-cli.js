// After tsc and the template precompiler: the CLI bundled into dist/bundle/, one entry for
// the command line and one for each worker, with the code that entries and lazily imported
// commands share split into chunks. Node loads a few chunks in less time than the forty-odd
// modules a command would otherwise load one by one; what each command loads stays lazy.
// Libraries stay in node_modules (the render path's are bundled by bundle-vendor.js).
// dist/bundle/ lies one folder below dist/, like every compiled module that finds shipped
// files by a relative path (templates, vendor bundles, package.json), so those paths hold.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dist = (path) => fileURLToPath(new URL(`../dist/${path}`, import.meta.url));
const outdir = dist('bundle');

rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: {
    main: dist('main.js'),
    'publish-worker': dist('render/publish-worker.js'),
    'publish-share-worker': dist('render/publish-share-worker.js'),
  },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  chunkNames: 'chunk-[hash]',
  legalComments: 'inline',
  logLevel: 'warning',
});
