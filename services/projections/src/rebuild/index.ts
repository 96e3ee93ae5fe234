export { type Claim, claimRebuild, REBUILD_NAME, RebuildSupersededError } from './claim.js';
export {
  isEmptyReadModel,
  Rebuilder,
  type RebuilderOptions,
  type RebuildProgress,
  type RebuildState,
} from './rebuild.js';
