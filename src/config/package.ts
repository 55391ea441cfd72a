// The tool's own package.json. This file lies one folder below the package's build
// (dist/config/ as compiled, dist/bundle/ as bundled), like every file that finds shipped
// files by a relative path, so one path serves both.
import { createRequire } from 'node:module';

let version: string | undefined;

/** The version in package.json, read on first use. */
export function packageVersion(): string {
  version ??= (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
  return version;
}
