// 9. Lessons: what went well, what went wrong, where we got lucky.
import type { Lessons } from '../../core/model.js';
import { continuing, type FlowContext } from '../context.js';
import { askList } from '../list-loop.js';

const PARTS: [keyof Lessons, string, string][] = [
  ['went_well', 'lesson-went-well', 'Went well'],
  ['went_wrong', 'lesson-went-wrong', 'Went wrong'],
  ['lucky', 'lesson-lucky', 'Where we got lucky'],
];

export async function lessonsFlow(ctx: FlowContext): Promise<void> {
  for (const [key, id, item] of PARTS) {
    ctx.doc.lessons[key] = await askList(ctx.prompter, {
      id,
      item,
      items: ctx.doc.lessons[key],
      addFirst: continuing(ctx, 'lessons'),
      onChange: (items) => {
        ctx.doc.lessons[key] = items;
      },
    });
  }
}
