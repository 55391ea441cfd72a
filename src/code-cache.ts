// V8 compiles each function the first time it runs, and a command runs several hundred
// before its first real work. The build runs each command over the examples
// (scripts/warm-code-cache.js) and keeps what V8 compiled for it in a file beside the
// bundle; a start of that command that is handed its file skips most of the compiling (one
// file a command: a cache of every command's code costs each start its reading). Node 20 keeps no such cache
// for ES modules, so the CLI is one CommonJS bundle, compiled here with vm.Script. V8
// refuses a cache made by another V8, under other flags or for other source, and then
// compiles as usual: the cache can make a start slower only by the time it takes to read.
// It does not check the bytes themselves (a changed byte can crash the process), and of
// the source only its length (the same length, edited, would run the old code), so the file
// begins with the SHA-256 of the bundle's source and the data together, checked first.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

export const BUNDLE_FILE = fileURLToPath(new URL('./bundle/postmortem.cjs', import.meta.url));

/**
 * The command a command line runs, which names its cache: the first word that is not an
 * option (or the value of --repo), when it is one of plain letters; else 'other'. A word
 * that names no command has no cache, and starts without one.
 */
export function commandOf(args: readonly string[]): string {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--repo') i++;
    else if (!arg.startsWith('-')) return /^[a-z]+$/.test(arg) ? arg : 'other';
  }
  return 'other';
}

/** Where the code cache of a command lies (in dir; by default beside the bundle). */
export function codeCacheFileOf(command: string, dir = dirname(BUNDLE_FILE)): string {
  return join(dir, `postmortem.${command}.cache`);
}

export interface BundledCli {
  run(args: string[]): Promise<void>;
  /** The compiled bundle, to make a cache from after a run, and its source's bytes. */
  script: Script;
  source: Buffer;
  /** What became of the cache: none found, refused (damaged, or by V8), or taken. */
  cache: 'none' | 'refused' | 'taken';
}

const DIGEST_BYTES = 32;

// Over the bytes as read: hashing the decoded text would encode it again.
const digestOf = (source: Uint8Array, data: Uint8Array): Buffer =>
  createHash('sha256').update(source).update(data).digest();

/** The cache file's bytes for what V8 made of the source: their digest, then the data. */
export function codeCacheFile(source: Uint8Array, data: Uint8Array): Buffer {
  return Buffer.concat([digestOf(source, data), data]);
}

/** The data of a cache file made for this very source, whose bytes are as written. */
function checkedCache(source: Uint8Array, file: Buffer): Buffer | undefined {
  const data = file.subarray(DIGEST_BYTES);
  return file.length > DIGEST_BYTES && digestOf(source, data).equals(file.subarray(0, DIGEST_BYTES))
    ? data
    : undefined;
}

/** The bundled CLI, loaded with the cache in cacheFile (null: none); undefined without one. */
export function loadBundle(options: { cacheFile: string | null }): BundledCli | undefined {
  const { cacheFile } = options;
  let source: Buffer;
  try {
    source = readFileSync(BUNDLE_FILE);
  } catch {
    return undefined;
  }
  let file: Buffer | undefined;
  if (cacheFile !== null) {
    try {
      file = readFileSync(cacheFile);
    } catch {
      // No cache (a build that could not make one): compiled as it runs.
    }
  }
  const cachedData = file && checkedCache(source, file);
  // The wrapper Node puts around every CommonJS module, on the first line: line numbers in
  // stack traces stay the bundle's own.
  const script = new Script(
    `(function (exports, require, module, __filename, __dirname) {${source.toString('utf8')}\n})`,
    {
      filename: BUNDLE_FILE,
      // No importModuleDynamically: the bundle holds no import() (scripts/bundle-cli.js
      // checks), which fails in code V8 takes from a cache.
      ...(cachedData ? { cachedData } : {}),
    },
  );
  const module = { exports: {} as Pick<BundledCli, 'run'> };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(
    module.exports,
    module.exports,
    createRequire(BUNDLE_FILE),
    module,
    BUNDLE_FILE,
    dirname(BUNDLE_FILE),
  );
  const cache = !file ? 'none' : cachedData && !script.cachedDataRejected ? 'taken' : 'refused';
  return { run: module.exports.run, script, source, cache };
}
