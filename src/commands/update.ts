import type { CommandContext, CommandResult } from '../context.js';
import { UserError } from '../errors.js';

// Placeholder until the command lands; it fails loudly rather than pretending.
export function runUpdate(_ctx: CommandContext, _options: Record<string, unknown>): CommandResult {
  return Promise.reject(new UserError('`postmortem update` is not available yet'));
}
