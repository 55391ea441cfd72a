// sanitize-html loads without postcss (our options never parse style attributes), and
// its postcss still works when something asks it to parse styles.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { sanitizeBody } from '../../src/render/html.js';

const require = createRequire(import.meta.url);

describe('sanitize-html without postcss at load', () => {
  it('sanitizes the page body without loading postcss', () => {
    expect(sanitizeBody('<p style="color:red" onclick="x()">hi<script>1</script></p>')).toBe(
      '<p>hi</p>',
    );
    const loaded = Object.keys(require.cache).filter((file) => /[/\\]postcss[/\\]/.test(file));
    expect(loaded).toEqual([]);
  });

  it('parses style attributes with the real postcss when asked to', () => {
    sanitizeBody('<p>x</p>');
    const sanitizeHtml = require('sanitize-html') as (
      html: string,
      options: Record<string, unknown>,
    ) => string;
    const out = sanitizeHtml('<p style="color:red;position:fixed">x</p>', {
      allowedAttributes: { p: ['style'] },
      allowedStyles: { '*': { color: [/^red$/] } },
    });
    expect(out).toBe('<p style="color:red">x</p>');
  });
});
