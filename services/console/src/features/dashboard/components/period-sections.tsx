import { BarChart, LineChart } from '@mantine/charts';
import { Anchor, Group, List, SimpleGrid, Table, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useIntl } from 'react-intl';
import type { MessageId } from '../../../i18n/messages/en.js';
import { type CategoryTrend, scores, useReport } from '../api/reports.js';
import { ExportCsvButton } from './export-csv-button.js';
import { FigureLink, FigureTile, Percent } from './figure-link.js';
import { Section } from './section.js';

type Values = Record<string, string | number>;
function useT() {
  const intl = useIntl();
  return { intl, t: (id: MessageId, values?: Values) => intl.formatMessage({ id }, values) };
}

/** Opened against closed per UTC day over the last 30 days: a chart, and the same as a table. */
export function FlowSection({ query }: { query: string }) {
  const { intl, t } = useT();
  const report = useReport('flow', query ? `${query}&days=30` : 'days=30');
  const dayLabel = (day: string) =>
    intl.formatDate(`${day}T00:00:00Z`, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  return (
    <Section
      id="dashboard-flow"
      title={t('dashboard.flow.title')}
      report={report}
      actions={(data) => (
        <ExportCsvButton
          name="opened-closed"
          title={t('dashboard.flow.title')}
          header={['day', 'opened', 'closed']}
          rows={data.days.map((d) => [d.day, d.opened.count, d.closed.count])}
        />
      )}
    >
      {(data) => (
        <>
          <figure className="dashboard-chart">
            <figcaption>{t('dashboard.flow.caption')}</figcaption>
            <LineChart
              h={260}
              data={data.days.map((d) => ({
                day: dayLabel(d.day),
                opened: d.opened.count,
                closed: d.closed.count,
              }))}
              dataKey="day"
              withLegend
              legendProps={{ verticalAlign: 'bottom', height: 40 }}
              curveType="linear"
              series={[
                { name: 'opened', label: t('dashboard.flow.opened'), color: 'blue.7' },
                { name: 'closed', label: t('dashboard.flow.closed'), color: 'teal.8' },
              ]}
              valueFormatter={(value) => intl.formatNumber(value)}
            />
          </figure>
          <details className="dashboard-details">
            <summary>{t('dashboard.flow.table')}</summary>
            <Table withTableBorder aria-label={t('dashboard.flow.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('dashboard.day')}</Table.Th>
                  <Table.Th scope="col">{t('dashboard.flow.opened')}</Table.Th>
                  <Table.Th scope="col">{t('dashboard.flow.closed')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.days.map((d) => (
                  <Table.Tr key={d.day}>
                    <Table.Th scope="row">{dayLabel(d.day)}</Table.Th>
                    <Table.Td>
                      <FigureLink
                        figure={d.opened}
                        label={t('dashboard.flow.openedOn', { day: dayLabel(d.day) })}
                      />
                    </Table.Td>
                    <Table.Td>
                      <FigureLink
                        figure={d.closed}
                        label={t('dashboard.flow.closedOn', { day: dayLabel(d.day) })}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </details>
        </>
      )}
    </Section>
  );
}

/** Of the complaints that ended in the period: rates, outcomes, redress and time to resolve. */
export function OutcomesSection({ query }: { query: string }) {
  const { intl, t } = useT();
  const report = useReport('outcomes', query);
  // Under a day in hours, else in days.
  const days = (seconds: number | null) =>
    seconds === null
      ? t('dashboard.none')
      : intl.formatNumber(seconds < 86_400 ? seconds / 3_600 : seconds / 86_400, {
          style: 'unit',
          unit: seconds < 86_400 ? 'hour' : 'day',
          unitDisplay: 'long',
          maximumFractionDigits: 1,
        });
  return (
    <Section
      id="dashboard-outcomes"
      title={t('dashboard.outcomes.title')}
      report={report}
      actions={(data) => (
        <ExportCsvButton
          name="outcomes"
          title={t('dashboard.outcomes.title')}
          header={['figure', 'count', 'percent']}
          rows={[
            ['closed', data.closed.count, null],
            ['within3BusinessDays', data.within3BusinessDays.count, data.within3BusinessDays.percent],
            ['within8Weeks', data.within8Weeks.count, data.within8Weeks.percent],
            ...Object.entries(data.byOutcome).map(([o, r]) => [o, r.count, r.percent] as const),
            ['reopened', data.reopened.count, data.reopened.percent],
            ...data.redress.map((r) => [`redress ${r.currency} ${r.amount}`, r.count, null] as const),
            ['timeToResolveMedianSeconds', data.timeToResolve.median, null],
            ['timeToResolveP90Seconds', data.timeToResolve.p90, null],
          ]}
        />
      )}
    >
      {(data) => {
        const rate = (label: string, figure: typeof data.reopened) => (
          <FigureTile label={label} figure={figure} detail={<Percent value={figure.percent} />} />
        );
        return (
          <>
            <SimpleGrid cols={{ base: 2, md: 4 }}>
              <FigureTile label={t('dashboard.outcomes.closed')} figure={data.closed} />
              {rate(t('dashboard.outcomes.within3bd'), data.within3BusinessDays)}
              {rate(t('dashboard.outcomes.within8w'), data.within8Weeks)}
              {rate(t('outcome.upheld'), data.byOutcome.upheld)}
              {rate(t('outcome.partially_upheld'), data.byOutcome.partially_upheld)}
              {rate(t('outcome.not_upheld'), data.byOutcome.not_upheld)}
              {rate(t('dashboard.outcomes.reopened'), data.reopened)}
            </SimpleGrid>
            <Group gap="xl" align="start">
              <div>
                <Text fw={600} component="h3" size="md" m={0}>
                  {t('dashboard.outcomes.timeToResolve')}
                </Text>
                <Text>
                  {t('dashboard.outcomes.median', { value: days(data.timeToResolve.median) })} ·{' '}
                  {t('dashboard.outcomes.p90', { value: days(data.timeToResolve.p90) })}
                </Text>
              </div>
              <div>
                <Text fw={600} component="h3" size="md" m={0}>
                  {t('dashboard.outcomes.redress')}
                </Text>
                {data.redress.length === 0 ? (
                  <Text>{t('dashboard.none')}</Text>
                ) : (
                  <List>
                    {data.redress.map((r) => (
                      <List.Item key={r.currency}>
                        {intl.formatNumber(Number(r.amount), { style: 'currency', currency: r.currency })} (
                        <FigureLink
                          figure={r}
                          label={t('dashboard.outcomes.redressOf', { currency: r.currency })}
                        />
                        )
                      </List.Item>
                    ))}
                  </List>
                )}
              </div>
            </Group>
          </>
        );
      }}
    </Section>
  );
}

/** Complaints received in the period and escalated, per reason. */
export function EscalationsSection({ query }: { query: string }) {
  const { intl, t } = useT();
  const report = useReport('escalations', query);
  return (
    <Section
      id="dashboard-escalations"
      title={t('dashboard.escalations.title')}
      report={report}
      actions={(data) => (
        <ExportCsvButton
          name="escalations"
          title={t('dashboard.escalations.title')}
          header={['reason', 'count', 'percent']}
          rows={Object.entries(data.byReason).map(([reason, r]) => [reason, r.count, r.percent])}
        />
      )}
    >
      {(data) => (
        <Table withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('dashboard.escalations.reason')}</Table.Th>
              <Table.Th scope="col">{t('dashboard.count')}</Table.Th>
              <Table.Th scope="col">{t('dashboard.escalations.share')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {Object.entries(data.byReason).map(([reason, r]) => {
              const name = intl.formatMessage({ id: `escalationReason.${reason}` as MessageId });
              return (
                <Table.Tr key={reason}>
                  <Table.Th scope="row">{name}</Table.Th>
                  <Table.Td>
                    <FigureLink figure={r} label={t('dashboard.escalations.of', { reason: name })} />
                  </Table.Td>
                  <Table.Td>
                    <Percent value={r.percent} />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Section>
  );
}

/** CSAT of the complaints that ended in the period: mean, distribution, and the low ratings. */
export function CsatSection({ query }: { query: string }) {
  const { intl, t } = useT();
  const report = useReport('csat', query);
  return (
    <Section
      id="dashboard-csat"
      title={t('dashboard.csat.title')}
      report={report}
      actions={(data) => (
        <>
          <ExportCsvButton
            name="csat"
            title={t('dashboard.csat.distribution')}
            header={['score', 'count']}
            rows={scores.map((s) => [Number(s), data.distribution[s].count])}
          />
          <ExportCsvButton
            name="low-ratings"
            title={t('dashboard.csat.low')}
            header={['reference', 'subject', 'score', 'team', 'receivedAt']}
            rows={data.low.rows.map((r) => [
              r.reference,
              r.subject,
              r.satisfactionScore,
              r.team,
              r.receivedAt,
            ])}
          />
        </>
      )}
    >
      {(data) => (
        <>
          <SimpleGrid cols={{ base: 2, md: 3 }}>
            <FigureTile
              label={t('dashboard.csat.mean')}
              figure={data.responses}
              detail={
                data.mean === null
                  ? t('dashboard.none')
                  : t('dashboard.csat.meanValue', {
                      mean: intl.formatNumber(data.mean, { maximumFractionDigits: 2 }),
                    })
              }
            />
            <FigureTile label={t('dashboard.csat.low')} figure={data.low} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <figure className="dashboard-chart">
              <figcaption>{t('dashboard.csat.distribution')}</figcaption>
              <BarChart
                h={200}
                data={scores.map((s) => ({ score: s, count: data.distribution[s].count }))}
                dataKey="score"
                series={[{ name: 'count', label: t('dashboard.count'), color: 'violet.7' }]}
                valueFormatter={(value) => intl.formatNumber(value)}
              />
            </figure>
            <Table withTableBorder aria-label={t('dashboard.csat.distribution')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('dashboard.csat.score')}</Table.Th>
                  <Table.Th scope="col">{t('dashboard.count')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {scores.map((s) => (
                  <Table.Tr key={s}>
                    <Table.Th scope="row">{s}</Table.Th>
                    <Table.Td>
                      <FigureLink
                        figure={data.distribution[s]}
                        label={t('dashboard.csat.scoreOf', { score: s })}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </SimpleGrid>
          <Text fw={600} component="h3" size="md" m={0}>
            {t('dashboard.csat.low')}
          </Text>
          {data.low.rows.length === 0 ? (
            <Text>{t('dashboard.csat.noLow')}</Text>
          ) : (
            <Table withTableBorder aria-label={t('dashboard.csat.low')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('dashboard.reference')}</Table.Th>
                  <Table.Th scope="col">{t('dashboard.subject')}</Table.Th>
                  <Table.Th scope="col">{t('dashboard.csat.score')}</Table.Th>
                  <Table.Th scope="col">{t('dashboard.team')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.low.rows.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>
                      <Anchor
                        renderRoot={(props) => (
                          <Link {...props} to="/complaints/$complaintId" params={{ complaintId: r.id }} />
                        )}
                      >
                        {r.reference}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{r.subject}</Table.Td>
                    <Table.Td>{r.satisfactionScore}</Table.Td>
                    <Table.Td>{r.team ?? t('dashboard.none')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </>
      )}
    </Section>
  );
}

function TrendTable({ rows, label }: { rows: CategoryTrend[]; label: string }) {
  const { intl, t } = useT();
  if (rows.length === 0) return <Text>{t('dashboard.none')}</Text>;
  return (
    <Table withTableBorder aria-label={label}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('dashboard.category')}</Table.Th>
          <Table.Th scope="col">{t('dashboard.categories.current')}</Table.Th>
          <Table.Th scope="col">{t('dashboard.categories.previous')}</Table.Th>
          <Table.Th scope="col">{t('dashboard.categories.change')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((c) => (
          <Table.Tr key={c.category}>
            <Table.Th scope="row">{c.category}</Table.Th>
            <Table.Td>
              <FigureLink
                figure={c.current}
                label={t('dashboard.categories.currentOf', { category: c.category })}
              />
            </Table.Td>
            <Table.Td>
              <FigureLink
                figure={c.previous}
                label={t('dashboard.categories.previousOf', { category: c.category })}
              />
            </Table.Td>
            <Table.Td>{intl.formatNumber(c.change, { signDisplay: 'exceptZero' })}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** The period's most frequent categories, and those that rose most against the previous period. */
export function CategoriesSection({ query }: { query: string }) {
  const { t } = useT();
  const report = useReport('categories', query);
  const csv = (rows: CategoryTrend[]) =>
    rows.map((c) => [c.category, c.current.count, c.previous.count, c.change]);
  const header = ['category', 'current', 'previous', 'change'];
  return (
    <Section
      id="dashboard-categories"
      title={t('dashboard.categories.title')}
      report={report}
      actions={(data) => (
        <>
          <ExportCsvButton
            name="top-categories"
            title={t('dashboard.categories.top')}
            header={header}
            rows={csv(data.top)}
          />
          <ExportCsvButton
            name="rising-categories"
            title={t('dashboard.categories.rising')}
            header={header}
            rows={csv(data.rising)}
          />
        </>
      )}
    >
      {(data) => (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <div>
            <Text fw={600} component="h3" size="md" m={0} mb="xs">
              {t('dashboard.categories.top')}
            </Text>
            <TrendTable rows={data.top} label={t('dashboard.categories.top')} />
          </div>
          <div>
            <Text fw={600} component="h3" size="md" m={0} mb="xs">
              {t('dashboard.categories.rising')}
            </Text>
            <TrendTable rows={data.rising} label={t('dashboard.categories.rising')} />
          </div>
        </SimpleGrid>
      )}
    </Section>
  );
}
