import { Alert, Button, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { FormattedMessage } from 'react-intl';
import type { SessionUser } from '../../../lib/session.js';
import { fetchQueueCsv, saveFile } from '../api/export-csv.js';
import { useComplaints } from '../api/get-complaints.js';
import { DrillFilters } from '../components/drill-filters.js';
import { QueueFilters } from '../components/queue-filters.js';
import { QueueTable } from '../components/queue-table.js';

const route = getRouteApi('/queue');

export function QueuePage({ user }: { user: SessionUser }) {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  // The team view of a user in no team: nothing to ask projections, the page says why.
  const noTeam = search.view === 'team' && !user.team;
  const page = useComplaints(search, user, !noTeam);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string>();
  const exportCsv = async () => {
    setExporting(true);
    setExportError(undefined);
    try {
      saveFile('complaints.csv', 'text/csv', await fetchQueueCsv(search, user));
    } catch (error) {
      setExportError((error as Error).message);
    } finally {
      setExporting(false);
    }
  };
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={1}>
          <FormattedMessage id="queue.title" />
        </Title>
        <Button variant="default" onClick={() => void exportCsv()} loading={exporting} disabled={noTeam}>
          <FormattedMessage id="queue.exportCsv" />
        </Button>
      </Group>
      {exportError && (
        <Alert color="red" role="alert">
          <FormattedMessage id="common.error" values={{ detail: exportError }} />
        </Alert>
      )}
      <DrillFilters
        drill={search.drill}
        onClear={() =>
          void navigate({ search: (prev) => ({ ...prev, drill: undefined, cursor: undefined }) })
        }
      />
      <QueueFilters
        search={search}
        team={user.team}
        onChange={(next) => void navigate({ search: (prev) => ({ ...prev, ...next, cursor: undefined }) })}
      />
      {noTeam ? (
        <Text>
          <FormattedMessage id="queue.noTeam" />
        </Text>
      ) : page.isPending ? (
        <Loader aria-label="…" />
      ) : page.isError ? (
        <Alert color="red" role="alert">
          <FormattedMessage id="common.error" values={{ detail: page.error.message }} />
        </Alert>
      ) : page.data.items.length === 0 ? (
        <Text>
          <FormattedMessage id="queue.empty" />
        </Text>
      ) : (
        <>
          <Text size="sm" c="dimmed" aria-live="polite">
            <FormattedMessage id="queue.count" values={{ count: page.data.items.length }} />
          </Text>
          <QueueTable items={page.data.items} />
        </>
      )}
      <Group>
        {search.cursor && (
          <Button
            variant="default"
            onClick={() => void navigate({ search: (prev) => ({ ...prev, cursor: undefined }) })}
          >
            <FormattedMessage id="queue.first" />
          </Button>
        )}
        {page.data?.nextCursor && (
          <Button
            variant="default"
            onClick={() =>
              void navigate({ search: (prev) => ({ ...prev, cursor: page.data?.nextCursor ?? undefined }) })
            }
          >
            <FormattedMessage id="queue.next" />
          </Button>
        )}
      </Group>
    </Stack>
  );
}
