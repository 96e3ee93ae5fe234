import '@mantine/charts/styles.css';
import '../dashboard.css';
import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import { useEffect } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { SessionUser } from '../../../lib/session.js';
import { useLiveReports } from '../api/reports.js';
import { ComplianceSection } from '../components/compliance-section.js';
import { DashboardFilters } from '../components/dashboard-filters.js';
import { BacklogSection, ClocksSection } from '../components/now-sections.js';
import {
  CategoriesSection,
  CsatSection,
  EscalationsSection,
  FlowSection,
  OutcomesSection,
} from '../components/period-sections.js';
import { reportQuery } from '../search.js';

const route = getRouteApi('/dashboard');

/** Who may open the morning view (projections' reports answer supervisors only). */
export const dashboardRoles = ['supervisor'] as const;

function Period({ from, to }: { from?: string; to?: string }) {
  const intl = useIntl();
  const day = (value: string) =>
    intl.formatDate(`${value}T00:00:00Z`, { dateStyle: 'long', timeZone: 'UTC' });
  if (!from && !to) return <FormattedMessage id="dashboard.period.default" />;
  return (
    <FormattedMessage
      id="dashboard.period.range"
      values={{ from: from ? day(from) : '…', to: to ? day(to) : '…' }}
    />
  );
}

/** The supervisors' morning view: what is late, what is about to be, and what is going wrong. */
export default function DashboardPage({ user }: { user: SessionUser }) {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  useLiveReports();
  // Printed, the tables folded away in <details> are open.
  useEffect(() => {
    const open = () => {
      for (const details of document.querySelectorAll('details.dashboard-details'))
        details.setAttribute('open', '');
    };
    window.addEventListener('beforeprint', open);
    return () => window.removeEventListener('beforeprint', open);
  }, []);
  if (!user.roles.some((role) => (dashboardRoles as readonly string[]).includes(role))) {
    return (
      <Stack>
        <Title order={1}>
          <FormattedMessage id="dashboard.title" />
        </Title>
        <Alert color="red" role="alert" title={<FormattedMessage id="dashboard.forbidden.title" />}>
          <FormattedMessage id="dashboard.forbidden" />
        </Alert>
      </Stack>
    );
  }
  const query = reportQuery(search);
  // The flow is always the last 30 days: the period does not apply to it.
  const slice = reportQuery(search, false);
  return (
    <Stack gap="md" className="dashboard">
      <Group justify="space-between" align="end">
        <div>
          <Title order={1}>
            <FormattedMessage id="dashboard.title" />
          </Title>
          <Text c="dimmed">
            <Period from={search.from} to={search.to} />
          </Text>
        </div>
        <Button variant="default" className="dashboard-no-print" onClick={() => window.print()}>
          <FormattedMessage id="dashboard.print" />
        </Button>
      </Group>
      <DashboardFilters
        // Typed fields start again from the URL when it changes (back, forward, a shared link).
        key={`${search.team ?? ''}|${search.category ?? ''}`}
        search={search}
        onChange={(next) => void navigate({ search: (prev) => ({ ...prev, ...next }) })}
      />
      <ClocksSection query={query} />
      <BacklogSection query={query} />
      <FlowSection query={slice} />
      <OutcomesSection query={query} />
      <EscalationsSection query={query} />
      <CsatSection query={query} />
      <CategoriesSection query={query} />
      <ComplianceSection query={query} />
    </Stack>
  );
}
