// Unfinished interviews, saved after every answer in `.git/postmortem/drafts/<key>.json`:
// inside the git folder, so a draft is never committed and needs no .gitignore entry.
import { mkdirSync, readdirSync, readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { checkDraft, type InterviewDraft } from '../core/drafts-model.js';
import { UserError } from '../errors.js';
import { writeFileAtomic } from './atomic.js';
import { gitStatePath } from './repo.js';

const KEY = /^[a-z0-9][a-z0-9-]{0,100}$/;

export class DraftStore {
  readonly dir: string;

  constructor(root: string) {
    this.dir = gitStatePath(root, 'drafts');
  }

  fileFor(key: string): string {
    if (!KEY.test(key)) throw new Error(`invalid draft key "${key}"`);
    return join(this.dir, `${key}.json`);
  }

  /** Where a draft lives, for messages. */
  describe(key: string): string {
    return this.fileFor(key);
  }

  save(draft: InterviewDraft): void {
    mkdirSync(this.dir, { recursive: true });
    writeFileAtomic(this.fileFor(draft.key), `${JSON.stringify(draft, null, 2)}\n`);
  }

  load(key: string): InterviewDraft {
    const file = this.fileFor(key);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        throw new UserError(`no draft named ${key}`);
      throw error;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new UserError(`the draft ${file} is not readable: ${(error as Error).message}`, {
        hint: 'delete it to start again',
      });
    }
    const checked = checkDraft(value);
    if (typeof checked === 'string')
      throw new UserError(`the draft ${file} is not readable: ${checked}`, {
        hint: 'delete it to start again',
      });
    return checked;
  }

  /** Every pending draft, oldest first. */
  list(): InterviewDraft[] {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const drafts: InterviewDraft[] = [];
    for (const name of names.sort()) {
      if (!name.endsWith('.json') || !KEY.test(name.slice(0, -5))) continue;
      try {
        drafts.push(this.load(name.slice(0, -5)));
      } catch {
        // An unreadable draft is reported when it is resumed by name, not here.
      }
    }
    return drafts.sort((a, b) => a.created_at.localeCompare(b.created_at));
  }

  remove(key: string): void {
    try {
      unlinkSync(this.fileFor(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }

  /** Save under a new key (the id became known) and drop the old file. */
  rename(draft: InterviewDraft, key: string): void {
    if (draft.key === key) return;
    const old = draft.key;
    draft.key = key;
    this.save(draft);
    this.remove(old);
  }
}
