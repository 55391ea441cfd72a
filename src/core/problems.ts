/** One thing wrong with a document, an answers file or a config file. */
export interface Problem {
  line?: number;
  message: string;
}

/** Every problem found in one file, reported at once. */
export class DocumentError extends Error {
  readonly file: string;
  readonly problems: Problem[];

  constructor(file: string, problems: Problem[]) {
    super(problems.map((p) => formatProblem(file, p)).join('\n'));
    this.name = 'DocumentError';
    this.file = file;
    this.problems = problems;
  }
}

export function formatProblem(file: string, problem: Problem): string {
  return problem.line === undefined
    ? `${file}: ${problem.message}`
    : `${file}:${problem.line}: ${problem.message}`;
}
