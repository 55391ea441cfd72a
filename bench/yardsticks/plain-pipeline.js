// The yardstick for render and publish: the same libraries the tool uses (yaml, marked,
// Handlebars, sanitize-html) doing comparable work, with none of our code. Per document:
// split and parse the front matter, lex the Markdown once, drop internal content on the
// token tree for the public audience, check redact terms, then Markdown and HTML.
//
//   node plain-pipeline.js render <repo> <count>   public+internal, md+html, to memory
//   node plain-pipeline.js publish <repo> <outDir> public md+html per published document,
//                                                  an index, an Atom feed, incidents.json
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { parse as parseYaml } from 'yaml';

const hbs = Handlebars.create();
const mdTemplate = hbs.compile(
  '# {{title}}\n\n{{severity}} · {{started_at}} to {{resolved_at}} ({{timezone}})\n\n{{{body}}}',
  { strict: false },
);
const htmlTemplate = hbs.compile(
  '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>{{title}}</title></head>\n<body><article><h1>{{title}}</h1>\n<p>{{severity}} · {{started_at}}</p>\n{{{content}}}</article></body></html>\n',
);
const sanitizeOptions = {
  allowedTags: [...sanitizeHtml.defaults.allowedTags, 'input'],
  allowedAttributes: { a: ['href'], input: ['type', 'checked', 'disabled'] },
};

function split(text) {
  const close = text.indexOf('\n---\n', 3);
  return { data: parseYaml(text.slice(4, close + 1)), body: text.slice(close + 5) };
}

function withoutInternal(tokens) {
  const out = [];
  let section = '';
  for (const token of tokens) {
    if (token.type === 'heading' && token.depth <= 2) section = token.text.toLowerCase();
    if (section === 'internal notes') continue;
    if (token.type === 'blockquote' && /^>\s*\[!INTERNAL\]/i.test(token.raw)) continue;
    if (token.type === 'list' && (section === 'timeline' || section === 'action items')) {
      const items = token.items.filter(
        (item) => !/^\S+ \[internal\]/i.test(item.text) && !/\n\s*- internal: true/.test(item.raw),
      );
      out.push({ ...token, items, raw: items.map((i) => i.raw).join('') });
      continue;
    }
    out.push(token);
  }
  out.links = tokens.links;
  return out;
}

function render(text, audiences) {
  const { data, body } = split(text);
  if (audiences === 'published') audiences = data.status === 'published' ? ['public'] : [];
  if (audiences.length === 0) return { data, views: {} };
  const tokens = marked.lexer(body);
  const views = {};
  for (const audience of audiences) {
    const filtered = audience === 'public' ? withoutInternal(tokens) : tokens;
    const md = mdTemplate({ ...data, body: filtered.map((t) => t.raw).join('') });
    const html = htmlTemplate({
      ...data,
      content: sanitizeHtml(marked.parser(filtered), sanitizeOptions),
    });
    if (audience === 'public') {
      for (const term of data.redact ?? []) {
        if (md.includes(term) || html.includes(term))
          throw new Error(`${data.id}: redact term left in public output`);
      }
    }
    views[audience] = { md, html };
  }
  return { data, views };
}

const [mode, repo, arg] = process.argv.slice(2);
const folder = join(repo, 'postmortems');
const files = readdirSync(folder)
  .filter((n) => n.endsWith('.md'))
  .sort();

if (mode === 'render') {
  let total = 0;
  for (const name of files.slice(0, Number(arg))) {
    const { views } = render(readFileSync(join(folder, name), 'utf8'), ['public', 'internal']);
    total +=
      views.public.md.length +
      views.public.html.length +
      views.internal.md.length +
      views.internal.html.length;
  }
  process.stdout.write(`${total}\n`);
} else if (mode === 'publish') {
  mkdirSync(arg, { recursive: true });
  const index = [];
  for (const name of files) {
    const { data, views } = render(readFileSync(join(folder, name), 'utf8'), 'published');
    if (!views.public) continue;
    writeFileSync(join(arg, `${data.id}.md`), views.public.md);
    writeFileSync(join(arg, `${data.id}.html`), views.public.html);
    index.push({
      id: data.id,
      title: data.title,
      severity: data.severity,
      started_at: data.started_at,
      published_at: data.published_at,
    });
  }
  index.reverse();
  const esc = (s) => hbs.escapeExpression(s);
  writeFileSync(
    join(arg, 'index.html'),
    `<!doctype html><html><body><ul>${index.map((d) => `<li><a href="${d.id}.html">${esc(d.title)}</a></li>`).join('')}</ul></body></html>\n`,
  );
  writeFileSync(
    join(arg, 'feed.xml'),
    `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>Incident reports</title>${index
      .slice(0, 50)
      .map(
        (d) =>
          `<entry><id>${d.id}</id><title>${esc(d.title)}</title><updated>${d.published_at}</updated></entry>`,
      )
      .join('')}</feed>\n`,
  );
  writeFileSync(join(arg, 'incidents.json'), JSON.stringify(index, null, 2));
} else {
  process.stderr.write(
    'usage: plain-pipeline.js render <repo> <count> | publish <repo> <outDir>\n',
  );
  process.exit(2);
}
