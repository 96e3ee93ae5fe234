export { CommandFailure, toCommandFailure, translatingErrors } from './command-errors.js';
export {
  COMMAND_QUEUE,
  type NatsCommandDeps,
  serveFileComplaint,
  serveLinkResolution,
  serveNatsCommands,
} from './commands.js';
export {
  consumeNotifications,
  handleNotification,
  NOTIFICATIONS_DURABLE,
  recordNotificationCommand,
} from './customer-notified.js';
export { serveDataKeys } from './data-keys.js';
