/** One email, fully rendered, with its stable Message-ID. */
export interface OutgoingMail {
  from: string;
  replyTo?: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  language: string;
  /** Extra headers, such as the complaint reference for mail rules downstream. */
  headers?: Record<string, string>;
}
