import { FormattedMessage, FormattedRelativeTime } from 'react-intl';

export interface CountdownProps {
  /** ISO instant, or null when there is no deadline. */
  due: string | null;
  /** The current time in epoch ms; the clock by default (tests pass one). */
  now?: number;
  /** A moment in the past ("as it was on …"): the time left then, not ticking. */
  frozen?: boolean;
}

/**
 * Time left to a deadline ("in 3 hours", "2 days ago"), in the user's language, ticking every
 * second: react-intl picks the unit and the words. A passed deadline is shown in red.
 */
export function Countdown({ due, now = Date.now(), frozen = false }: CountdownProps) {
  if (!due) {
    return (
      <span className="countdown" data-none>
        <FormattedMessage id="deadline.none" />
      </span>
    );
  }
  const seconds = Math.round((Date.parse(due) - now) / 1000);
  return (
    // A plain span styled by app.css, not a Mantine Text: the queue renders fifty of these.
    <span className="countdown" data-late={seconds < 0 || undefined}>
      <time dateTime={due}>
        {/* Frozen: an interval longer than any unit still lets react-intl pick the unit, and never ticks. */}
        <FormattedRelativeTime value={seconds} numeric="auto" updateIntervalInSeconds={frozen ? 1e9 : 1} />
      </time>
    </span>
  );
}
