import { Button, Group, TextInput } from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';

export interface AsOfPickerProps {
  asOf: string | undefined;
  /** An ISO instant, or undefined for now. */
  onChange: (asOf: string | undefined) => void;
}

/** "As it was on …": the browser's own date-time field, in the user's time zone. */
export function AsOfPicker({ asOf, onChange }: AsOfPickerProps) {
  const intl = useIntl();
  const [value, setValue] = useState('');
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        // A datetime-local value is wall-clock time in the browser's zone; Date reads it so.
        const instant = new Date(value);
        if (!Number.isNaN(instant.getTime())) onChange(instant.toISOString());
      }}
    >
      <Group align="end" gap="sm">
        <TextInput
          type="datetime-local"
          label={intl.formatMessage({ id: 'complaint.asOf' })}
          value={value}
          onChange={(event) => setValue(event.currentTarget.value)}
          required
        />
        <Button type="submit" variant="default">
          <FormattedMessage id="complaint.asOf.show" />
        </Button>
        {asOf && (
          <Button
            variant="subtle"
            onClick={() => {
              setValue('');
              onChange(undefined);
            }}
          >
            <FormattedMessage id="complaint.asOf.now" />
          </Button>
        )}
      </Group>
    </form>
  );
}
