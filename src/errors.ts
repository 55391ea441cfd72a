/** A problem the user can fix: printed as one line plus a hint, never with a stack. */
export class UserError extends Error {
  readonly hint: string | undefined;
  readonly exitCode: number;

  constructor(message: string, options: { hint?: string; exitCode?: number } = {}) {
    super(message);
    this.name = 'UserError';
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? 1;
  }
}

/** Wrong flags or arguments: exit 2. */
export class UsageError extends UserError {
  constructor(message: string, hint?: string) {
    super(message, { exitCode: 2, ...(hint === undefined ? {} : { hint }) });
    this.name = 'UsageError';
  }
}

/** The command ran and found problems (lint findings, parse errors in a listing): exit 1. */
export class FindingsExit extends Error {
  readonly exitCode = 1;
  constructor() {
    super('findings');
    this.name = 'FindingsExit';
  }
}
