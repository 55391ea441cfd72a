export const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,80}$/;
export const ID_RULE =
  'lowercase letters, digits and dashes, starting with a letter or digit, at most 81 characters, and not a device name like con or nul';

/** Names Windows keeps for devices: `con.md` cannot be checked out there. */
const DEVICE_NAMES = /^(?:con|prn|aux|nul|com[0-9]|lpt[0-9])$/;

/** A URL- and file-safe slug of a title: "API down (EU)" -> "api-down-eu". */
export function slugify(text: string, maxLength = 70): string {
  const ascii = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (ascii.length <= maxLength) return ascii;
  const cut = ascii.slice(0, maxLength);
  const lastDash = cut.lastIndexOf('-');
  return (lastDash > maxLength / 2 ? cut.slice(0, lastDash) : cut).replace(/-+$/, '');
}

/** The default id: the start date, then a slug of the title. Two branches never collide. */
export function defaultId(startDate: string, title: string): string {
  const slug = slugify(title) || 'incident';
  return `${startDate}-${slug}`;
}

export function isValidId(id: string): boolean {
  return id.normalize('NFC') === id && ID_PATTERN.test(id) && !DEVICE_NAMES.test(id);
}
