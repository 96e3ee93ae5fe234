import { Anchor, Paper, Stack, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { Figure } from '../api/reports.js';
import { drillOf } from '../search.js';

/**
 * A figure's number as a link to the queue filtered to exactly the complaints behind it (the
 * figure's drill-down). The accessible name says what is counted, not only the number.
 */
export function FigureLink({
  figure,
  label,
  children,
}: {
  figure: Figure;
  label: string;
  children?: ReactNode;
}) {
  const intl = useIntl();
  return (
    <Anchor
      fz="inherit"
      renderRoot={(props) => <Link {...props} to="/queue" search={{ drill: drillOf(figure.drillDown) }} />}
      aria-label={intl.formatMessage({ id: 'dashboard.figure.link' }, { label, count: figure.count })}
    >
      {children ?? intl.formatNumber(figure.count)}
    </Anchor>
  );
}

/** A percentage in the user's language (`null`: nothing to divide by). */
export function Percent({ value }: { value: number | null }) {
  const intl = useIntl();
  if (value === null) return <FormattedMessage id="dashboard.none" />;
  return <>{intl.formatNumber(value / 100, { style: 'percent', maximumFractionDigits: 1 })}</>;
}

/** One headline figure: its name, the number as a drill-down link, and an optional detail line. */
export function FigureTile({ label, figure, detail }: { label: string; figure: Figure; detail?: ReactNode }) {
  return (
    <Paper withBorder p="sm" className="dashboard-tile">
      <Stack gap={2}>
        <Text size="sm" c="dimmed" component="h3" fw={500} m={0}>
          {label}
        </Text>
        <Text fz={28} fw={700} lh={1.2}>
          <FigureLink figure={figure} label={label} />
        </Text>
        {detail && (
          <Text size="sm" c="dimmed">
            {detail}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
