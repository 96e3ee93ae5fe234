import { Alert, Group, Loader, Paper, Stack, Title } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';

/** One part of the morning view: a titled region with its exports, and its report's state. */
export function Section<T>({
  id,
  title,
  report,
  actions,
  children,
}: {
  id: string;
  title: string;
  report: UseQueryResult<T>;
  actions?: (data: T) => ReactNode;
  children: (data: T) => ReactNode;
}) {
  return (
    <Paper component="section" aria-labelledby={id} withBorder p="md" className="dashboard-section">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h3" id={id}>
            {title}
          </Title>
          {report.data !== undefined && actions && <Group gap="xs">{actions(report.data)}</Group>}
        </Group>
        {report.isPending ? (
          <Loader size="sm" aria-label="…" />
        ) : report.isError ? (
          <Alert color="red" role="alert">
            <FormattedMessage id="common.error" values={{ detail: report.error.message }} />
          </Alert>
        ) : (
          children(report.data)
        )}
      </Stack>
    </Paper>
  );
}
