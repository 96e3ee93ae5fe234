// `CustomerDataErased` in notifications: the directory's customer and the sent log's customer rows
// lose the name and address; a filing redelivered afterwards does not bring them back, and nothing
// more is mailed to the customer.
import { ERASED_EMAIL } from '@chp/contracts';
import { ComplaintStory } from './support/events.js';
import { type Harness, harness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await harness();
});
afterAll(async () => {
  await h?.close();
});

const email = 'ada.quinterra@example.com';
const name = 'Ada Quinterra';

/** Every row of the directory and the sent log, as text. */
const tables = async () =>
  JSON.stringify([
    await h.storage.query('SELECT * FROM notification_directory'),
    await h.storage.query('SELECT * FROM notification_sent_log'),
  ]);

it('masks the customer in the directory and the sent log, and sends them nothing more', async () => {
  const story = new ComplaintStory();
  const filed = story.filed({ email, name, phone: '+447700900321' });
  await h.publish(filed);
  await h.sink.waitForMessages(1);
  await h.settled();
  expect(await tables()).toContain(email);

  await h.publish(story.event('CustomerDataErased', { reason: 'Asked to be forgotten.' }));
  await h.settled();
  let text = await tables();
  for (const trace of [email, name, '+447700900321']) expect(text).not.toContain(trace);
  expect(text).toContain(ERASED_EMAIL);

  // A redelivered filing does not bring the customer back; a resolution mails no one.
  await h.publishAgain(filed);
  await h.publish(story.resolved());
  await h.settled();
  text = await tables();
  for (const trace of [email, name]) expect(text).not.toContain(trace);
  expect(h.sink.messages.filter((m) => m.envelope.to.includes(ERASED_EMAIL))).toEqual([]);
  expect(h.sink.messages).toHaveLength(1);
});
