export {
  type EventFeed,
  FeedError,
  type FeedPage,
  type HttpEventFeedOptions,
  httpEventFeed,
  toProjectedEvent,
} from './feed.js';
