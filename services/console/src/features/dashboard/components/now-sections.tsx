import { BarChart } from '@mantine/charts';
import { SimpleGrid, Table } from '@mantine/core';
import { useIntl } from 'react-intl';
import type { MessageId } from '../../../i18n/messages/en.js';
import { ageBuckets, type ClockName, clockNames, useReport } from '../api/reports.js';
import { ExportCsvButton } from './export-csv-button.js';
import { FigureLink, FigureTile } from './figure-link.js';
import { Section } from './section.js';

export const clockLabel: Record<ClockName, MessageId> = {
  acknowledge: 'deadline.acknowledge',
  first_response: 'deadline.firstResponse',
  resolve: 'deadline.resolve',
  regulatory_final_response: 'deadline.regulatoryFinalResponse',
};

/** Breached and at risk, per clock, of the open complaints. */
export function ClocksSection({ query }: { query: string }) {
  const intl = useIntl();
  const t = (id: MessageId, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const report = useReport('clocks', query);
  return (
    <Section
      id="dashboard-clocks"
      title={t('dashboard.clocks.title')}
      report={report}
      actions={(data) => (
        <ExportCsvButton
          name="clocks"
          title={t('dashboard.clocks.title')}
          header={['clock', 'breached', 'atRisk']}
          rows={clockNames.map((c) => [c, data.clocks[c].breached.count, data.clocks[c].atRisk.count])}
        />
      )}
    >
      {(data) => (
        <Table striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('dashboard.clocks.clock')}</Table.Th>
              <Table.Th scope="col">{t('dashboard.clocks.breached')}</Table.Th>
              <Table.Th scope="col">{t('dashboard.clocks.atRisk')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {clockNames.map((clock) => {
              const name = t(clockLabel[clock]);
              return (
                <Table.Tr key={clock}>
                  <Table.Th scope="row">{name}</Table.Th>
                  <Table.Td>
                    <FigureLink
                      figure={data.clocks[clock].breached}
                      label={t('dashboard.clocks.breachedOf', { clock: name })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <FigureLink
                      figure={data.clocks[clock].atRisk}
                      label={t('dashboard.clocks.atRiskOf', { clock: name })}
                    />
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

/** Open, new since yesterday, unassigned, stale, and the open complaints by age. */
export function BacklogSection({ query }: { query: string }) {
  const intl = useIntl();
  const t = (id: MessageId, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const report = useReport('backlog', query);
  const bucket = (b: (typeof ageBuckets)[number]) => t(`dashboard.age.${b}` as MessageId);
  return (
    <Section
      id="dashboard-backlog"
      title={t('dashboard.backlog.title')}
      report={report}
      actions={(data) => (
        <ExportCsvButton
          name="backlog"
          title={t('dashboard.backlog.title')}
          header={['figure', 'count']}
          rows={[
            ['open', data.open.count],
            ['newSinceYesterday', data.newSinceYesterday.count],
            ['unassigned', data.unassigned.count],
            ['stale', data.stale.count],
            ...ageBuckets.map((b) => [`age ${b}`, data.ageBuckets[b].count] as const),
          ]}
        />
      )}
    >
      {(data) => (
        <>
          <SimpleGrid cols={{ base: 2, md: 4 }}>
            <FigureTile label={t('dashboard.backlog.open')} figure={data.open} />
            <FigureTile
              label={t('dashboard.backlog.new')}
              figure={data.newSinceYesterday}
              detail={t('dashboard.backlog.since', {
                since: intl.formatDate(data.newSinceYesterday.since, {
                  dateStyle: 'medium',
                  timeZone: 'UTC',
                }),
              })}
            />
            <FigureTile label={t('dashboard.backlog.unassigned')} figure={data.unassigned} />
            <FigureTile label={t('dashboard.backlog.stale', { days: data.staleDays })} figure={data.stale} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <figure className="dashboard-chart">
              <figcaption>{t('dashboard.backlog.byAge')}</figcaption>
              <BarChart
                h={220}
                data={ageBuckets.map((b) => ({ bucket: bucket(b), open: data.ageBuckets[b].count }))}
                dataKey="bucket"
                series={[{ name: 'open', label: t('dashboard.backlog.open'), color: 'blue.7' }]}
                valueFormatter={(value) => intl.formatNumber(value)}
              />
            </figure>
            <Table withTableBorder aria-label={t('dashboard.backlog.byAge')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('dashboard.age')}</Table.Th>
                  <Table.Th scope="col">{t('dashboard.backlog.open')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {ageBuckets.map((b) => (
                  <Table.Tr key={b}>
                    <Table.Th scope="row">{bucket(b)}</Table.Th>
                    <Table.Td>
                      <FigureLink
                        figure={data.ageBuckets[b]}
                        label={t('dashboard.backlog.ageOf', { age: bucket(b) })}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </SimpleGrid>
        </>
      )}
    </Section>
  );
}
