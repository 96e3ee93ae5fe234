import { Badge } from '@mantine/core';
import { FormattedMessage } from 'react-intl';
import type { SlaSummary } from '../lib/complaint-types.js';

/** The SLA at a glance: breached, overdue, at risk or on track (with a word, not colour alone). */
export function SlaBadge({ sla }: { sla: SlaSummary }) {
  if (sla.breached)
    return (
      <Badge color="red" variant="filled">
        <FormattedMessage id="sla.breached" />
      </Badge>
    );
  if (sla.overdue)
    return (
      <Badge color="red" variant="light">
        <FormattedMessage id="sla.overdue" />
      </Badge>
    );
  if (sla.atRisk)
    return (
      <Badge color="orange" variant="light">
        <FormattedMessage id="sla.atRisk" />
      </Badge>
    );
  return (
    <Badge color="green" variant="light">
      <FormattedMessage id="sla.onTrack" />
    </Badge>
  );
}
