// The terminal prompter: the only module that imports inquirer.
import { checkbox, confirm, input, select } from '@inquirer/prompts';
import { editInEditor, editorCommand } from './editor.js';
import type {
  CheckboxQuestion,
  ConfirmQuestion,
  Prompter,
  SelectQuestion,
  TextQuestion,
} from './prompter.js';
import { CLEAR } from './prompter.js';

export interface TerminalPrompterOptions {
  env: NodeJS.ProcessEnv;
  /** Where `say` writes (stderr: stdout is for data). */
  write: (text: string) => void;
}

function checkValue(q: TextQuestion, value: string): true | string {
  const trimmed = value.trim();
  if (trimmed === '' || trimmed === CLEAR) {
    if (q.required && (q.default === undefined || q.default === '' || trimmed === CLEAR))
      return 'an answer is required here';
    return true;
  }
  return q.validate ? q.validate(trimmed) : true;
}

async function askLine(q: TextQuestion, message = q.message): Promise<string> {
  const answer = await input({
    message,
    ...(q.default !== undefined && q.default !== '' ? { default: q.default } : {}),
    validate: (value: string) => checkValue(q, value),
  });
  return answer.trim();
}

/** Several typed lines; an empty line ends. Used when no editor is set or it failed. */
async function askLines(q: TextQuestion, say: (text: string) => void): Promise<string> {
  const current = q.default !== undefined && q.default !== '';
  say(
    current
      ? `${q.message}\n  Current text:\n${q.default!.replace(/^/gm, '  | ')}\n  Press Enter to keep it, type new text to replace it (an empty line ends), or "${CLEAR}" to clear it.`
      : `${q.message}\n  Type it line by line; an empty line ends${q.required ? '' : ' (Enter now to skip)'}.`,
  );
  for (;;) {
    const lines: string[] = [];
    for (;;) {
      const line = await input({ message: lines.length === 0 ? '>' : '…' });
      if (line.trim() === '') break;
      lines.push(line.replace(/\s+$/, ''));
    }
    if (lines.length === 0) {
      if (current) return q.default!;
      if (!q.required) return '';
      say('  An answer is required here.');
      continue;
    }
    const text = lines.join('\n');
    const check = text.trim() === CLEAR ? checkValue(q, CLEAR) : checkValue(q, text);
    if (check === true) return text.trim() === CLEAR ? CLEAR : text;
    say(`  ${check}`);
  }
}

export function createTerminalPrompter(options: TerminalPrompterOptions): Prompter {
  const say = (text: string): void => options.write(`${text}\n`);
  const editorName = editorCommand(options.env)?.[0];

  async function prose(q: TextQuestion): Promise<string> {
    if (editorName === undefined) return askLines(q, say);
    for (;;) {
      const typed = await input({
        message: `${q.message} (Enter opens ${editorName}: leave it unchanged to keep what is there; or type one line)`,
        validate: (value: string) => (value.trim() === '' ? true : checkValue(q, value)),
      });
      if (typed.trim() !== '') return typed.trim();
      const edited = editInEditor(q.default ?? '', options.env, q.id);
      if (!edited.ok) {
        say(`  ${edited.reason}; type the text here instead.`);
        return askLines(q, say);
      }
      const check = checkValue(q, edited.text);
      if (check === true) return edited.text.trim() === '' ? CLEAR : edited.text;
      say(`  ${check}`);
    }
  }

  return {
    text: (q) => askLine(q),
    prose,
    confirm: (q: ConfirmQuestion) => confirm({ message: q.message, default: q.default ?? false }),
    select: <T extends string>(q: SelectQuestion<T>) =>
      select<T>({
        message: q.message,
        choices: q.choices.map((c) => ({
          value: c.value,
          name: c.name,
          ...(c.description ? { description: c.description } : {}),
        })),
        ...(q.default !== undefined ? { default: q.default } : {}),
        pageSize: 12,
      }),
    checkbox: <T extends string>(q: CheckboxQuestion<T>) =>
      checkbox<T>({
        message: q.message,
        choices: q.choices.map((c) => ({
          value: c.value,
          name: c.name,
          checked: q.checked?.includes(c.value) ?? false,
        })),
        pageSize: 12,
      }),
    say,
  };
}
