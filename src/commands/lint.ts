import type { CommandContext, CommandResult } from '../context.js';
import { UserError } from '../errors.js';

// Placeholder until the command lands; it fails loudly rather than pretending.
export function runLint(_ctx: CommandContext, _options: Record<string, unknown>): CommandResult {
  return Promise.reject(new UserError('`postmortem lint` is not available yet'));
}
