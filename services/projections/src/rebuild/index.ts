export { isEmptyReadModel, Rebuilder, type RebuilderOptions, type RebuildState } from './rebuild.js';
