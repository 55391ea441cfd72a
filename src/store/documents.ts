// The post-mortems of one repository as files: find, read and write them safely.
import { lstatSync, mkdirSync, readFileSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve, sep } from 'node:path';
import type { Postmortem } from '../core/model.js';
import { parseDecoded, parsePostmortem, type ParsedDocument } from '../core/parse.js';
import { DocumentError } from '../core/problems.js';
import { serializePostmortem } from '../core/serialize.js';
import { ID_RULE, isValidId } from '../core/slug.js';
import { MAX_DOCUMENT_BYTES, decodeText } from '../core/text.js';
import type { ValidateOptions } from '../core/validate.js';
import { UserError } from '../errors.js';
import { CONFIG_FILE, severityNames, type Config } from '../config/config.js';
import { isWithin, refuseSymlink, writeFileAtomic } from './atomic.js';
import { postmortemFiles, repoPath } from './files.js';
import { gitDirOf } from './repo.js';

export interface StoredDocument extends ParsedDocument {
  /** Absolute path of the file. */
  file: string;
  /** Path relative to the repo root, with forward slashes: what messages show. */
  path: string;
  /** The exact text read, to notice a change on disk before writing. */
  text: string;
}

export class DocumentStore {
  readonly root: string;
  readonly config: Config;
  readonly dir: string;

  constructor(root: string, config: Config) {
    this.root = root;
    this.config = config;
    this.dir = join(root, config.folder);
  }

  relativePath(file: string): string {
    return repoPath(this.root, file);
  }

  fileFor(id: string): string {
    if (!isValidId(id))
      throw new UserError(`"${id}" is not a valid post-mortem id: ${ID_RULE}`, { exitCode: 2 });
    return join(this.dir, `${id}.md`);
  }

  /** Every post-mortem file, sorted by name (ids start with the date: oldest first). */
  listFiles(): string[] {
    return postmortemFiles(this.dir);
  }

  /** An id, or a path to a file (relative to cwd), to the file it names. */
  resolveRef(ref: string, cwd: string): string {
    if (ref.includes('/') || ref.includes('\\') || ref.endsWith('.md')) {
      const file = isAbsolute(ref) ? ref : resolve(cwd, ref);
      this.assertInsideRepo(file);
      return file;
    }
    return this.fileFor(ref);
  }

  exists(file: string): boolean {
    try {
      lstatSync(file);
      return true;
    } catch {
      return false;
    }
  }

  read(file: string): StoredDocument {
    this.assertInsideRepo(file);
    const path = this.relativePath(file);
    let stat;
    try {
      stat = lstatSync(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new UserError(`no post-mortem at ${path}`, {
          hint: 'see the ids with `postmortem list`',
        });
      }
      throw error;
    }
    if (stat.isSymbolicLink()) {
      throw new UserError(`${path} is a symbolic link: postmortem does not follow links`, {
        hint: 'replace the link with the real file',
      });
    }
    if (stat.size > MAX_DOCUMENT_BYTES) {
      throw new DocumentError(path, [
        {
          message: `file is ${(stat.size / 1024 / 1024).toFixed(1)} MB: a post-mortem may be at most 2 MB; move attachments elsewhere and link to them`,
        },
      ]);
    }
    const bytes = readFileSync(file);
    const decoded = decodeText(bytes);
    if (!decoded.ok) throw new DocumentError(path, [decoded.problem]);
    const { doc, lines, eol } = this.checked(
      file,
      path,
      parseDecoded(decoded.value, path, this.options()),
    );
    // The decoded text is the text read, unless a BOM or CRs were taken out of it.
    const { bom, text } = decoded.value;
    const read = bom || eol !== '\n' ? bytes.toString('utf8') : text;
    return { doc, lines, eol, path, file, text: read };
  }

  /**
   * The document in bytes already read from `file`: parsed, and in the post-mortems folder
   * its id checked against the file name.
   */
  parse(file: string, bytes: Uint8Array): ParsedDocument & { path: string } {
    const path = this.relativePath(file);
    const parsed = this.checked(file, path, parsePostmortem(bytes, path, this.options()));
    return { ...parsed, path };
  }

  private options(): ValidateOptions {
    return { severities: severityNames(this.config) };
  }

  /** The parsed document, once its id is checked against the file name. */
  private checked(file: string, path: string, parsed: ParsedDocument): ParsedDocument {
    const expected = `${parsed.doc.id}.md`;
    if (file.startsWith(this.dir + sep) && !file.endsWith(sep + expected)) {
      throw new DocumentError(path, [
        {
          line: parsed.lines.get('id') ?? 2,
          message: `id "${parsed.doc.id}" does not match the file name: rename the file to ${expected} or change the id`,
        },
      ]);
    }
    return parsed;
  }

  /**
   * Write a document. `previous` is the text the caller read (null: the file must not
   * exist yet); if the file changed on disk since, nothing is written.
   */
  write(file: string, doc: Postmortem, previous: string | null, eol: '\n' | '\r\n' = '\n'): string {
    this.assertInside(file);
    mkdirSync(this.dir, { recursive: true });
    refuseSymlink(file, 'post-mortem');
    const current = this.assertUnchanged(file, previous);
    const text = serializePostmortem(doc, { eol });
    if (text !== current) writeFileAtomic(file, text);
    return text;
  }

  /** Throw unless the file on disk is still `previous` (null: absent); returns its text. */
  assertUnchanged(file: string, previous: string | null): string | null {
    const path = this.relativePath(file);
    let current: string | null = null;
    try {
      current = readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (current !== previous) {
      throw new UserError(
        previous === null
          ? `${path} already exists: not overwriting it`
          : `${path} changed on disk while postmortem was working: not overwriting it`,
        {
          hint:
            previous === null
              ? 'choose another id, or edit it with `postmortem edit`'
              : 'run the command again to start from the new version',
        },
      );
    }
    return current;
  }

  /**
   * Refuse a file whose real path leaves the repository: a path argument like
   * `../elsewhere.md` or `/etc/passwd`, or a post-mortems folder that is a link out.
   */
  assertInsideRepo(file: string): void {
    const root = this.realFolder(this.root);
    const target = join(this.realFolder(dirname(resolve(file))), basename(file));
    if (!isWithin(root, target)) {
      const via = target === resolve(file) ? '' : ` (through a link, to ${target})`;
      throw new UserError(`${file} is outside the repository ${this.root}${via}: not using it`, {
        hint: 'copy the file into the repository, or pass --repo with the repository it is in',
        exitCode: 2,
      });
    }
  }

  /**
   * Refuse an output path (render --out FILE, publish --out DIR) that would overwrite what
   * the tool reads: the post-mortems, postmortem.yml, or anything in the git folder.
   */
  assertNotSource(target: string, what: string): void {
    const real = join(this.realFolder(dirname(resolve(target))), basename(target));
    const within = (dir: string): boolean => isWithin(dir, real);
    const source = within(this.realFolder(this.dir))
      ? `the post-mortems folder ${this.config.folder}/`
      : real === join(this.realFolder(this.root), CONFIG_FILE)
        ? CONFIG_FILE
        : within(this.realFolder(gitDirOf(this.root)))
          ? 'the git folder'
          : undefined;
    if (source !== undefined) {
      throw new UserError(`${what} ${target} would overwrite ${source}: not writing there`, {
        hint: 'write the output somewhere else, like --out site',
        exitCode: 2,
      });
    }
  }

  /** The real path of a folder, or of its nearest existing parent; remembered per folder. */
  private realFolder(dir: string): string {
    let real = this.realFolders.get(dir);
    if (real === undefined) {
      try {
        real = realpathSync(dir);
      } catch {
        const parent = dirname(dir);
        real = parent === dir ? dir : join(this.realFolder(parent), basename(dir));
      }
      this.realFolders.set(dir, real);
    }
    return real;
  }

  private readonly realFolders = new Map<string, string>();

  private assertInside(file: string): void {
    this.assertInsideRepo(file);
    const dir = this.existingRealDir();
    const target = resolve(file);
    if (!target.startsWith(resolve(this.dir) + sep) && !target.startsWith(dir + sep)) {
      throw new UserError(`${file} is outside ${this.config.folder}/: refusing to write there`);
    }
  }

  private existingRealDir(): string {
    try {
      return realpathSync(this.dir);
    } catch {
      return resolve(this.dir);
    }
  }
}
