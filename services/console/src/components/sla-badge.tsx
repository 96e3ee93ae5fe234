import { Badge } from '@mantine/core';
import { FormattedMessage } from 'react-intl';
import type { SlaSummary } from '../lib/complaint-types.js';

/** Dark enough for white text at badge size (WCAG AA 4.5:1); Mantine's palette stops short of it. */
export const slaColors = { breached: '#7f1d1d', overdue: '#a61e1e', atRisk: '#8a4b00', onTrack: '#1e6b30' };

/** The SLA at a glance: breached, overdue, at risk or on track (with a word, not colour alone). */
export function SlaBadge({ sla }: { sla: SlaSummary }) {
  if (sla.breached)
    return (
      <Badge color={slaColors.breached} variant="filled">
        <FormattedMessage id="sla.breached" />
      </Badge>
    );
  if (sla.overdue)
    return (
      <Badge color={slaColors.overdue} variant="filled">
        <FormattedMessage id="sla.overdue" />
      </Badge>
    );
  if (sla.atRisk)
    return (
      <Badge color={slaColors.atRisk} variant="filled">
        <FormattedMessage id="sla.atRisk" />
      </Badge>
    );
  return (
    <Badge color={slaColors.onTrack} variant="filled">
      <FormattedMessage id="sla.onTrack" />
    </Badge>
  );
}
