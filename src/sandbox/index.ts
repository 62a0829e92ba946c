// Public entry of the sandbox: a local Frame.io-compatible API (V2 under /v2, V4 under /v4, one store) plus
// S3-style part storage.
export type {
  LimitsMode,
  PartPlan,
  RateLimitCategory,
  RateLimitRule,
  Sandbox,
  SandboxFaults,
  SandboxImsOptions,
  SandboxOptions,
  SandboxS3Options,
  SandboxStats,
  V2RateCategory,
  V4Operation,
} from './options.js';
export { startSandbox } from './start.js';
