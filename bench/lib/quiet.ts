// Imported first by run.ts: the AWS SDK (used by the in-process sandbox and the bucket helpers) prints a notice
// about Node 22 on load; our SDK versions are pinned, so it is noise in the bench's output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
