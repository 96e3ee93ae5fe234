import { type DetectLanguage, detectableLanguages, loadLanguageDetector } from '../src/language/index.js';
import { fingerprint, normaliseSubmission, prepare } from '../src/submission/index.js';
import { type CorpusText, languageCorpus, wordCount } from './fixtures/language-corpus.js';

// Measured on this corpus with eld 2.1.0 (small): every text right (see the README's table). The
// bounds leave room for a detector update to move one or two short texts, not more.
const MIN_ACCURACY = 0.95;
const MIN_ACCURACY_PER_LANGUAGE = 0.9;
const MIN_PAIRS_TOLD_APART = 0.9;

let detect: DetectLanguage;
beforeAll(async () => {
  detect = await loadLanguageDetector();
});

const right = (text: CorpusText): boolean =>
  detect(`${text.subject}\n${text.description}`).language === text.language;

describe('the language detector on short complaint texts', () => {
  it('has at least 20 texts per language, many under 15 words', () => {
    for (const language of detectableLanguages) {
      const texts = languageCorpus.filter((t) => t.language === language);
      expect(texts.length).toBeGreaterThanOrEqual(20);
      expect(texts.filter((t) => wordCount(t) < 15).length).toBeGreaterThanOrEqual(10);
    }
  });

  it(`is right on at least ${MIN_ACCURACY * 100}% of the texts`, () => {
    const hits = languageCorpus.filter(right).length;
    expect(hits / languageCorpus.length).toBeGreaterThanOrEqual(MIN_ACCURACY);
  });

  it.each(detectableLanguages)(
    `is right on at least ${MIN_ACCURACY_PER_LANGUAGE * 100}%% in %s`,
    (language) => {
      const texts = languageCorpus.filter((t) => t.language === language);
      const hits = texts.filter(right).length;
      expect(hits / texts.length).toBeGreaterThanOrEqual(MIN_ACCURACY_PER_LANGUAGE);
    },
  );

  it('tells Russian from Ukrainian in the pairs that share most letters', () => {
    const pairs = new Map<string, CorpusText[]>();
    for (const text of languageCorpus) {
      if (text.pair) pairs.set(text.pair, [...(pairs.get(text.pair) ?? []), text]);
    }
    expect(pairs.size).toBeGreaterThanOrEqual(20);
    const apart = [...pairs.values()].filter((pair) => pair.length === 2 && pair.every(right)).length;
    expect(apart / pairs.size).toBeGreaterThanOrEqual(MIN_PAIRS_TOLD_APART);
  });

  it.each([
    ['a French text (a language we do not answer in)', 'Le colis est arrivé cassé.'],
    ['a German text', 'Meine Rechnung ist viel zu hoch, bitte prüfen Sie den Zählerstand.'],
    ['one word', 'Thanks'],
    ['no letters', '1234'],
    ['nothing', ''],
  ])('names no language for %s', (_what, text) => {
    expect(detect(text).language).toBeUndefined();
  });
});

describe('a submission that states no language', () => {
  const body = (subject: string, description: string, language?: string) => ({
    channel: 'web',
    externalRef: 'form-1',
    customer: {
      name: 'Anna',
      email: 'anna@example.lv',
      ...(language ? { preferredLanguage: language } : {}),
    },
    subject,
    description,
  });
  const customerOf = (normalised: unknown) => (normalised as { customer: Record<string, unknown> }).customer;

  it('gets the detected language, marked detected', () => {
    const normalised = normaliseSubmission(body('Nav interneta', 'Internets nedarbojas kopš piektdienas.'), {
      defaultRegion: 'LV',
      defaultLanguage: 'en',
      detectLanguage: detect,
    });
    expect(customerOf(normalised)).toMatchObject({
      preferredLanguage: 'lv',
      preferredLanguageSource: 'detected',
    });
  });

  it('gets the default when the detector is unsure, marked default', () => {
    const normalised = normaliseSubmission(body('Ok', '1234 5678'), {
      defaultRegion: 'LV',
      defaultLanguage: 'ro',
      detectLanguage: detect,
    });
    expect(customerOf(normalised)).toMatchObject({
      preferredLanguage: 'ro',
      preferredLanguageSource: 'default',
    });
  });

  it('keeps a language the body or Accept-Language gives, marked given', () => {
    const text = ['Nav interneta', 'Internets nedarbojas kopš piektdienas.'] as const;
    const options = { defaultRegion: 'LV', defaultLanguage: 'en' as const, detectLanguage: detect };
    expect(customerOf(normaliseSubmission(body(...text, 'RU'), options))).toMatchObject({
      preferredLanguage: 'ru',
      preferredLanguageSource: 'given',
    });
    expect(
      customerOf(normaliseSubmission(body(...text), { ...options, acceptLanguage: 'hu-HU,hu;q=0.9' })),
    ).toMatchObject({ preferredLanguage: 'hu', preferredLanguageSource: 'given' });
    // `*` (what fetch sends) names no language: the text decides.
    expect(customerOf(normaliseSubmission(body(...text), { ...options, acceptLanguage: '*' }))).toMatchObject(
      {
        preferredLanguage: 'lv',
        preferredLanguageSource: 'detected',
      },
    );
  });
});

describe('the fingerprint of a submission whose language intake found', () => {
  it('is what it was before intake detected languages, so a retry across the upgrade is the same', () => {
    const body = {
      channel: 'web',
      externalRef: 'form-2',
      customer: { name: 'Anna', email: 'anna@example.lv' },
      subject: 'Nav interneta',
      description: 'Internets nedarbojas kopš piektdienas.',
    };
    const now = prepare({ defaultRegion: 'LV', defaultLanguage: 'en', detectLanguage: detect }, body);
    expect(now.submission.customer).toMatchObject({
      preferredLanguage: 'lv',
      preferredLanguageSource: 'detected',
    });
    // Before: the default language filled in, no source.
    const before = prepare({ defaultRegion: 'LV', defaultLanguage: 'en' }, body).submission;
    const { preferredLanguageSource: _source, ...customerBefore } = before.customer;
    expect(now.fingerprint).toBe(fingerprint({ ...before, customer: customerBefore }, 'en'));
    // A language the channel gives still counts.
    const given = prepare(
      { defaultRegion: 'LV', defaultLanguage: 'en' },
      {
        ...body,
        customer: { ...body.customer, preferredLanguage: 'lv' },
      },
    );
    expect(given.fingerprint).not.toBe(now.fingerprint);
  });
});
