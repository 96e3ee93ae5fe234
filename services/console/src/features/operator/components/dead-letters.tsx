import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Code,
  Group,
  Modal,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { FormattedDate, FormattedMessage, useIntl } from 'react-intl';
import {
  type DeadLetter,
  type DeadLetterState,
  useDeadLetters,
  useDiscardDeadLetters,
  useReplayDeadLetters,
} from '../api/dead-letters.js';

const stateOf = (letter: DeadLetter): DeadLetterState => letter.decisions.at(-1)?.action ?? 'open';

/**
 * The dead letters (complaints' desk): reason, subject, time and a masked preview; replay or discard
 * the selected ones, or replay one corrected copy. Each decision shows who took it and when.
 */
export function DeadLetters() {
  const intl = useIntl();
  const [showDiscarded, setShowDiscarded] = useState(false);
  const [selected, setSelected] = useState<number[]>([]);
  const [correcting, setCorrecting] = useState<DeadLetter | undefined>();
  const [corrected, setCorrected] = useState('');
  const [invalid, setInvalid] = useState(false);
  const states: DeadLetterState[] = showDiscarded ? ['open', 'replayed', 'discarded'] : ['open', 'replayed'];
  const letters = useDeadLetters(states);
  const replay = useReplayDeadLetters();
  const discard = useDiscardDeadLetters();
  const failure = replay.error ?? discard.error;

  const toggle = (sequence: number, on: boolean) =>
    setSelected((current) => (on ? [...current, sequence] : current.filter((s) => s !== sequence)));
  const replayable = (letters.data?.letters ?? [])
    .filter((l) => l.replay === 'intake')
    .map((l) => l.sequence);
  const selectedReplayable = selected.filter((s) => replayable.includes(s));

  const sendCorrected = () => {
    if (!correcting) return;
    let payload: unknown;
    try {
      payload = JSON.parse(corrected);
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      setInvalid(true);
      return;
    }
    replay.mutate(
      { sequences: [correcting.sequence], payload },
      { onSuccess: () => setCorrecting(undefined) },
    );
  };

  return (
    <Stack gap="sm">
      <Title order={2}>
        <FormattedMessage id="operator.deadLetters.title" />
      </Title>
      <Group>
        <Button
          disabled={selectedReplayable.length === 0}
          loading={replay.isPending}
          onClick={() =>
            replay.mutate({ sequences: selectedReplayable }, { onSuccess: () => setSelected([]) })
          }
        >
          <FormattedMessage id="operator.deadLetters.replay" values={{ count: selectedReplayable.length }} />
        </Button>
        <Button
          variant="default"
          disabled={selected.length === 0}
          loading={discard.isPending}
          onClick={() => discard.mutate(selected, { onSuccess: () => setSelected([]) })}
        >
          <FormattedMessage id="operator.deadLetters.discard" values={{ count: selected.length }} />
        </Button>
        <Checkbox
          label={intl.formatMessage({ id: 'operator.deadLetters.showDiscarded' })}
          checked={showDiscarded}
          onChange={(event) => setShowDiscarded(event.currentTarget.checked)}
        />
      </Group>
      {failure && (
        <Alert color="red" role="alert">
          <FormattedMessage id="common.error" values={{ detail: failure.message }} />
        </Alert>
      )}
      {letters.isPending && (
        <Text>
          <FormattedMessage id="common.loading" />
        </Text>
      )}
      {letters.error && (
        <Alert color="red" role="alert">
          <FormattedMessage id="common.error" values={{ detail: letters.error.message }} />
        </Alert>
      )}
      {letters.data && letters.data.letters.length === 0 && (
        <Text>
          <FormattedMessage id="operator.deadLetters.none" />
        </Text>
      )}
      {letters.data && letters.data.letters.length > 0 && (
        <Table.ScrollContainer minWidth={900}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">
                  <FormattedMessage id="operator.deadLetters.select" />
                </Table.Th>
                {(['subject', 'reason', 'deadAt', 'preview', 'state'] as const).map((column) => (
                  <Table.Th key={column} scope="col">
                    <FormattedMessage id={`operator.deadLetters.${column}`} />
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {letters.data.letters.map((letter) => (
                <Table.Tr key={letter.sequence}>
                  <Table.Td>
                    <Checkbox
                      aria-label={intl.formatMessage(
                        { id: 'operator.deadLetters.selectOne' },
                        { what: letter.sequence },
                      )}
                      checked={selected.includes(letter.sequence)}
                      onChange={(event) => toggle(letter.sequence, event.currentTarget.checked)}
                    />
                  </Table.Td>
                  <Table.Td ff="monospace">
                    {letter.originalSubject}
                    <Text size="xs" c="dimmed">
                      #{letter.sequence} {letter.subject}
                    </Text>
                  </Table.Td>
                  <Table.Td>{letter.reason}</Table.Td>
                  <Table.Td>
                    <FormattedDate value={letter.deadAt} dateStyle="medium" timeStyle="medium" />
                  </Table.Td>
                  <Table.Td maw={360}>
                    {/* Focusable: a long preview scrolls, and keyboard users must reach it too. */}
                    <Code block tabIndex={0}>
                      {letter.preview}
                    </Code>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light">
                      <FormattedMessage id={`operator.deadLetters.state.${stateOf(letter)}`} />
                    </Badge>
                    {letter.decisions.map((decision) => (
                      <Text key={`${decision.action}-${decision.at}`} size="xs">
                        <FormattedMessage
                          id={`operator.deadLetters.decision.${decision.action}`}
                          values={{ who: decision.by }}
                        />{' '}
                        <FormattedDate value={decision.at} dateStyle="short" timeStyle="short" />
                      </Text>
                    ))}
                    {letter.replay === 'intake' && (
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        onClick={() => {
                          setCorrecting(letter);
                          setCorrected('');
                          setInvalid(false);
                        }}
                      >
                        <FormattedMessage id="operator.deadLetters.replayCorrected" />
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal
        opened={correcting !== undefined}
        onClose={() => setCorrecting(undefined)}
        title={intl.formatMessage({ id: 'operator.deadLetters.replayCorrected' })}
      >
        <Stack>
          <Textarea
            label={intl.formatMessage({ id: 'operator.deadLetters.correctedPayload' })}
            description={intl.formatMessage({ id: 'operator.deadLetters.correctedHint' })}
            autosize
            minRows={8}
            ff="monospace"
            value={corrected}
            error={invalid ? intl.formatMessage({ id: 'operator.deadLetters.notJson' }) : undefined}
            onChange={(event) => {
              setCorrected(event.currentTarget.value);
              setInvalid(false);
            }}
          />
          <Button loading={replay.isPending} onClick={sendCorrected}>
            <FormattedMessage id="operator.deadLetters.sendCorrected" />
          </Button>
        </Stack>
      </Modal>
    </Stack>
  );
}
