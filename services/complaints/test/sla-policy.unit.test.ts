// Policy files: the bundled one, a bad one (every problem named by its path), and choosing a policy.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  calendarRegions,
  knowsRegion,
  loadPolicies,
  loadPoliciesFile,
  type PolicySet,
  SlaPolicyError,
  selectPolicy,
  withDefaultRegion,
} from '../src/sla/index.js';
import { at, bundled, bundledJson } from './sla-fixtures.js';

const issuesOf = (json: unknown) => {
  try {
    loadPolicies(json);
  } catch (error) {
    if (error instanceof SlaPolicyError) return error;
    throw error;
  }
  throw new Error('expected the policy file to be rejected');
};

describe('the bundled policy file', () => {
  it('loads: standard v1 on UK working hours, and one policy per regulatory preset', () => {
    expect(bundled.policies.map((p) => [p.id, p.version, p.regulatory.regime])).toEqual([
      ['standard', 1, 'none'],
      ['uk-fca-disp', 1, 'fca_disp'],
      ['uk-payments-psd2', 1, 'psd2'],
      ['us-cfpb', 1, 'cfpb'],
    ]);
    const standard = bundled.policies[0]!;
    expect(standard.calendar.timeZone).toBe('Europe/London');
    // 09:00–17:30 as minutes since midnight; the weekend has no hours.
    expect(standard.calendar.workingHours.mon).toEqual([{ from: 540, to: 1050 }]);
    expect(standard.calendar.workingHours.sat).toEqual([]);
    expect(standard.calendar.holidays).toContainEqual({
      date: '2026-11-30',
      name: "St Andrew's Day",
      regions: ['GB-SCT'],
    });
    expect(standard.escalation.levels.map((l) => l.to)).toEqual([
      'team-lead',
      'complaints-manager',
      'head-of-complaints',
    ]);
  });
});

describe('loadPoliciesFile', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sla-policies-'));

  it('reads the file it is given', () => {
    const file = path.join(dir, 'one.json');
    const json = bundledJson();
    writeFileSync(
      file,
      JSON.stringify({
        ...json,
        policies: (json.policies as unknown[]).slice(0, 1),
        defaults: { policy: 'standard' },
      }),
    );
    expect(loadPoliciesFile(file).policies.map((p) => p.id)).toEqual(['standard']);
  });

  it('names the file when it is missing or not JSON', () => {
    const missing = path.join(dir, 'missing.json');
    expect(() => loadPoliciesFile(missing)).toThrow(`cannot read SLA policy file ${missing}`);
    const broken = path.join(dir, 'broken.json');
    writeFileSync(broken, '{ "policies": ');
    expect(() => loadPoliciesFile(broken)).toThrow(`SLA policy file ${broken} is not JSON`);
  });
});

describe('loadPolicies', () => {
  it('names every bad field of a bad policy file by its path', () => {
    const json = bundledJson();
    const [standard, fca] = json.policies as Record<string, unknown>[];
    const bad = {
      ...json,
      policies: [
        {
          ...standard,
          calendar: {
            timeZone: 'Europe/Londn',
            workingHours: { mon: ['17:30-09:00'], tue: ['09:00-12:00', '11:00-17:00'], fri: ['9am-5pm'] },
            holidays: [
              { date: '2026-02-30', name: 'No such day' },
              { date: '2026-12-25', name: 'Xmas', regions: ['gb-sct'] },
            ],
          },
          targets: {
            ...(standard!.targets as object),
            low: {
              acknowledge: { amount: 0, unit: 'business_days' },
              first_response: { amount: 1, unit: 'fortnights' },
            },
          },
          regulatory: { regime: 'sec' },
          escalation: { levels: [{ level: 2, after: { amount: 0, unit: 'business_hours' }, to: 'lead' }] },
        },
        { ...fca, calendar: 'mars' },
        { ...fca, name: undefined, calendar: 'mars' },
      ],
      defaults: { policy: 'gold', byRegime: { cfpb: 'standard', psd2: 'uk-payments-psd2' } },
    };
    const error = issuesOf(bad);
    expect(error.issues.map((i) => i.path)).toEqual([
      'policies[0].calendar.timeZone',
      'policies[0].calendar.workingHours.mon[0]',
      'policies[0].calendar.workingHours.tue[1]',
      'policies[0].calendar.workingHours.fri[0]',
      'policies[0].calendar.holidays[0].date',
      'policies[0].calendar.holidays[1].regions[0]',
      'policies[0].targets.low.acknowledge.amount',
      'policies[0].targets.low.first_response.unit',
      'policies[0].targets.low.resolve',
      'policies[0].regulatory.regime',
      'policies[0].escalation.levels[0].level',
      'policies[2].name',
      'policies[1].calendar',
      'policies[2]',
      'policies[2].calendar',
      'defaults.policy',
      'defaults.byRegime.cfpb',
      'defaults.byRegime.psd2',
    ]);
    // The message lists them too, with a reason each.
    expect(error.message).toContain(
      'policies[0].calendar.timeZone: must be an IANA time zone like Europe/London',
    );
    expect(error.message).toContain('policies[1].calendar: unknown calendar "mars"');
    expect(error.message).toContain('policies[2]: duplicate policy uk-fca-disp v1 (also policies[1])');
    expect(error.message).toContain('defaults.byRegime.cfpb: policy "standard" does not use the cfpb regime');
    expect(error.message).toContain('defaults.byRegime.psd2: unknown policy "uk-payments-psd2"');
  });

  it('rejects a calendar with no working hours at all', () => {
    const json = bundledJson();
    const bad = { ...json, calendars: { uk: { timeZone: 'Europe/London', workingHours: {} } } };
    expect(issuesOf(bad).issues).toContainEqual({
      path: 'calendars.uk.workingHours',
      message: 'at least one weekday needs working hours',
    });
  });
});

describe('selectPolicy', () => {
  it('takes a matching rule first, then the regime default, then the default policy', () => {
    const receivedAt = at('2026-03-09T09:00:00Z');
    expect(selectPolicy(bundled, { receivedAt, category: 'payments', regime: 'fca_disp' }).id).toBe(
      'uk-payments-psd2',
    );
    expect(selectPolicy(bundled, { receivedAt, category: 'mortgages', regime: 'fca_disp' }).id).toBe(
      'uk-fca-disp',
    );
    expect(selectPolicy(bundled, { receivedAt, regime: 'cfpb' }).id).toBe('us-cfpb');
    expect(selectPolicy(bundled, { receivedAt, channel: 'email' }).id).toBe('standard');
  });

  it('takes the highest version in force when the complaint was received', () => {
    const json = bundledJson();
    const [standard] = json.policies as Record<string, unknown>[];
    const set: PolicySet = loadPolicies({
      ...json,
      policies: [standard, { ...standard, version: 2, effectiveFrom: '2026-06-01T00:00:00+01:00' }],
      defaults: { policy: 'standard' },
    });
    expect(selectPolicy(set, { receivedAt: at('2026-05-31T22:59:59Z') }).version).toBe(1);
    expect(selectPolicy(set, { receivedAt: at('2026-05-31T23:00:00Z') }).version).toBe(2);
  });
});

describe('regions', () => {
  const uk = bundled.policies[0]!.calendar;
  const usEast = bundled.policies.find((p) => p.id === 'us-cfpb')!.calendar;
  const file = () =>
    bundledJson() as {
      calendars: Record<string, Record<string, unknown>>;
      defaults: Record<string, unknown>;
    };

  it('a calendar knows the regions its holidays name, their subdivisions, and those it lists', () => {
    expect(calendarRegions(uk)).toEqual(['GB-ENG', 'GB-NIR', 'GB-SCT', 'GB-WLS']);
    expect(knowsRegion(uk, 'GB-SCT')).toBe(true);
    // "GB" would not say whose bank holidays apply (Easter Monday, 2 January differ).
    expect(knowsRegion(uk, 'GB')).toBe(false);
    expect(calendarRegions(usEast)).toEqual([]);
    const json = file();
    json.calendars['us-east']!.regions = ['US'];
    const listed = loadPolicies(json).policies.find((p) => p.id === 'us-cfpb')!.calendar;
    expect([knowsRegion(listed, 'US-NY'), knowsRegion(listed, 'US'), knowsRegion(listed, 'CA')]).toEqual([
      true,
      true,
      false,
    ]);
  });

  it('takes a default region from the file, which some calendar must know', () => {
    const json = file();
    json.defaults.region = 'GB-ENG';
    expect(loadPolicies(json).defaults.region).toBe('GB-ENG');
    json.defaults.region = 'FR';
    expect(issuesOf(json).issues).toEqual([
      {
        path: 'defaults.region',
        message: "no policy's calendar knows region FR (known: GB-ENG, GB-NIR, GB-SCT, GB-WLS)",
      },
    ]);
    json.defaults.region = 'england';
    expect(issuesOf(json).issues.map((i) => i.path)).toEqual(['defaults.region']);
  });

  it('withDefaultRegion overrides the default, and refuses one no calendar knows, naming the variable', () => {
    expect(withDefaultRegion(bundled, 'GB-SCT').defaults.region).toBe('GB-SCT');
    expect(withDefaultRegion(bundled, undefined)).toBe(bundled);
    expect(() => withDefaultRegion(bundled, 'DE-BY')).toThrow(
      "SLA_DEFAULT_REGION is invalid:\n  SLA_DEFAULT_REGION: no policy's calendar knows region DE-BY",
    );
  });
});
