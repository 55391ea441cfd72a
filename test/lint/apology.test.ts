import { describe, expect, it } from 'vitest';
import { EXAMPLE_NAMES, OUTAGE, edit, example, lineOf, lintRule, lintText } from './helpers.js';

const apology = (text: string) => lintRule(text, 'apology');

/** The outage example (SEV1, published) with its apology replaced. */
function withApology(prose: string, doc = example(OUTAGE)): string {
  return doc.replace(
    /## Apology\n\n[\s\S]*?\n## Action items/,
    `## Apology\n\n${prose}\n\n## Action items`,
  );
}

// Buffer's email to every user an hour into the 2013 breach (see the seed stories).
const BUFFER = `I wanted to get in touch to apologize for the awful experience we've caused many of you on
your weekend. Buffer was hacked around 1 hour ago, and many of you may have experienced spam
posts sent from you via Buffer. I can only understand how angry and disappointed you must be.

Not everyone who has signed up for Buffer has been affected, but you may want to check on your
accounts. We're working hard to fix this problem right now and we're expecting to have
everything back to normal shortly. Your Buffer passwords are not affected. No billing or
payment information was affected or exposed. I am incredibly sorry this has happened.`;

// Twilio's follow-up in the billing incident thread.
const TWILIO = `We are sorry: our billing system charged many of you more than once overnight. We have
identified the root cause and reconstructed the timeline. We still owe you a full technical
post-mortem, and we are responding to every servicing fee reimbursement request at
help@twilio.com.`;

const CORPORATE = `We apologize for any inconvenience this may have caused. If you were affected, please contact
support. Mistakes were made, and we regret any disruption.`;

describe('apology', () => {
  it.each(EXAMPLE_NAMES)('passes on the example %s', (name) => {
    expect(apology(example(name))).toEqual([]);
  });

  it.each([
    ['Buffer, an hour into the breach', BUFFER],
    ['Twilio, the morning after', TWILIO],
  ])('passes on a real apology: %s', (_name, prose) => {
    expect(apology(withApology(prose))).toEqual([]);
  });

  it('flags every non-apology in a corporate statement, at its line, with what to write instead', () => {
    const text = withApology(CORPORATE);
    const findings = apology(text);
    const first = lineOf(text, 'We apologize for any');
    expect(findings.map((f) => [f.line - first, f.message])).toEqual([
      [0, '"apologize for any inconvenience this may have caused" in the Apology is a non-apology'],
      [0, '"If you were affected" in the Apology is a non-apology'],
      [0, 'the Apology does not say what happened to customers'],
      [0, 'the Apology does not say what we are doing about it'],
      [1, '"Mistakes were made" in the Apology is a non-apology'],
      [1, '"regret any disruption" in the Apology is a non-apology'],
    ]);
    expect(
      findings.every((f) => f.rule === 'apology' && f.severity === 'error' && f.hint !== ''),
    ).toBe(true);
  });

  it.each([
    [
      'We are sorry for any inconvenience. The app was down for three hours; we have added a second on-call engineer.',
      '"sorry for any inconvenience"',
    ],
    [
      'We are sorry if you were affected by the three-hour outage. We have added a second on-call engineer.',
      '"sorry if"',
    ],
    [
      'We regret that the app was unavailable for three hours. We are sorry, and we have added a backup pager.',
      '"We regret that"',
    ],
    [
      'We apologize for the inconvenience: the app was down for three hours. We have fixed the pager.',
      '"for the inconvenience"',
    ],
  ])('flags the non-apology in: %s', (prose, quoted) => {
    const messages = apology(withApology(prose)).map((f) => f.message);
    expect(messages).toEqual([`${quoted} in the Apology is a non-apology`]);
  });

  it('asks for ownership as a company', () => {
    const text = withApology(
      'Sorry. The app was down for three hours. A second engineer is now paged after ten minutes (fixed).',
    );
    expect(apology(text).map((f) => f.message)).toEqual([
      'the Apology does not take ownership: it never says "we" or "our"',
    ]);
  });

  it('requires an apology for SEV1 and SEV2 from review on, not for drafts or minor incidents', () => {
    const none = example(OUTAGE).replace(
      /## Apology\n\n[\s\S]*?\n## Action items/,
      '## Action items',
    );
    expect(none).not.toContain('## Apology');
    const review = edit(none, 'status: published', 'status: review');
    expect(apology(review)).toEqual([
      expect.objectContaining({
        line: lineOf(review, 'severity:'),
        message: 'a SEV1 post-mortem needs a public apology, and this one has none',
      }),
    ]);
    expect(apology(edit(none, 'status: published', 'status: draft'))).toEqual([]);
    expect(apology(edit(none, 'severity: SEV1', 'severity: SEV3'))).toEqual([]);
    expect(apology(edit(review, 'severity: SEV1', 'severity: SEV2'))).toHaveLength(1);
  });

  it('judges only the public text: an apology that is all internal counts as none', () => {
    const text = withApology(
      '> [!INTERNAL]\n> We are sorry; the founder will call the three angriest customers and credit them.',
    );
    expect(apology(text).map((f) => f.message)).toEqual([
      'a SEV1 post-mortem needs a public apology, and this one has only internal text',
    ]);
  });

  it('still checks the wording of an apology a SEV3 chose to write', () => {
    const text = edit(
      withApology('We apologize for any inconvenience.'),
      'severity: SEV1',
      'severity: SEV3',
    );
    expect(apology(text).map((f) => f.message)).toContain(
      '"apologize for any inconvenience" in the Apology is a non-apology',
    );
  });

  it('reports a missing apology once when required-sections reports it too', () => {
    const none = example(OUTAGE).replace(
      /## Apology\n\n[\s\S]*?\n## Action items/,
      '## Action items',
    );
    const findings = lintText(none).filter((f) => /apology/i.test(f.message));
    expect(findings.map((f) => f.rule)).toEqual(['required-sections']);
    const withoutRequired = lintText(none, { levels: { 'required-sections': 'off' } }).filter((f) =>
      /apology/i.test(f.message),
    );
    expect(withoutRequired.map((f) => f.rule)).toEqual(['apology']);
  });
});
