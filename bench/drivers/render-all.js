// Render throughput of the tool itself: the `render` command's function, called in one
// process for the first <count> documents, public and internal, Markdown and HTML,
// exactly as `postmortem render <id> --audience A --format F` calls it (output to memory).
//
//   node render-all.js <repo> <count>
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [repo, count, app = new URL('../../', import.meta.url).pathname] = process.argv.slice(2);
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

try {
  const { runRender } = await import(pathToFileURL(join(app, 'dist/commands/render.js')).href);
  const ids = readdirSync(join(repo, 'postmortems'))
    .filter((n) => n.endsWith('.md'))
    .sort()
    .slice(0, Number(count))
    .map((n) => n.slice(0, -3));
  for (const id of ids) {
    for (const audience of ['public', 'internal']) {
      for (const format of ['md', 'html']) {
        const code = await runRender(ctx, { id, audience, format });
        if (typeof code === 'number' && code !== 0)
          throw new Error(`render ${id} --audience ${audience} --format ${format} exited ${code}`);
      }
    }
  }
  process.stdout.write(`${total}\n`);
} catch (error) {
  process.stderr.write(`postmortem: ${error?.message ?? String(error)}\n`);
  process.exitCode = 1;
}
