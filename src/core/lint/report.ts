// Findings as people and machines read them: text grouped by file (like ESLint), one
// JSON document, or GitHub workflow annotations.
import type { Finding } from './types.js';

export interface LintSummary {
  files: number;
  filesWithFindings: number;
  errors: number;
  warnings: number;
}

export function summarize(findings: readonly Finding[], files: number): LintSummary {
  return {
    files,
    filesWithFindings: new Set(findings.map((f) => f.file)).size,
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warn').length,
  };
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The closing line of every format: what was checked and what was found. */
export function summaryLine(summary: LintSummary): string {
  const checked = plural(summary.files, 'post-mortem');
  const problems = summary.errors + summary.warnings;
  if (problems === 0) return `${checked} checked: no problems`;
  return `${plural(problems, 'problem')} (${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}) in ${summary.filesWithFindings} of ${checked}`;
}

/** Colour functions for the text format; identity when colour is off. */
export interface Paint {
  underline(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

/** One terminal line: no line breaks or control characters from document text. */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\s*[\r\n]+\s*/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
}

const plain: Paint = {
  underline: (s) => s,
  red: (s) => s,
  yellow: (s) => s,
  dim: (s) => s,
  bold: (s) => s,
};

/** ESLint's stylish layout: a file header, then `line  severity  message  rule` and the hint. */
export function formatText(
  findings: readonly Finding[],
  files: number,
  paint: Paint = plain,
): string {
  const out: string[] = [];
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  for (const [file, list] of byFile) {
    out.push(paint.underline(oneLine(file)));
    const lineWidth = Math.max(...list.map((f) => String(f.line).length));
    for (const f of list) {
      const severity = f.severity === 'error' ? paint.red('error') : paint.yellow('warn ');
      out.push(
        `  ${paint.dim(String(f.line).padStart(lineWidth))}  ${severity}  ${oneLine(f.message)}  ${paint.dim(f.rule)}`,
      );
      out.push(`  ${' '.repeat(lineWidth)}         ${paint.dim(`hint: ${oneLine(f.hint)}`)}`);
    }
    out.push('');
  }
  const summary = summarize(findings, files);
  const line = summaryLine(summary);
  out.push(
    summary.errors > 0
      ? paint.bold(paint.red(`✖ ${line}`))
      : summary.warnings > 0
        ? paint.bold(paint.yellow(`⚠ ${line}`))
        : `✔ ${line}`,
  );
  return out.join('\n');
}

export function toJson(
  findings: readonly Finding[],
  files: number,
): { findings: Finding[]; summary: LintSummary } {
  return { findings: findings.map((f) => ({ ...f })), summary: summarize(findings, files) };
}

/** Escape a workflow command's message: %, CR and LF. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escape a workflow command's property value: the message escapes plus ":" and ",". */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** `::error file=F,line=L,title=T::message` per finding, then a plain summary line. */
export function formatGithub(findings: readonly Finding[], files: number): string {
  const lines = findings.map((f) => {
    const command = f.severity === 'error' ? 'error' : 'warning';
    const props = `file=${escapeProperty(f.file)},line=${f.line},title=${escapeProperty(`postmortem ${f.rule}`)}`;
    return `::${command} ${props}::${escapeData(`${f.message}\nhint: ${f.hint}`)}`;
  });
  lines.push(summaryLine(summarize(findings, files)));
  return lines.join('\n');
}
