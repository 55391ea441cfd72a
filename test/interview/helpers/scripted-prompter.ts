// A prompter that answers from a script, in order, each answer naming the question it
// expects: a flow that asks something else, or in another order, fails the test.
import type {
  CheckboxQuestion,
  ConfirmQuestion,
  Prompter,
  SelectQuestion,
  TextQuestion,
} from '../../../src/interview/prompter.js';

export type Answer = string | boolean | string[] | typeof INTERRUPT;
export type Step = [id: string, answer: Answer];

/** Answering with this is pressing Ctrl-C at that question. */
export const INTERRUPT = Symbol('Ctrl-C');

export interface Asked {
  id: string;
  message: string;
  default?: unknown;
  choices?: string[];
}

export class ScriptedPrompter implements Prompter {
  readonly asked: Asked[] = [];
  readonly said: string[] = [];
  /** Answers refused by a question's validation, with the reason shown. */
  readonly refused: { id: string; value: string; reason: string }[] = [];
  private readonly script: Step[];

  constructor(script: Step[]) {
    this.script = [...script];
  }

  get remaining(): Step[] {
    return this.script;
  }

  private take(id: string): Answer {
    const step = this.script.shift();
    if (!step) throw new Error(`the flow asked "${id}" but the script has no more answers`);
    if (step[0] !== id)
      throw new Error(`the flow asked "${id}" but the script answers "${step[0]}" next`);
    if (step[1] === INTERRUPT) {
      const error = new Error('User force closed the prompt with SIGINT');
      error.name = 'ExitPromptError';
      throw error;
    }
    return step[1];
  }

  private line(q: TextQuestion): Promise<string> {
    this.asked.push({ id: q.id, message: q.message, default: q.default });
    for (;;) {
      const answer = this.take(q.id);
      if (typeof answer !== 'string')
        throw new Error(`"${q.id}" needs text, the script gave ${String(answer)}`);
      const value = answer.trim() === '' && q.default !== undefined ? q.default : answer;
      let check: true | string = true;
      if (value.trim() === '') check = q.required ? 'an answer is required here' : true;
      else if (q.validate) check = q.validate(value.trim());
      if (check === true) return Promise.resolve(value);
      this.refused.push({ id: q.id, value, reason: check });
    }
  }

  text(q: TextQuestion): Promise<string> {
    return this.line(q);
  }

  prose(q: TextQuestion): Promise<string> {
    return this.line(q);
  }

  confirm(q: ConfirmQuestion): Promise<boolean> {
    this.asked.push({ id: q.id, message: q.message, default: q.default });
    const answer = this.take(q.id);
    if (answer === '') return Promise.resolve(q.default ?? false);
    if (typeof answer !== 'boolean') throw new Error(`"${q.id}" needs true or false`);
    return Promise.resolve(answer);
  }

  select<T extends string>(q: SelectQuestion<T>): Promise<T> {
    const values = q.choices.map((c) => c.value);
    this.asked.push({
      id: q.id,
      message: q.message,
      default: q.default,
      choices: q.choices.map((c) => c.name),
    });
    const answer = this.take(q.id);
    const value = answer === '' ? (q.default ?? values[0]) : answer;
    if (typeof value !== 'string' || !values.includes(value as T))
      throw new Error(`"${q.id}": ${String(value)} is not one of ${values.join(', ')}`);
    return Promise.resolve(value as T);
  }

  checkbox<T extends string>(q: CheckboxQuestion<T>): Promise<T[]> {
    this.asked.push({ id: q.id, message: q.message, choices: q.choices.map((c) => c.name) });
    const answer = this.take(q.id);
    if (!Array.isArray(answer)) throw new Error(`"${q.id}" needs a list`);
    return Promise.resolve(answer as T[]);
  }

  say(text: string): void {
    this.said.push(text);
  }

  /** Everything said, as one text. */
  get transcript(): string {
    return this.said.join('\n');
  }
}
