// A list of short answers (contributing factors, lessons): type items until an empty
// line, then keep, edit or delete them. The done/add/edit/delete menu (editLoop) serves
// the action items and the timeline too.
import type { Prompter } from './prompter.js';

export interface ListQuestion {
  id: string;
  /** "Contributing factor": what one item is. */
  item: string;
  /** What the whole list is called ("Contributing factors"); default: the item + "s". */
  title?: string;
  /** Shown once before the items. */
  intro?: string;
  items: readonly string[];
  /** Called after every change, so the draft holds each item as soon as it is typed. */
  onChange: (items: string[]) => void;
  /** Ask for new items first even when there are some (a resumed interview). */
  addFirst?: boolean;
}

function listTitle(q: ListQuestion): string {
  return q.title ?? `${q.item}s`;
}

function show(prompter: Prompter, q: ListQuestion, items: string[]): void {
  if (items.length > 0)
    prompter.say(
      `${listTitle(q)} so far:\n${items.map((t, i) => `  ${i + 1}. ${t.replace(/\n/g, ' ')}`).join('\n')}`,
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

type EditAction = 'add' | 'edit' | 'delete';

export interface EditLoop extends Record<EditAction, () => Promise<void>> {
  /** The select's id. */
  id: string;
  message: string;
  /** How each action reads in the menu. */
  names: Record<EditAction, string>;
  /** The items there are: the loop ends when none are left. */
  count: () => number;
  /** After each action. */
  after?: () => void;
}

/** Done / add / edit / delete, asked again after each action, while there are items. */
export async function editLoop(prompter: Prompter, loop: EditLoop): Promise<void> {
  while (loop.count() > 0) {
    const action = await prompter.select({
      id: loop.id,
      message: loop.message,
      choices: [
        { value: 'done', name: 'Done' },
        { value: 'add', name: loop.names.add },
        { value: 'edit', name: loop.names.edit },
        { value: 'delete', name: loop.names.delete },
      ],
      default: 'done',
    });
    if (action === 'done') return;
    await loop[action]();
    loop.after?.();
  }
}

export async function askList(prompter: Prompter, q: ListQuestion): Promise<string[]> {
  const items = [...q.items];
  if (q.intro) prompter.say(q.intro);
  show(prompter, q, items);
  if (items.length === 0 || q.addFirst === true) await addItems(prompter, q, items);
  await editLoop(prompter, {
    id: `${q.id}-action`,
    message: listTitle(q),
    names: { add: 'Add more', edit: 'Edit one', delete: 'Delete one' },
    count: () => items.length,
    add: () => addItems(prompter, q, items),
    edit: async () => {
      const i = await pick(prompter, q, items, 'Edit');
      items[i] = (
        await prompter.text({ id: q.id, message: q.item, default: items[i], required: true })
      ).trim();
    },
    delete: async () => {
      items.splice(await pick(prompter, q, items, 'Delete'), 1);
    },
    after: () => {
      q.onChange([...items]);
      show(prompter, q, items);
    },
  });
  return items;
}
