// The one seam between the interview and the terminal. Flows ask through a Prompter;
// the terminal one wraps inquirer, tests pass a scripted one. Questions are data.

export type Validate = (value: string) => true | string;

export interface TextQuestion {
  /** Stable name of the question: what a scripted prompter answers, and what tests assert. */
  id: string;
  message: string;
  default?: string | undefined;
  required?: boolean;
  validate?: Validate;
}

export interface Choice<T extends string> {
  value: T;
  name: string;
  description?: string;
}

export interface SelectQuestion<T extends string> {
  id: string;
  message: string;
  choices: readonly Choice<T>[];
  default?: T | undefined;
}

export interface ConfirmQuestion {
  id: string;
  message: string;
  default?: boolean;
}

export interface CheckboxQuestion<T extends string> {
  id: string;
  message: string;
  choices: readonly Choice<T>[];
  checked?: readonly T[];
}

export interface Prompter {
  /** One line of text. Empty input gives the default, else "". */
  text(question: TextQuestion): Promise<string>;
  /** Long prose: the author's editor, or several typed lines. */
  prose(question: TextQuestion): Promise<string>;
  confirm(question: ConfirmQuestion): Promise<boolean>;
  select<T extends string>(question: SelectQuestion<T>): Promise<T>;
  checkbox<T extends string>(question: CheckboxQuestion<T>): Promise<T[]>;
  /** Show something (what is known so far, an echo of a parsed answer). Never a question. */
  say(text: string): void;
}

/** Typed to empty an optional answer that has a current value. */
export const CLEAR = '-';

/**
 * A prompter that saves the draft before every question: whatever was answered before a
 * Ctrl-C, a closed terminal or a crash is already on disk.
 */
export function withCheckpoints(inner: Prompter, checkpoint: () => void): Prompter {
  const before =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> => {
      checkpoint();
      return fn(...args);
    };
  return {
    text: before((q: TextQuestion) => inner.text(q)),
    prose: before((q: TextQuestion) => inner.prose(q)),
    confirm: before((q: ConfirmQuestion) => inner.confirm(q)),
    select: <T extends string>(q: SelectQuestion<T>) =>
      before((x: SelectQuestion<T>) => inner.select(x))(q),
    checkbox: <T extends string>(q: CheckboxQuestion<T>) =>
      before((x: CheckboxQuestion<T>) => inner.checkbox(x))(q),
    say: (text) => inner.say(text),
  };
}

/** A question as data: when it is asked, its default from the answers so far, where the answer goes. */
export interface Question<S> {
  id: string;
  kind: 'text' | 'prose';
  message: string | ((state: S) => string);
  default?: (state: S) => string | undefined;
  required?: boolean;
  validate?: Validate;
  when?: (state: S) => boolean;
  apply: (state: S, answer: string) => void;
}

/** Ask each question whose `when` holds, in order, applying each answer as it comes. */
export async function askQuestions<S>(
  prompter: Prompter,
  questions: readonly Question<S>[],
  state: S,
): Promise<void> {
  for (const q of questions) {
    if (q.when && !q.when(state)) continue;
    const question: TextQuestion = {
      id: q.id,
      message: typeof q.message === 'function' ? q.message(state) : q.message,
      default: q.default?.(state),
      required: q.required ?? false,
      ...(q.validate ? { validate: q.validate } : {}),
    };
    const answer =
      q.kind === 'prose' ? await prompter.prose(question) : await prompter.text(question);
    q.apply(state, answer === CLEAR ? '' : answer.trim());
  }
}

/** "" stays absent; anything else is kept (prose keeps its inner line breaks). */
export function optional(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed === '' || trimmed === CLEAR ? undefined : trimmed;
}

/** "a, b, c" -> ["a", "b", "c"], without empty items. */
export function splitList(value: string): string[] {
  return value
    .split(/[,;]/)
    .map((s) => s.trim())
    .filter((s) => s !== '' && s !== CLEAR);
}
