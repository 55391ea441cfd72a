// A list of short answers (contributing factors, lessons): type items until an empty
// line, then keep, edit or delete them.
import type { Prompter } from './prompter.js';

export interface ListQuestion {
  id: string;
  /** "Contributing factor": what one item is. */
  item: string;
  /** Shown once before the items. */
  intro?: string;
  items: readonly string[];
  /** Called after every change, so the draft holds each item as soon as it is typed. */
  onChange: (items: string[]) => void;
  /** Ask for new items first even when there are some (a resumed interview). */
  addFirst?: boolean;
}

function show(prompter: Prompter, q: ListQuestion, items: string[]): void {
  if (items.length > 0)
    prompter.say(
      `${q.item}s so far:\n${items.map((t, i) => `  ${i + 1}. ${t.replace(/\n/g, ' ')}`).join('\n')}`,
    );
}

async function addItems(prompter: Prompter, q: ListQuestion, items: string[]): Promise<void> {
  for (;;) {
    const answer = await prompter.text({ id: q.id, message: `${q.item} (Enter when done)` });
    if (answer.trim() === '') return;
    items.push(answer.trim());
    q.onChange([...items]);
  }
}

async function pick(
  prompter: Prompter,
  q: ListQuestion,
  items: string[],
  verb: string,
): Promise<number> {
  const chosen = await prompter.select({
    id: `${q.id}-${verb.toLowerCase()}`,
    message: `${verb} which one?`,
    choices: items.map((t, i) => ({
      value: String(i),
      name: `${i + 1}. ${t.replace(/\n/g, ' ')}`,
    })),
  });
  return Number(chosen);
}

export async function askList(prompter: Prompter, q: ListQuestion): Promise<string[]> {
  const items = [...q.items];
  if (q.intro) prompter.say(q.intro);
  show(prompter, q, items);
  if (items.length === 0 || q.addFirst === true) await addItems(prompter, q, items);
  while (items.length > 0) {
    const action = await prompter.select({
      id: `${q.id}-action`,
      message: `${q.item}s`,
      choices: [
        { value: 'done', name: 'Done' },
        { value: 'add', name: 'Add more' },
        { value: 'edit', name: 'Edit one' },
        { value: 'delete', name: 'Delete one' },
      ],
      default: 'done',
    });
    if (action === 'done') break;
    if (action === 'add') await addItems(prompter, q, items);
    if (action === 'edit') {
      const i = await pick(prompter, q, items, 'Edit');
      items[i] = (
        await prompter.text({ id: q.id, message: q.item, default: items[i], required: true })
      ).trim();
    }
    if (action === 'delete') items.splice(await pick(prompter, q, items, 'Delete'), 1);
    q.onChange([...items]);
    show(prompter, q, items);
  }
  return items;
}
