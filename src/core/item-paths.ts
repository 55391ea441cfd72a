// Dotted model paths of list items ("timeline.3", "timeline.3.at") name the line of every
// item of every document read, and the same few hundred recur: each is built once.

/** Items past this index get a fresh string each time (a bound on what is kept). */
const KEPT = 1024;

export class ItemPaths {
  private readonly items: string[] = [];
  private readonly fields = new Map<string, string[]>();

  constructor(readonly list: string) {}

  /** `list.index` */
  item(index: number): string {
    if (index >= KEPT) return `${this.list}.${index}`;
    return (this.items[index] ??= `${this.list}.${index}`);
  }

  /** `list.index.field` */
  field(index: number, field: string): string {
    if (index >= KEPT) return `${this.list}.${index}.${field}`;
    let paths = this.fields.get(field);
    if (paths === undefined) this.fields.set(field, (paths = []));
    return (paths[index] ??= `${this.item(index)}.${field}`);
  }
}

const byList = new Map<string, ItemPaths>();
/** Lists are the model's and a few more (a front matter key holding a list, in error). */
const KEPT_LISTS = 64;

/** The paths of the items of the list at `list` (a dotted model path). */
export function itemPaths(list: string): ItemPaths {
  let paths = byList.get(list);
  if (paths === undefined) {
    paths = new ItemPaths(list);
    if (byList.size < KEPT_LISTS) byList.set(list, paths);
  }
  return paths;
}
