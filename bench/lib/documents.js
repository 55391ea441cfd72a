// One realistic post-mortem per index, in the canonical model. Document i depends only
// on (seed, i), so the first 20 documents of every generated repository are the same.
import { createRandom, hashSeed } from './prng.js';
import * as C from './corpus.js';

const BASE_MS = Date.UTC(2016, 0, 4, 0, 0, 0);
const HOUR = 3_600_000;
const MINUTE = 60_000;

function localIso(ms, zone) {
  const [, offset, minutes] = zone;
  return new Date(ms + minutes * MINUTE).toISOString().slice(0, 19) + offset;
}

function localDate(ms, zone) {
  return localIso(ms, zone).slice(0, 10);
}

function slugify(text) {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50);
}

function sentenceCase(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The model of document `index`. `usedIds` keeps ids unique across the repository. */
export function buildDocument(seed, index, usedIds) {
  const r = createRandom(hashSeed(`${seed}:${index}`));
  const zone = r.pick(C.ZONES);
  const [symptomTitle, symptom] = r.pick(C.SYMPTOMS);
  const services = r.sample(C.SERVICES, r.int(1, 3));
  const cause = r.pick(C.CAUSES);
  const start = BASE_MS + index * 7 * HOUR + r.int(0, 300) * MINUTE;
  const detected = start + r.int(2, 30) * MINUTE;
  const mitigated = detected + r.int(20, 240) * MINUTE;
  const resolved = mitigated + r.int(5, 60) * MINUTE;
  const hours = Math.max(1, Math.round((resolved - start) / HOUR));
  const title = `${symptomTitle} for ${hours === 1 ? 'about an hour' : `about ${hours} hours`} in ${services[0]}`;

  let id = `${localDate(start, zone)}-${slugify(title)}`;
  for (let n = 2; usedIds.has(id); n++) id = `${localDate(start, zone)}-${slugify(title)}-${n}`;
  usedIds.add(id);

  const host = `${r.pick(C.HOST_ROLES)}-${r.int(1, 9)}`;
  const ip = `10.${r.int(0, 9)}.${r.int(0, 255)}.${r.int(2, 254)}`;
  const person = r.pick(C.PEOPLE);
  const customer = r.pick(C.CUSTOMERS);
  const fill = (text) =>
    text
      .replace('{host}', host)
      .replace('{ip}', ip)
      .replace('{person}', person)
      .replace('{customer}', customer);

  const roll = r.next();
  const status =
    roll < 0.85 ? 'published' : roll < 0.9 ? 'approved' : roll < 0.95 ? 'review' : 'draft';
  const approved = resolved + r.int(24, 96) * HOUR;
  const published = approved + r.int(1, 48) * HOUR;
  const authors = r.sample(C.AUTHORS, r.int(1, 2));
  const reviewers =
    status === 'published' || status === 'approved'
      ? r.sample(
          C.AUTHORS.filter((a) => !authors.includes(a)),
          1,
        )
      : [];
  const affected = r.int(40, 4000);

  // 40 entries from the start to two hours after resolution, in time order.
  const end = resolved + 2 * HOUR;
  const minutes = new Set([
    0,
    (detected - start) / MINUTE,
    (mitigated - start) / MINUTE,
    (resolved - start) / MINUTE,
  ]);
  while (minutes.size < 40) minutes.add(r.int(1, (end - start) / MINUTE));
  const timeline = [...minutes]
    .sort((a, b) => a - b)
    .map((m, i) => {
      const at = localIso(start + m * MINUTE, zone);
      if (i === 0)
        return {
          at,
          event: `${sentenceCase(symptom)} (first errors in ${services.join(', ')})`,
          internal: false,
        };
      const internal = i % 4 === 2 || r.chance(0.1);
      return internal
        ? { at, event: fill(r.pick(C.INTERNAL_EVENTS)), internal: true }
        : {
            at,
            event:
              C.PUBLIC_EVENTS[
                Math.min(
                  C.PUBLIC_EVENTS.length - 1,
                  Math.floor((i / 40) * C.PUBLIC_EVENTS.length) + r.int(0, 3),
                )
              ],
            internal: false,
          };
    });

  const action_items = r.sample(C.ACTIONS, 10).map(([text, type], i) => {
    const priority = r.pick(['P0', 'P1', 'P1', 'P2', 'P3']);
    const days = priority === 'P0' ? 5 : priority === 'P1' ? 21 : 60;
    const s = r.pick(['open', 'open', 'in_progress', 'done', 'done']);
    const internal = i === 3 || i === 7;
    const item = {
      id: `AI-${i + 1}`,
      title: internal ? `${text} on ${host}` : text,
      owner: r.pick(C.OWNERS),
      due: localDate(start + days * 24 * HOUR, zone),
      priority,
      type,
      status: s,
      internal,
    };
    if (r.chance(0.6)) item.link = `https://tracker.example.com/OPS-${1000 + index * 10 + i}`;
    return item;
  });

  const factors = r.sample(C.FACTORS, r.int(3, 4));
  const doc = {
    id,
    title,
    status,
    severity: r.pick(['SEV1', 'SEV2', 'SEV2', 'SEV3', 'SEV4']),
    authors,
    reviewers,
    services,
    timezone: zone[0],
    started_at: localIso(start, zone),
    detected_at: localIso(detected, zone),
    mitigated_at: localIso(mitigated, zone),
    resolved_at: localIso(resolved, zone),
    ...(status === 'approved' || status === 'published'
      ? { approved_at: localIso(approved, zone) }
      : {}),
    ...(status === 'published' ? { published_at: localIso(published, zone) } : {}),
    summary: [
      `On ${localDate(start, zone)} ${symptom} for about ${hours === 1 ? 'an hour' : `${hours} hours`}.`,
      `The cause was ${cause}. Our monitoring noticed within ${(detected - start) / MINUTE} minutes,`,
      `and we had the service working again ${Math.round((mitigated - start) / MINUTE)} minutes after it started.`,
      '',
      'That took longer than it should have, and we are sorry for the disruption it caused.',
    ].join('\n'),
    impact: {
      description: [
        `About ${affected.toLocaleString('en-US')} customers using ${services.join(', ')} were affected: ${symptom}.`,
        'Requests made during the incident failed or were delayed; work queued in that window was processed after recovery.',
        '',
        '> [!INTERNAL]',
        `> The largest affected account was ${customer}; their account team is following up.`,
        `> Errors were concentrated on ${host}.`,
      ].join('\n'),
      customers_affected: `about ${affected.toLocaleString('en-US')} customers`,
      not_affected: [
        '- No data was lost: every write before the incident was replicated.',
        '- Passwords, payment details and billing were not affected.',
        `- Services other than ${services.join(', ')} kept working normally.`,
      ].join('\n'),
      data_loss: false,
    },
    timeline,
    root_cause: {
      description: [
        `${sentenceCase(cause)}. Once that happened, ${symptom}, and nothing recovered on its own.`,
        'The safeguards we expected to catch this did not cover this case.',
        '',
        '> [!INTERNAL]',
        `> ${host} (${ip}) was the first to fail; the capacity alert on it had been silenced weeks earlier.`,
      ].join('\n'),
      trigger: r.pick(C.TRIGGERS),
      contributing_factors: factors,
    },
    detection: `Automated monitoring alerted the on-call engineer ${(detected - start) / MINUTE} minutes after the first errors. The alert named the symptom, not the cause, so the first half hour went into finding the cause.`,
    resolution: `We rolled back the change, cleared the queued work and watched error rates and latency for an hour before declaring the incident resolved. The service was fully working again at ${localIso(resolved, zone).slice(11, 16)} local time.`,
    apology: [
      `We are sorry. For about ${hours === 1 ? 'an hour' : `${hours} hours`}, ${symptom}, and it took us too long to fix it. That is our failure.`,
      '',
      'Your data is safe and nothing was lost; passwords and billing were never affected. You do not need to do anything.',
      'We are adding the safeguards listed below, and we will post progress on our status page.',
      'Every customer on a paid plan affected by this incident will receive a credit on their next invoice.',
    ].join('\n'),
    action_items,
    lessons: {
      went_well: r.sample(C.WENT_WELL, 2),
      went_wrong: r.sample(C.WENT_WRONG, 2),
      lucky: r.sample(C.LUCKY, 1),
    },
    internal_notes: [
      `${person} led the response; ${customer} asked for a call with engineering and got one the next day.`,
      `Heap dumps and logs from ${host} are kept in the incident folder for 90 days.`,
    ].join('\n'),
    redact: [host, ip, person, customer],
  };
  return doc;
}
