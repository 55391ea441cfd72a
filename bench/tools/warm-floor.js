#!/usr/bin/env node
// What a publish costs a document once the JIT is warm: publishes every document of a
// repository several times over in one thread of one process (read, render, leak checks,
// write), each pass into an empty folder, and prints each pass's wall and CPU time. The
// first pass is what a fresh process pays; the later ones are the floor no start-up work
// can go below. CPU time is the process's, V8's background threads (compilation,
// collection) included.
//
//   node bench/tools/warm-floor.js <repo> [--passes N] [--out DIR]
//
// Run `npm run build` first. --out defaults to a folder under the system's temp folder;
// a RAM-backed one (/dev/shm) keeps the file system's own cost out of the figures.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const argv = process.argv.slice(2);
let repo = null;
let passes = 4;
let outRoot = null;
while (argv.length) {
  const a = argv.shift();
  if (a === '--passes') passes = Number(argv.shift());
  else if (a === '--out') outRoot = resolve(argv.shift());
  else if (!a.startsWith('--') && repo === null) repo = resolve(a);
  else {
    process.stderr.write(`warm-floor: unknown argument ${a}\n`);
    process.exit(2);
  }
}
if (repo === null || !(passes >= 1)) {
  process.stderr.write('usage: node bench/tools/warm-floor.js <repo> [--passes N] [--out DIR]\n');
  process.exit(2);
}

const app = new URL('../../dist/', import.meta.url).pathname;
const load = (path) => import(pathToFileURL(join(app, path)).href);
const { openWorkspace } = await load('workspace.js');
const { createRenderer, DocumentRenderer } = await load('render/render.js');
const { publishDocument } = await load('render/publish-share.js');

const out = { color: false, json: false, isTTY: false, print() {}, info() {}, printJson() {} };
const ctx = { cwd: repo, env: process.env, repo, out, now: () => new Date(), stdinIsTTY: false };
const { location, config, store } = openWorkspace(ctx);
const renderer = new DocumentRenderer(createRenderer(location.root, config));
const docs = store
  .listFiles()
  .map((file, index) => ({ index, file, path: store.relativePath(file) }));
const root = outRoot ?? mkdtempSync(join(tmpdir(), 'postmortem-warm-floor-'));

for (let pass = 1; pass <= passes; pass++) {
  const dir = join(root, `pass-${pass}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const settings = {
    mode: 'out',
    dir,
    previous: undefined,
    names: new Set(),
    files: new Set(),
    inputCache: undefined,
  };
  let failed = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (const doc of docs) if (publishDocument(store, renderer, settings, doc).error) failed++;
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  process.stdout.write(
    `pass ${pass}: ${docs.length} documents${failed ? ` (${failed} failed)` : ''}, ` +
      `wall ${wall.toFixed(0)} ms, CPU ${cpuMs.toFixed(0)} ms, ` +
      `${(cpuMs / docs.length).toFixed(3)} ms of CPU a document\n`,
  );
  rmSync(dir, { recursive: true, force: true });
}
if (outRoot === null) rmSync(root, { recursive: true, force: true });
