// Public entry of the sandbox: a local Frame.io V2-compatible API plus S3-style part storage.
export type {
  RateLimitCategory,
  RateLimitRule,
  Sandbox,
  SandboxFaults,
  SandboxOptions,
  SandboxS3Options,
  SandboxStats,
} from './options.js';
export { startSandbox } from './start.js';
