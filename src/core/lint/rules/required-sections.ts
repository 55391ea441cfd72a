// What the document's status requires, as the review workflow defines it: a document in
// review or later must have every section the `status` command would ask for.
import { requiredForStatus } from '../../workflow.js';
import type { LintRule, RuleFinding, RuleInput } from '../types.js';

const SECTION_PATHS: Record<string, string> = {
  Summary: 'summary',
  Impact: 'impact.description',
  Timeline: 'timeline',
  'Root cause': 'root_cause.description',
  Detection: 'detection',
  Resolution: 'resolution',
  Apology: 'apology',
  'Action items': 'action_items',
  Lessons: 'lessons',
};

function check({ doc, lines, settings }: RuleInput): RuleFinding[] {
  const statusLine = lines.get('status') ?? 1;
  return requiredForStatus(doc, doc.status, settings.apologySeverities).map((section) => ({
    // An empty section's heading is in the line map; a missing one is pinned to the status.
    line: lines.get(SECTION_PATHS[section] ?? '') ?? statusLine,
    message: `status ${doc.status} requires the ${section} section, and it is ${lines.has(SECTION_PATHS[section] ?? '') ? 'empty' : 'missing'}`,
    hint:
      section === 'Apology'
        ? `write a "## ${section}" section: customers of a ${doc.severity} incident are owed an apology before approval`
        : `write the "## ${section}" section (\`postmortem edit ${doc.id}\`), or move the status back to draft`,
    key: section === 'Apology' ? 'apology-missing' : undefined,
  }));
}

export const requiredSections: LintRule = {
  name: 'required-sections',
  defaultLevel: 'error',
  description:
    'the sections the status requires: review needs all but Lessons; approved and published need everything',
  check,
};
