// Render throughput of the tool itself, in one process: the first <count> documents,
// each read and parsed once, then public and internal, Markdown and HTML, with one
// renderer (templates compiled once), as publish does. Output goes to memory.
//
//   node render-all.js <repo> <count> [<app folder holding dist/>]
//
// Uses the same modules as `postmortem render` (workspace, render/render.js). When
// those exports are not there (yet, or any more), it falls back to calling the render
// command's function per output, which also opens the workspace each time.
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [repoArg, count, app = new URL('../../', import.meta.url).pathname] = process.argv.slice(2);
const repo = resolve(repoArg);
const load = (path) => import(pathToFileURL(join(app, 'dist', path)).href);
let total = 0;
const out = {
  color: false,
  json: false,
  isTTY: false,
  print: (text) => void (total += text.length + 1),
  info: () => {},
  printJson: (value) => void (total += JSON.stringify(value).length),
};
const ctx = { cwd: repo, env: process.env, repo, out, now: () => new Date(), stdinIsTTY: false };
const VARIANTS = [
  ['public', 'md'],
  ['public', 'html'],
  ['internal', 'md'],
  ['internal', 'html'],
];

async function withRenderer(ids) {
  const { openWorkspace } = await load('workspace.js');
  const { createRenderer, DocumentRenderer } = await load('render/render.js');
  if (typeof openWorkspace !== 'function' || typeof DocumentRenderer !== 'function') return false;
  const { location, config, store } = openWorkspace(ctx);
  const renderer = new DocumentRenderer(createRenderer(location.root, config));
  for (const id of ids) {
    const stored = store.read(store.resolveRef(id, repo));
    for (const [audience, format] of VARIANTS)
      total += renderer.render(stored.doc, audience, format, stored.path).length;
  }
  return true;
}

async function withCommand(ids) {
  const { runRender } = await load('commands/render.js');
  for (const id of ids) {
    for (const [audience, format] of VARIANTS) {
      const code = await runRender(ctx, { id, audience, format });
      if (typeof code === 'number' && code !== 0)
        throw new Error(`render ${id} --audience ${audience} --format ${format} exited ${code}`);
    }
  }
}

try {
  const ids = readdirSync(join(repo, 'postmortems'))
    .filter((n) => n.endsWith('.md'))
    .sort()
    .slice(0, Number(count))
    .map((n) => n.slice(0, -3));
  let how = 'renderer';
  try {
    if (!(await withRenderer(ids))) how = null;
  } catch (error) {
    if (error?.code !== 'ERR_MODULE_NOT_FOUND' && !(error instanceof TypeError)) throw error;
    how = null;
  }
  if (how === null) {
    await withCommand(ids);
    how = 'command';
  }
  process.stdout.write(`${total} characters via the ${how}\n`);
} catch (error) {
  process.stderr.write(`postmortem: ${error?.message ?? String(error)}\n`);
  process.exitCode = 1;
}
