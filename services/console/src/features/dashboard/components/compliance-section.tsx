import { SimpleGrid, Table, Text, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import type { MessageId } from '../../../i18n/messages/en.js';
import { type ComplianceRow, useReport } from '../api/reports.js';
import { ExportCsvButton } from './export-csv-button.js';
import { FigureLink, Percent } from './figure-link.js';
import { Section } from './section.js';

type Field = 'key' | 'total' | 'breached' | 'compliance';
interface Sort {
  field: Field;
  descending: boolean;
}

const value = (row: ComplianceRow, field: Field): string | number | null =>
  field === 'key'
    ? (row.name ?? row.key ?? '')
    : field === 'total'
      ? row.total.count
      : field === 'breached'
        ? row.breached.count
        : row.compliancePercent;

/** Rows in the chosen order; empty values (no percentage) last, ties by name. */
export function sortRows(rows: readonly ComplianceRow[], sort: Sort): ComplianceRow[] {
  const name = (r: ComplianceRow) => r.name ?? r.key ?? '';
  return [...rows].sort((a, b) => {
    const va = value(a, sort.field);
    const vb = value(b, sort.field);
    if (va === null || vb === null) return va === vb ? name(a).localeCompare(name(b)) : va === null ? 1 : -1;
    const order =
      typeof va === 'number' && typeof vb === 'number' ? va - vb : String(va).localeCompare(String(vb));
    return (sort.descending ? -order : order) || name(a).localeCompare(name(b));
  });
}

function ComplianceTable({ rows, by }: { rows: ComplianceRow[]; by: 'team' | 'agent' }) {
  const intl = useIntl();
  const t = (id: MessageId, values?: Record<string, string>) => intl.formatMessage({ id }, values);
  // Worst first, as a supervisor reads it.
  const [sort, setSort] = useState<Sort>({ field: 'compliance', descending: false });
  const title = t(by === 'team' ? 'dashboard.compliance.byTeam' : 'dashboard.compliance.byAgent');
  const nobody = t(by === 'team' ? 'dashboard.compliance.noTeam' : 'dashboard.compliance.noAgent');
  const columns: { field: Field; label: string }[] = [
    { field: 'key', label: t(by === 'team' ? 'dashboard.team' : 'dashboard.agent') },
    { field: 'total', label: t('dashboard.compliance.total') },
    { field: 'breached', label: t('dashboard.compliance.breached') },
    { field: 'compliance', label: t('dashboard.compliance.percent') },
  ];
  const sorted = sortRows(rows, sort);
  const label = (r: ComplianceRow) => r.name ?? r.key ?? nobody;
  return (
    <div>
      <Text fw={600} component="h3" size="md" m={0} mb="xs" id={`dashboard-compliance-${by}`}>
        {title}
      </Text>
      <ExportCsvButton
        name={`compliance-by-${by}`}
        title={title}
        header={[by, 'total', 'breached', 'compliancePercent']}
        rows={sorted.map((r) => [r.key, r.total.count, r.breached.count, r.compliancePercent])}
      />
      {rows.length === 0 ? (
        <Text>{t('dashboard.none')}</Text>
      ) : (
        <Table withTableBorder striped aria-labelledby={`dashboard-compliance-${by}`} mt="xs">
          <Table.Thead>
            <Table.Tr>
              {columns.map((c) => {
                const active = sort.field === c.field;
                return (
                  <Table.Th
                    key={c.field}
                    scope="col"
                    aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}
                  >
                    <UnstyledButton
                      fw={700}
                      fz="sm"
                      onClick={() =>
                        setSort({ field: c.field, descending: active ? !sort.descending : false })
                      }
                      aria-label={t('dashboard.sortBy', { column: c.label })}
                    >
                      {c.label} {active ? (sort.descending ? '▼' : '▲') : ''}
                    </UnstyledButton>
                  </Table.Th>
                );
              })}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sorted.map((r) => (
              <Table.Tr key={r.key ?? ''}>
                <Table.Th scope="row">{label(r)}</Table.Th>
                <Table.Td>
                  <FigureLink
                    figure={r.total}
                    label={t('dashboard.compliance.totalOf', { name: label(r) })}
                  />
                </Table.Td>
                <Table.Td>
                  <FigureLink
                    figure={r.breached}
                    label={t('dashboard.compliance.breachedOf', { name: label(r) })}
                  />
                </Table.Td>
                <Table.Td>
                  <Percent value={r.compliancePercent} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </div>
  );
}

/** SLA compliance (complaints received in the period without a breach) by team and by agent. */
export function ComplianceSection({ query }: { query: string }) {
  const intl = useIntl();
  const report = useReport('compliance', query);
  return (
    <Section
      id="dashboard-compliance"
      title={intl.formatMessage({ id: 'dashboard.compliance.title' })}
      report={report}
    >
      {(data) => (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <ComplianceTable rows={data.byTeam} by="team" />
          <ComplianceTable rows={data.byAgent} by="agent" />
        </SimpleGrid>
      )}
    </Section>
  );
}
