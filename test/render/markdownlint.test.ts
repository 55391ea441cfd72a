// The public Markdown passes markdownlint-cli2 with the committed config.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/repo.js';
import { exampleDoc, shippedRenderer } from './fixtures.js';
import { generated } from './generate.js';

const CONFIG = fileURLToPath(new URL('../../.markdownlint-cli2.jsonc', import.meta.url));
const BIN = fileURLToPath(
  new URL('../../node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs', import.meta.url),
);

async function lint(dir: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [BIN, '--config', CONFIG, '*.md'],
      { cwd: dir },
    );
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr };
  }
}

describe('public Markdown and markdownlint', () => {
  it('the example and generated documents pass', async () => {
    const dir = makeTempDir();
    const renderer = shippedRenderer();
    writeFileSync(join(dir, 'example.md'), renderer.render(exampleDoc(), 'public', 'md', 'x.md'));
    // Author headings are the author's business; the structure around them is ours.
    const docs = fc.sample(generated, { numRuns: 25, seed: 7 });
    docs.forEach(({ doc }, i) => {
      const plain = JSON.parse(JSON.stringify(doc).replace(/#### /g, '')) as typeof doc;
      writeFileSync(join(dir, `generated-${i}.md`), renderer.render(plain, 'public', 'md', 'x.md'));
    });
    const result = await lint(dir);
    expect(result.output).toContain('Linting: 26 file(s)');
    expect(result.output).toMatch(/Summary: 0 error/);
    expect(result.code).toBe(0);
  });

  it('would notice a broken template (the check is real)', async () => {
    const dir = makeTempDir();
    writeFileSync(join(dir, 'bad.md'), '# Title\n## Next\n\n\n\ntext  \n');
    const result = await lint(dir);
    expect(result.code).toBe(1);
  });
});
