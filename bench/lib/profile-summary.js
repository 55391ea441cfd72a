// Where a process's time goes, from the .cpuprofile files `node --cpu-prof` writes (one a
// thread: the main thread and each worker). Self time is summed by part (a package, one of
// our compiled modules, garbage collection, native code) and by function; idle time is left
// out. In a bundle (dist/bundle/), esbuild marks where each module begins with a
// `// dist/...` or `// node_modules/...` line, so bundled code is still told apart by module.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const FILE_CALLS = new Set(
  'open close read write writeBuffer writeString writeFileUtf8 readFileUtf8 rename lstat stat fstat fsync fdatasync unlink mkdir readdir rmdir realpath access copyFile'.split(
    ' ',
  ),
);
const MODULE_MARK = /^\/\/ ((?:dist|node_modules)\/\S+)$/;

// The bench profiles a copy of the build that it removes at the end: a bundle no longer
// there is looked for in this project's own build, where it has the same name.
const PROJECT_DIST = fileURLToPath(new URL('../../dist/', import.meta.url));

/** For a bundle file: the module each line belongs to, as [first line, module] pairs. */
function moduleStarts(path) {
  let text;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    const inDist = /\/dist\/(bundle\/.*)$/.exec(path);
    try {
      text = readFileSync(join(PROJECT_DIST, inDist?.[1] ?? ''), 'utf8');
    } catch {
      return [];
    }
  }
  const starts = [];
  text.split('\n').forEach((line, i) => {
    const m = MODULE_MARK.exec(line);
    if (m) starts.push([i, m[1]]);
  });
  return starts;
}

function packageOf(path) {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  return m ? `pkg ${m[1]}` : null;
}

/** Names a profile's call frames by part: packages, our modules, node internals, native. */
function partNamer() {
  const bundles = new Map();
  return ({ url, functionName, lineNumber }) => {
    if (!url) {
      if (functionName === '(garbage collector)') return 'garbage collection';
      if (functionName === '(program)') return 'V8 and Node (compiling, runtime)';
      if (functionName.startsWith('RegExp: ')) return 'regular expressions';
      if (FILE_CALLS.has(functionName)) return 'file system calls';
      return 'other native calls';
    }
    if (url.startsWith('node:')) return 'node internals';
    const path = url.startsWith('file://') ? fileURLToPath(url) : url;
    const inPackage = packageOf(path);
    if (inPackage && !/\/dist\/bundle\//.test(path)) return inPackage;
    const dist = /\/dist\/(.*)$/.exec(path);
    if (!dist) return path;
    if (!dist[1].startsWith('bundle/')) return `dist/${dist[1]}`;
    if (!bundles.has(path)) bundles.set(path, moduleStarts(path));
    let module = `dist/${dist[1]}`;
    for (const [line, name] of bundles.get(path)) {
      if (line > lineNumber) break;
      module = name;
    }
    return packageOf(module) ?? module;
  };
}

const IDLE = new Set(['(idle)']);

/**
 * Sums the profiles in `dir` (every thread of one run). Returns the sampled total, and the
 * parts and functions by self time, largest first.
 */
export function summarizeProfiles(dir, { top = 15 } = {}) {
  const files = readdirSync(dir)
    .filter((n) => n.endsWith('.cpuprofile'))
    .sort();
  const namePart = partNamer();
  const parts = new Map();
  const functions = new Map();
  let total = 0;
  for (const file of files) {
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const self = new Map();
    profile.samples.forEach((id, i) => {
      self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    });
    for (const [id, ms] of self) {
      const frame = byId.get(id).callFrame;
      if (IDLE.has(frame.functionName)) continue;
      total += ms;
      const part = namePart(frame);
      parts.set(part, (parts.get(part) ?? 0) + ms);
      // A line in a bundle is not a line of the module: only unbundled code keeps one.
      const line =
        frame.url && !/\/dist\/bundle\//.test(frame.url) ? `:${frame.lineNumber + 1}` : '';
      const fn = `${shorten(frame.functionName || '(anonymous)')} (${part}${line})`;
      functions.set(fn, (functions.get(fn) ?? 0) + ms);
    }
  }
  const ranked = (map) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => ({ name, ms: round(ms), share: total ? round(ms / total, 3) : 0 }));
  return {
    threads: files.length,
    total_ms: round(total),
    parts: ranked(parts),
    functions: ranked(functions),
  };
}

const shorten = (name) => (name.length > 90 ? `${name.slice(0, 89)}…` : name);
const round = (n, digits = 1) => Number(n.toFixed(digits));

/** The summary as lines of text. */
export function formatSummary(summary, indent = '  ') {
  const pct = (share) => `${(share * 100).toFixed(1).padStart(5)}%`;
  const ms = (v) => `${v.toFixed(0).padStart(7)} ms`;
  return [
    `${indent}${summary.total_ms.toFixed(0)} ms of CPU sampled on ${summary.threads} thread(s), idle left out`,
    `${indent}by part (self time):`,
    ...summary.parts.map((p) => `${indent}  ${ms(p.ms)} ${pct(p.share)}  ${p.name}`),
    `${indent}by function (self time):`,
    ...summary.functions.map((f) => `${indent}  ${ms(f.ms)} ${pct(f.share)}  ${f.name}`),
  ];
}
