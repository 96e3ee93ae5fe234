/**
 * Event versions and upcasters. Stored events are never rewritten: an event written at version 1
 * is read as the current version by running the upcasters 1→2, 2→3 … in order. Bump an event's
 * version in `complaintEventVersions` (or `notificationEventVersions`) when its data schema changes
 * incompatibly, and register the upcaster from the previous version in the same change.
 */

/** Turns the data of one version into the data of the next. Pure; it gets plain JSON. */
export type Upcaster = (data: unknown) => unknown;

export type UpcastErrorReason = 'unknown_type' | 'unsupported_version' | 'missing_upcaster';

export class UpcastError extends Error {
  override readonly name = 'UpcastError';
  constructor(
    readonly reason: UpcastErrorReason,
    message: string,
  ) {
    super(message);
  }
}

export class UpcasterRegistry<TType extends string = string> {
  readonly #current: ReadonlyMap<string, number>;
  readonly #upcasters = new Map<string, Upcaster>();

  /** @param currentVersions the version each event type is written at today (1 or more). */
  constructor(currentVersions: Readonly<Record<TType, number>>) {
    const entries = Object.entries<number>(currentVersions);
    for (const [type, version] of entries) {
      if (!Number.isInteger(version) || version < 1) {
        throw new RangeError(`the current version of ${type} must be a whole number ≥ 1, got ${version}`);
      }
    }
    this.#current = new Map(entries);
  }

  knows(type: string): type is TType {
    return this.#current.has(type);
  }

  currentVersion(type: TType): number {
    const version = this.#current.get(type);
    if (version === undefined) throw new UpcastError('unknown_type', `unknown event type ${type}`);
    return version;
  }

  /** Registers the upcaster from `fromVersion` to `fromVersion + 1`; once per step. */
  register(type: TType, fromVersion: number, upcaster: Upcaster): this {
    const current = this.currentVersion(type);
    if (!Number.isInteger(fromVersion) || fromVersion < 1 || fromVersion >= current) {
      throw new RangeError(
        `${type} is at v${current}: an upcaster starts from a version in 1..${current - 1}, not ${fromVersion}`,
      );
    }
    const key = `${type}@${fromVersion}`;
    if (this.#upcasters.has(key))
      throw new Error(`an upcaster from ${type} v${fromVersion} is already registered`);
    this.#upcasters.set(key, upcaster);
    return this;
  }

  /**
   * The data of `type` written at `version`, as the current version. Throws {@link UpcastError} for
   * an unknown type, a version newer than this code knows, or a missing step.
   */
  upcast(type: string, version: number, data: unknown): unknown {
    if (!this.knows(type)) throw new UpcastError('unknown_type', `unknown event type ${type}`);
    const current = this.currentVersion(type);
    if (!Number.isInteger(version) || version < 1 || version > current) {
      throw new UpcastError(
        'unsupported_version',
        `${type} v${version} cannot be read: this code knows versions 1..${current}`,
      );
    }
    let result = data;
    for (let v = version; v < current; v++) {
      const upcaster = this.#upcasters.get(`${type}@${v}`);
      if (upcaster === undefined) {
        throw new UpcastError('missing_upcaster', `no upcaster from ${type} v${v} to v${v + 1}`);
      }
      result = upcaster(result);
    }
    return result;
  }
}
