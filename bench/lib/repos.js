// Generated repositories, cached under bench/out/ by size, generator version and a
// fingerprint of the tool's own serializer output (a format change regenerates them).
import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  linkSync,
  copyFileSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDocument } from './documents.js';

export const GENERATOR_VERSION = 3;
export const SEED = 20_260_314;
const FIXED_DATE = '2026-01-15T09:00:00+00:00';

/** Cached repositories and results; BENCH_OUT moves it (the smoke test uses a temp folder). */
export const OUT = process.env.BENCH_OUT
  ? resolve(process.env.BENCH_OUT)
  : fileURLToPath(new URL('../out/', import.meta.url));
/** This run's own clones, outputs and tool snapshot: two runs at once never share them. */
export const WORK = join(OUT, 'work', String(process.pid));
const DIST = new URL('../../dist/', import.meta.url);

/** git with a fixed identity and dates, isolated from the caller's GIT_* variables. */
export function gitEnv(extra = {}) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('GIT_')) env[k] = v;
  return {
    ...env,
    GIT_AUTHOR_NAME: 'Bench Author',
    GIT_AUTHOR_EMAIL: 'bench@example.com',
    GIT_COMMITTER_NAME: 'Bench Author',
    GIT_COMMITTER_EMAIL: 'bench@example.com',
    GIT_AUTHOR_DATE: FIXED_DATE,
    GIT_COMMITTER_DATE: FIXED_DATE,
    ...extra,
  };
}

export function git(cwd, args, options = {}) {
  return execFileSync('git', args, {
    cwd,
    env: gitEnv(),
    stdio: ['pipe', 'pipe', 'pipe'],
    maxBuffer: 1 << 26,
    ...options,
  }).toString();
}

async function loadTool() {
  const { serializePostmortem } = await import(new URL('core/serialize.js', DIST).href);
  const { parsePostmortem } = await import(new URL('core/parse.js', DIST).href);
  return { serializePostmortem, parsePostmortem };
}

/** Yields [id, text] for documents 0..n-1. */
async function* documents(n) {
  const { serializePostmortem } = await loadTool();
  const used = new Set();
  for (let i = 0; i < n; i++) {
    const doc = buildDocument(SEED, i, used);
    yield [doc.id, serializePostmortem(doc)];
  }
}

async function fingerprint() {
  const hash = createHash('sha256');
  for await (const [, text] of documents(3)) hash.update(text);
  return hash.digest('hex').slice(0, 10);
}

function initRepo(dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  git(dir, ['init', '-q', '-b', 'main']);
  git(dir, ['config', 'user.name', 'Bench Author']);
  git(dir, ['config', 'user.email', 'bench@example.com']);
  git(dir, ['config', 'commit.gpgsign', 'false']);
  git(dir, ['config', 'gc.auto', '0']);
}

/** Built in a folder of its own, then renamed into place: a concurrent run sees all or nothing. */
function cached(key, build) {
  const dir = join(OUT, 'repos', key);
  const marker = `${dir}.ok`;
  if (existsSync(marker) && existsSync(dir))
    return { dir, info: JSON.parse(readFileSync(marker, 'utf8')), cached: true };
  const temp = `${dir}.tmp-${process.pid}`;
  return build(temp).then((info) => {
    rmSync(dir, { recursive: true, force: true });
    renameSync(temp, dir);
    writeFileSync(marker, JSON.stringify(info));
    return { dir, info, cached: false };
  });
}

/**
 * A repository of n post-mortems in one commit. Every generated file is checked with
 * the tool's own parser once, so the bench never measures on invalid input.
 */
export async function documentRepo(n) {
  const key = `docs-n${n}-g${GENERATOR_VERSION}-${await fingerprint()}`;
  return cached(key, async (dir) => {
    initRepo(dir);
    const folder = join(dir, 'postmortems');
    mkdirSync(folder);
    const { parsePostmortem, serializePostmortem } = await loadTool();
    const ids = [];
    let bytes = 0;
    let published = 0;
    for await (const [id, text] of documents(n)) {
      const parsed = parsePostmortem(Buffer.from(text), `postmortems/${id}.md`);
      if (ids.length < 50 && serializePostmortem(parsed.doc) !== text)
        throw new Error(`generated ${id} does not round-trip`);
      if (parsed.doc.status === 'published') published++;
      writeFileSync(join(folder, `${id}.md`), text);
      ids.push(id);
      bytes += Buffer.byteLength(text);
    }
    git(dir, ['add', '--', 'postmortems']);
    git(dir, ['commit', '-q', '--no-verify', '-m', `Import ${n} post-mortems`]);
    return { n, ids, bytes, published };
  });
}

/**
 * A repository of `docs` post-mortems and `commits` commits in all (fast-import), one in
 * every `every` of them changing the target document, the first one.
 */
export async function historyRepo(docs, commits, every = 20) {
  const key = `history-n${docs}-c${commits}-g${GENERATOR_VERSION}-${await fingerprint()}`;
  return cached(key, async (dir) => {
    initRepo(dir);
    const texts = [];
    for await (const entry of documents(docs)) texts.push(entry);
    const ident = 'Bench Author <bench@example.com>';
    const start = Date.parse(FIXED_DATE) / 1000 - commits * 3600;
    const chunks = [];
    const data = (text) => {
      chunks.push(`data ${Buffer.byteLength(text)}\n${text}\n`);
    };
    const current = new Map(texts);
    for (let c = 0; c < commits; c++) {
      chunks.push(
        `commit refs/heads/main\nmark :${c + 1}\ncommitter ${ident} ${start + c * 3600} +0000\n`,
      );
      if (c === 0) {
        data(`Import ${docs} post-mortems\n`);
        for (const [id, text] of texts) {
          chunks.push(`M 100644 inline postmortems/${id}.md\n`);
          data(text);
        }
      } else {
        const [id] = c % every === 0 ? texts[0] : texts[1 + (c % (texts.length - 1))];
        const text = `${current.get(id)}\nReview round ${c}: notes from the follow-up meeting.\n`;
        current.set(id, text);
        data(`Update ${id}: internal notes after review round ${c}\n`);
        chunks.push(`from :${c}\nM 100644 inline postmortems/${id}.md\n`);
        data(text);
      }
    }
    const result = spawnSync('git', ['fast-import', '--quiet'], {
      cwd: dir,
      env: gitEnv(),
      input: chunks.join(''),
      maxBuffer: 1 << 26,
    });
    if (result.status !== 0) throw new Error(`git fast-import failed: ${result.stderr.toString()}`);
    git(dir, ['reset', '-q', '--hard', 'main']);
    return {
      docs,
      commits,
      target: texts[0][0],
      targetCommits: Math.floor((commits - 1) / every) + 1,
    };
  });
}

/** A fresh, writable clone of a cached repository, for rows that change files. */
export function scratchClone(source, name) {
  const dir = join(WORK, 'scratch', name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(WORK, 'scratch'), { recursive: true });
  git(WORK, ['clone', '-q', '--local', '--no-hardlinks', source, dir]);
  git(dir, ['config', 'user.name', 'Bench Author']);
  git(dir, ['config', 'user.email', 'bench@example.com']);
  git(dir, ['config', 'commit.gpgsign', 'false']);
  git(dir, ['config', 'gc.auto', '0']);
  return dir;
}

/**
 * A minimal Hugo site over the same Markdown files (hard links): one page per
 * post-mortem, a section list and the home page, with Hugo's default RSS feeds.
 */
export function hugoSite(repo, key) {
  let dir = join(OUT, 'hugo', key);
  const marker = `${dir}.ok`;
  if (existsSync(marker) && existsSync(dir)) return dir;
  const final = dir;
  dir = `${final}.tmp-${process.pid}`;
  rmSync(dir, { recursive: true, force: true });
  const content = join(dir, 'content', 'postmortems');
  mkdirSync(content, { recursive: true });
  for (const name of readdirSync(join(repo, 'postmortems'))) {
    try {
      linkSync(join(repo, 'postmortems', name), join(content, name));
    } catch {
      copyFileSync(join(repo, 'postmortems', name), join(content, name));
    }
  }
  writeFileSync(
    join(dir, 'hugo.toml'),
    [
      'baseURL = "https://status.example.com/"',
      'title = "Incident reports"',
      'disableKinds = ["taxonomy", "term"]',
      '[markup.goldmark.renderer]',
      'unsafe = false',
      '',
    ].join('\n'),
  );
  const layouts = join(dir, 'layouts', '_default');
  mkdirSync(layouts, { recursive: true });
  const page = (body) =>
    `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>\n<body>\n${body}\n</body></html>\n`;
  writeFileSync(
    join(layouts, 'single.html'),
    page(
      '<article><h1>{{ .Title }}</h1>\n<p>{{ .Params.severity }} · {{ .Params.started_at }}</p>\n{{ .Content }}</article>',
    ),
  );
  writeFileSync(
    join(layouts, 'list.html'),
    page(
      '<h1>{{ .Title }}</h1>\n<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>',
    ),
  );
  writeFileSync(
    join(dir, 'layouts', 'index.html'),
    page(
      '<h1>{{ .Site.Title }}</h1>\n<ul>{{ range .Site.RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>',
    ),
  );
  rmSync(final, { recursive: true, force: true });
  renameSync(dir, final);
  writeFileSync(marker, '{}');
  return final;
}
