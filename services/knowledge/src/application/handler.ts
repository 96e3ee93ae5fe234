import { randomUUID } from 'node:crypto';
import {
  type Actor,
  answerStreamName,
  type KnowledgeEvent,
  questionStreamName,
  usageStreamName,
} from '@chp/contracts';
import { type EventData, type EventStore, type Position, WrongExpectedVersion } from '@chp/eventstore';
import {
  type AnswerState,
  absent,
  decideAnswer,
  decideQuestion,
  evolveAnswer,
  evolveQuestion,
  isAnswerCommand,
  type KnowledgeCommand,
  KnowledgeEntryNotFound,
  type QuestionState,
} from '../directory/index.js';

export interface HandleOptions {
  /** The revision the caller saw (`If-Match`); another current revision throws `WrongExpectedVersion`. */
  expectedRevision?: bigint;
  by: Actor;
  /** Shared by everything one request set off. */
  correlationId?: string;
}

export interface HandleResult {
  events: KnowledgeEvent[];
  /** The entry's revision after the command (its ETag); a use or a vote leaves it as it was. */
  revision: bigint;
  /** Where the append ended in the global log, for read-your-writes; undefined when nothing was appended. */
  position: Position | undefined;
}

export interface Loaded<State> {
  state: State;
  revision: bigint;
}

export interface KnowledgeHandler {
  handle(command: KnowledgeCommand, options: HandleOptions): Promise<HandleResult>;
  loadAnswer(answerId: string): Promise<Loaded<AnswerState> | undefined>;
  loadQuestion(questionId: string): Promise<Loaded<QuestionState> | undefined>;
}

const asEvent = (event: { type: string; data: unknown }) => event as KnowledgeEvent;

/** Read, decide, append with the expected revision: the application service of the directory. */
export function createKnowledgeHandler(deps: { store: EventStore; now?: () => Date }): KnowledgeHandler {
  const { store } = deps;
  const now = deps.now ?? (() => new Date());

  async function load<State>(
    streamName: string,
    evolve: (state: State, event: KnowledgeEvent) => State,
  ): Promise<Loaded<State> | undefined> {
    const folded = await store.aggregateStream<State>(streamName, {
      initialState: () => absent() as State,
      evolve: (state, event) => evolve(state, asEvent(event)),
    });
    return folded.currentRevision === undefined
      ? undefined
      : { state: folded.state, revision: folded.currentRevision };
  }
  const loadAnswer = (id: string) => load<AnswerState>(answerStreamName(id), evolveAnswer);
  const loadQuestion = (id: string) => load<QuestionState>(questionStreamName(id), evolveQuestion);

  async function handle(command: KnowledgeCommand, options: HandleOptions): Promise<HandleResult> {
    const answer = isAnswerCommand(command);
    const id = answer ? command.data.answerId : command.data.questionId;
    const streamName = answer ? answerStreamName(id) : questionStreamName(id);
    const loaded = answer ? await loadAnswer(id) : await loadQuestion(id);
    if (options.expectedRevision !== undefined) {
      if (loaded === undefined) throw new KnowledgeEntryNotFound(answer ? 'answer' : 'question', id);
      if (loaded.revision !== options.expectedRevision) {
        throw new WrongExpectedVersion(streamName, options.expectedRevision, loaded.revision);
      }
    }
    const ctx = { at: now().toISOString(), by: options.by };
    const events = answer
      ? decideAnswer(command, (loaded?.state ?? absent()) as AnswerState, ctx)
      : decideQuestion(
          command as Exclude<KnowledgeCommand, { data: { answerId: string } }>,
          (loaded?.state ?? absent()) as QuestionState,
          ctx,
        );
    const revision = loaded?.revision ?? -1n;
    if (events.length === 0) return { events, revision, position: undefined };

    const commandId = randomUUID();
    const toAppend: EventData[] = events.map((event) => ({
      id: randomUUID(),
      type: event.type,
      data: event.data,
      metadata: {
        correlationId: options.correlationId ?? commandId,
        causationId: commandId,
        actor: options.by,
        schemaVersion: 1,
      },
    }));
    // A use or a vote goes to the entry's usage stream, in any order; everything else to the entry
    // itself, guarded by the revision the decision was taken on.
    const usage = command.type === 'RecordStandardAnswerUse' || command.type === 'RecordQuestionHelped';
    const appended = usage
      ? await store.appendToStream(usageStreamName(id), toAppend, { expectedRevision: 'any' })
      : await store.appendToStream(streamName, toAppend, {
          expectedRevision: loaded === undefined ? 'no_stream' : loaded.revision,
        });
    return {
      events,
      revision: usage ? revision : appended.nextExpectedRevision,
      position: appended.position,
    };
  }

  return { handle, loadAnswer, loadQuestion };
}
