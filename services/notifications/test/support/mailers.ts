import type { Mailer } from '../../src/sending/index.js';

/**
 * Lets the first `open` sends through, then holds the rest until `release()` (a batch stopped in
 * its middle, or sends held while a test looks at the intents), counting the sends begun.
 */
export function gatedMailer(inner: Mailer, open = 0) {
  let begun = 0;
  let release!: () => void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const mailer: Mailer = {
    kind: inner.kind,
    async send(mail) {
      if (begun++ >= open) await gate;
      await inner.send(mail);
    },
    verify: () => inner.verify(),
    close: () => inner.close(),
  };
  return { mailer, begun: () => begun, release: () => release() };
}
