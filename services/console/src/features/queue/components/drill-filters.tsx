import { Alert, Badge, Button, Group } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';
import { drillParams } from '../search.js';

/**
 * The filters a report figure's drill-down put on the queue (`?drill=`), shown as they are sent to
 * projections, with a way back to the whole queue.
 */
export function DrillFilters({ drill, onClear }: { drill: string | undefined; onClear: () => void }) {
  const intl = useIntl();
  const params = drillParams(drill);
  if (params.length === 0) return null;
  return (
    <Alert color="blue" title={intl.formatMessage({ id: 'dashboard.drill.title' })}>
      <Group gap="xs" wrap="wrap">
        <ul className="drill-filters" aria-label={intl.formatMessage({ id: 'dashboard.drill.filters' })}>
          {params.map(([name, value]) => (
            <li key={name}>
              <Badge variant="light" color="blue.9" tt="none" size="lg">
                {name} = {value}
              </Badge>
            </li>
          ))}
        </ul>
        <Button size="xs" variant="default" onClick={onClear}>
          <FormattedMessage id="dashboard.drill.clear" />
        </Button>
      </Group>
    </Alert>
  );
}
