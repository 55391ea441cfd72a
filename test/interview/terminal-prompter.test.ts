// The real inquirer prompts, driven through @inquirer/testing's screen: what the author
// sees and types, key by key, for the timeline loop and the plain multi-line fallback.
import { screen } from '@inquirer/testing/vitest';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SEVERITY_LEVELS } from '../../src/config/config.js';
import { newDraft } from '../../src/core/drafts-model.js';
import type { FlowContext } from '../../src/interview/context.js';
import { createTerminalPrompter } from '../../src/interview/inquirer-prompter.js';
import { impactFlow } from '../../src/interview/sections/impact.js';
import { timelineFlow } from '../../src/interview/sections/timeline.js';
import { NOW, started } from './helpers/context.js';

function terminalContext(): { ctx: FlowContext; said: string[] } {
  const said: string[] = [];
  const draft = newDraft('t', NOW.toISOString());
  started(draft);
  draft.done = ['basics', 'times', 'timeline'];
  const prompter = createTerminalPrompter({ env: {}, write: (t) => void said.push(t) });
  return {
    said,
    ctx: {
      prompter,
      draft,
      doc: draft.doc,
      now: NOW,
      severities: DEFAULT_SEVERITY_LEVELS,
      defaultTimezone: 'UTC',
    },
  };
}

/** Type an answer and Enter, then wait for the next screen (unless it was the last question). */
async function answer(text: string, last = false): Promise<void> {
  if (text !== '') screen.type(text);
  screen.keypress('enter');
  if (last) return;
  let timer: NodeJS.Timeout | undefined;
  const stuck = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Error(`no new screen after "${text}"; the screen shows:\n${screen.getScreen()}`),
        ),
      3000,
    );
  });
  await Promise.race([screen.next(), stuck]).finally(() => clearTimeout(timer));
}

async function erase(count: number): Promise<void> {
  for (let i = 0; i < count; i++) screen.keypress('backspace');
  await Promise.resolve();
}

describe('the terminal prompter (inquirer)', () => {
  it('adds timeline entries, refuses an impossible time on screen, edits and deletes entries', async () => {
    const { ctx, said } = terminalContext();
    const done = timelineFlow(ctx);

    expect(screen.getScreen()).toContain('When? (Enter when the timeline is complete)');
    await answer('25:00');
    expect(screen.getScreen()).toContain('hours go from 00 to 23');
    await erase(5);
    await answer('02:00');
    expect(screen.getScreen()).toContain('What happened?');
    await answer('API stopped answering');
    expect(screen.getScreen()).toContain('Internal only');
    await answer('n');
    await answer('+15m');
    await answer('Rolled back');
    await answer('y');
    expect(said.join('')).toContain(
      '→ 2026-11-24 02:15 GMT+11 (2026-11-24T02:15:00+11:00), +15m after the previous entry',
    );
    expect(said.join('')).toMatch(/2\. 02:15 {2}\+15m {5}\[internal\] Rolled back/);
    await answer(''); // no more entries

    // The menu: move to "Edit an entry", pick the second entry, change its text only.
    expect(screen.getScreen()).toContain('Done');
    screen.keypress('down');
    screen.keypress('down');
    await answer('');
    screen.keypress('down');
    await answer('');
    expect(screen.getScreen()).toContain('When?');
    await answer(''); // keep the time (the default)
    await erase(20);
    await answer('Rolled back the deploy');
    await answer(''); // keep internal: yes

    // Delete the first entry.
    screen.keypress('down');
    screen.keypress('down');
    screen.keypress('down');
    await answer('');
    await answer(''); // the first entry
    await answer('y');
    await answer(''); // Done
    // Key times: detected, mitigated, resolved can be picked from the timeline.
    await answer(''); // detected: none
    screen.keypress('down');
    await answer(''); // mitigated: the remaining entry
    await answer('', true); // resolved: none
    await done;

    expect(ctx.doc.timeline).toEqual([
      { at: '2026-11-24T02:15:00+11:00', event: 'Rolled back the deploy', internal: true },
    ]);
    expect(ctx.doc.mitigated_at).toBe('2026-11-24T02:15:00+11:00');
    expect(ctx.doc.detected_at).toBeUndefined();
  });

  it('types prose line by line when no editor is set, and skips optional answers with Enter', async () => {
    const { ctx, said } = terminalContext();
    const done = impactFlow(ctx);
    expect(said.join('')).toContain('What did customers see?');
    await answer('Every call failed.');
    await answer('Müller, Ça va 🎉');
    await answer(''); // an empty line ends
    expect(screen.getScreen()).toContain('Who was affected?');
    await answer('');
    await answer(''); // not affected: skipped
    expect(screen.getScreen()).toContain('Was any customer data lost?');
    screen.keypress('up');
    screen.keypress('up');
    await answer('', true);
    await done;
    expect(ctx.doc.impact).toEqual({
      description: 'Every call failed.\nMüller, Ça va 🎉',
      data_loss: false,
    });
  });
});
