// Runs the built CLI bundle (dist/cli.mjs, `node scripts/build-cli.mjs`) whatever the age of src/: a bench measures
// the bundle users run, never tsx compiling sources on the fly (bin/ferry.mjs falls back to that when src/ is newer).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { main } = await import(new URL('../../dist/cli.mjs', import.meta.url).href);
await main(process.argv);
