// How a file's transfer can stop short of done, as error classes the engine sorts outcomes by.

/** The person canceled this file: its placeholder is removed. */
export class CanceledError extends Error {
  override readonly name = 'CanceledError';
  constructor() {
    super('canceled');
  }
}

/** The engine was stopped (Ctrl-C, quit, sign-out): the file stays journaled with its placeholder, to be resumed. */
export class InterruptedError extends Error {
  override readonly name = 'InterruptedError';
  constructor() {
    super('interrupted; run `ferry resume` to continue');
  }
}

/** A failure after which the same asset can still be continued later (retry budget spent on a flaky network). */
export class ResumableError extends Error {
  override readonly name = 'ResumableError';
}

/** The part URLs expired: the asset is deleted and created again. */
export class RecreateNeeded extends Error {
  override readonly name = 'RecreateNeeded';
}
