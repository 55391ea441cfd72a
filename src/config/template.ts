// The commented postmortem.yml that `postmortem init` writes: every setting parseConfig
// accepts, each with what it does, set to the default (the timezone to this machine's).
import { DEFAULT_SEVERITY_LEVELS, defaultConfig } from './config.js';

function yamlString(text: string): string {
  return /^[\w./+-][\w ./+,:()-]*$/.test(text) &&
    !/:\s|\s$|^(true|false|null|yes|no|on|off|~)$/i.test(text)
    ? text
    : JSON.stringify(text);
}

export function configTemplate(options: { folder?: string; timezone: string }): string {
  const defaults = defaultConfig();
  const folder = options.folder ?? defaults.folder;
  const severities = DEFAULT_SEVERITY_LEVELS.map(
    (s) => `  - name: ${s.name}\n    description: ${yamlString(s.description)}`,
  ).join('\n');
  const due = Object.entries(defaults.lint.due_within_days)
    .map(([priority, days]) => `    ${priority}: ${days}`)
    .join('\n');
  return `# postmortem settings. Every setting is optional: delete one to get its default.
# Docs: \`postmortem --help\`; check this file with \`postmortem lint\`.

# Where the post-mortems live, relative to this file: one <id>.md file each.
folder: ${yamlString(folder)}

# The IANA timezone new post-mortems are written in (times keep their offset).
timezone: ${yamlString(options.timezone)}

# Severity levels, most severe first: a post-mortem's severity must be one of these.
# The two most severe levels need an apology to customers before approval.
severities:
${severities}

# Your own templates, overriding the shipped ones file by file
# (\`postmortem templates\` lists what is in effect).
templates: ${yamlString(defaults.templates)}

git:
  # Commit every change postmortem makes (only the files it changed).
  commit: ${String(defaults.git.commit)}
  # Work on a branch per post-mortem, postmortem/<id>, to review it in a pull request.
  branch: ${String(defaults.git.branch)}

publish:
  # Publish approved post-mortems too, not only published ones.
  include_approved: ${String(defaults.publish.include_approved)}
  # The title of the published index and feed.
  site_title: ${yamlString(defaults.publish.site_title)}
  # Where the site is served from, for links in the feed:
  # base_url: https://status.example.com/incidents/

lint:
  # Each rule's level: error, warn or off (\`postmortem lint\` names the rules).
  rules:
    # blameless-language: warn
  # Action items of each priority must be due within this many days.
  due_within_days:
${due}
  # More phrases that blame people rather than systems.
  blameless_phrases: []

leaks:
  # Regular expressions for text that must never appear in public output
  # (hostnames, internal URLs, ticket ids), on top of each document's redact list.
  patterns: []
  # For example:
  # patterns:
  #   - '\\b[a-z]+-prod-\\d+\\b'
  #   - 'https?://[a-z.]*internal\\.example\\.com'
`;
}
