export {
  DeadLetterDesk,
  type DeadLetterEntry,
  DeadLetterRefused,
  type DeadLetterState,
  type Decision,
  stateOf,
} from './dead-letters.js';
export { masked, maskedPreview, maskText, maskValue } from './mask.js';
