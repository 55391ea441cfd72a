// Which template files are in effect: the shipped ones, each overridable by a file of the
// same name in the repo's templates folder. Symbolic links are refused, never followed.
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { isWithin, refuseLinkedComponents } from '../store/atomic.js';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../errors.js';

export const SHIPPED_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

export type TemplateKind = 'template' | 'partial' | 'stylesheet';

export interface TemplateFile {
  /** The file name that identifies it, e.g. `public.md.hbs` or `summary.md.hbs`. */
  name: string;
  kind: TemplateKind;
  origin: 'shipped' | 'repo';
  /** Absolute path. */
  file: string;
  /** What messages show: `templates/partials/summary.md.hbs` or the repo-relative path. */
  display: string;
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

function refuseLink(path: string, display: string): void {
  if (isLink(path)) {
    throw new UserError(
      `${display} is a symbolic link: postmortem does not follow links for templates`,
      {
        hint: 'replace the link with the real file',
      },
    );
  }
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

/** The templates shipped with the package, in the order the engine loads them. */
export function shippedTemplates(): TemplateFile[] {
  const files: TemplateFile[] = [];
  for (const name of listDir(SHIPPED_DIR)) {
    if (name.endsWith('.hbs') || name.endsWith('.css')) {
      const kind = name.endsWith('.css') ? 'stylesheet' : 'template';
      files.push({
        name,
        kind,
        origin: 'shipped',
        file: join(SHIPPED_DIR, name),
        display: `templates/${name}`,
      });
    }
  }
  for (const name of listDir(join(SHIPPED_DIR, 'partials'))) {
    if (name.endsWith('.hbs')) {
      files.push({
        name,
        kind: 'partial',
        origin: 'shipped',
        file: join(SHIPPED_DIR, 'partials', name),
        display: `templates/partials/${name}`,
      });
    }
  }
  return files;
}

/** The override folder, checked to be a real folder inside the repo (or undefined). */
function overrideDir(root: string, folder: string): string | undefined {
  const dir = resolve(root, folder);
  if (!isWithin(resolve(root), dir)) {
    throw new UserError(`the templates folder "${folder}" is outside the repository`, {
      hint: 'set templates: in postmortem.yml to a folder inside the repository',
    });
  }
  refuseLink(dir, folder);
  refuseLinkedComponents(root, dir, folder);
  return listDir(dir).length > 0 ? dir : undefined;
}

/**
 * The templates in effect, shipped ones replaced by the repo's files of the same name
 * (a partial may sit in the folder itself or in its `partials/` subfolder).
 */
export function resolveTemplates(root: string, folder: string): TemplateFile[] {
  const dir = overrideDir(root, folder);
  return shippedTemplates().map((t) => {
    if (!dir) return t;
    const candidates =
      t.kind === 'partial'
        ? [join(dir, t.name), join(dir, 'partials', t.name)]
        : [join(dir, t.name)];
    for (const file of candidates) {
      const display = relative(root, file).split(sep).join('/');
      refuseLink(file, display);
      try {
        if (lstatSync(file).isFile()) return { ...t, origin: 'repo' as const, file, display };
      } catch {
        // not overridden
      }
    }
    return t;
  });
}

/** Files in the repo's templates folder that match no shipped name: they are not used. */
export function unusedOverrides(root: string, folder: string): string[] {
  const dir = overrideDir(root, folder);
  if (!dir) return [];
  const names = new Set(shippedTemplates().map((t) => t.name));
  const unused: string[] = [];
  for (const name of listDir(dir)) {
    if (name === 'partials') {
      for (const sub of listDir(join(dir, 'partials')))
        if (!names.has(sub)) unused.push(`${folder}/partials/${sub}`);
    } else if (!names.has(name)) unused.push(`${folder}/${name}`);
  }
  return unused;
}

export function readTemplate(t: TemplateFile): string {
  refuseLink(t.file, t.display);
  return readFileSync(t.file, 'utf8');
}
