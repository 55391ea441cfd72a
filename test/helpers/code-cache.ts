// What becomes of a code cache when an install's bundle is loaded with it, asked in a
// process of its own (V8 decides by that process's flags).
import { execFileSync } from 'node:child_process';

/** 'taken', 'refused' or 'none', from dist/code-cache.js of the install at `dist`. */
export function cacheOutcome(dist: string, cacheFile: string, flags: string[] = []): string {
  const check = `import(${JSON.stringify(`${dist}/code-cache.js`)}).then((m) => {
    const cli = m.loadBundle({ cacheFile: ${JSON.stringify(cacheFile)} });
    process.stdout.write(String(cli && cli.cache));
  })`;
  return execFileSync(process.execPath, [...flags, '--input-type=module', '-e', check], {
    encoding: 'utf8',
  });
}
