// 9. Lessons: what went well, what went wrong, where we got lucky.
import type { Lessons } from '../../core/model.js';
import { continuing, type FlowContext } from '../context.js';
import { askList } from '../list-loop.js';

// A lesson is an item; the list's title says which kind ("Went wells" reads badly).
const PARTS: [keyof Lessons, string, string, string][] = [
  ['went_well', 'lesson-went-well', 'Went well', 'What went well'],
  ['went_wrong', 'lesson-went-wrong', 'Went wrong', 'What went wrong'],
  ['lucky', 'lesson-lucky', 'Where we got lucky', 'Where we got lucky'],
];

export async function lessonsFlow(ctx: FlowContext): Promise<void> {
  for (const [key, id, item, title] of PARTS) {
    ctx.doc.lessons[key] = await askList(ctx.prompter, {
      id,
      item,
      title,
      items: ctx.doc.lessons[key],
      addFirst: continuing(ctx, 'lessons'),
      onChange: (items) => {
        ctx.doc.lessons[key] = items;
      },
    });
  }
}
