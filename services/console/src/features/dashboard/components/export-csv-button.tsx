import { Button } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';
import { saveFile } from '../../../lib/save-file.js';
import { type Cell, toCsv } from '../api/csv.js';

/** Saves a table's or chart's data, as shown, as `<name>.csv` (built in the browser). */
export function ExportCsvButton({
  name,
  title,
  header,
  rows,
}: {
  name: string;
  /** What is exported, for the button's accessible name. */
  title: string;
  header: readonly string[];
  rows: readonly (readonly Cell[])[];
}) {
  const intl = useIntl();
  return (
    <Button
      size="xs"
      variant="default"
      className="dashboard-no-print"
      aria-label={intl.formatMessage({ id: 'dashboard.export.label' }, { title })}
      onClick={() => saveFile(`${name}.csv`, 'text/csv', toCsv(header, rows))}
    >
      <FormattedMessage id="dashboard.export" />
    </Button>
  );
}
