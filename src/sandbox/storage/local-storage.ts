import type { Server } from 'node:http';
import { join } from 'node:path';
import { expectedPartSize } from '../completion.js';
import type { FaultController } from '../faults.js';
import type { SandboxState } from '../state/types.js';
import type { InFlight } from '../util/in-flight.js';
import { listenOn } from '../util/listen.js';
import { LocalPartStore } from './local-part-store.js';
import { createLocalStorageServer } from './local-server.js';
import { PresignedVerifier } from './verify-presigned.js';

export const LOCAL_BUCKET = 'frameio-uploads';

/** Local mode: parts under dataDir/parts, served by our own S3-style endpoint on 127.0.0.1. */
export async function startLocalStorage(args: {
  dataDir: string;
  port: number;
  /** A remembered port that is taken now: listen on a new one instead of failing. */
  portFallback: boolean;
  state: SandboxState;
  region: string;
  faults: FaultController;
  onPartStored: (assetId: string, partNumber: number) => Promise<void>;
  log: (line: string) => void;
  bodyIdleTimeoutMs: number;
  inFlight: InFlight;
  /** Hands the server over before it listens, so a failed start can still close it. */
  onServer: (server: Server) => void;
}): Promise<{ parts: LocalPartStore; server: Server; endpoint: string }> {
  const parts = new LocalPartStore(join(args.dataDir, 'parts'), LOCAL_BUCKET);
  await parts.init();
  const verifier = new PresignedVerifier(args.state.s3AccessKey, args.state.s3SecretKey, args.region);
  const server = createLocalStorageServer({
    store: parts,
    verifier,
    faults: args.faults,
    onPartStored: args.onPartStored,
    log: args.log,
    bodyIdleTimeoutMs: args.bodyIdleTimeoutMs,
    inFlight: args.inFlight,
    storedId: (assetId) => args.state.assets[assetId]?.id,
    partSize: (assetId, partNumber) => {
      const asset = args.state.assets[assetId];
      return asset?.type === 'file' ? expectedPartSize(asset.filesize, asset.partCount, partNumber, asset.partSizes) : undefined;
    },
  });
  args.onServer(server);
  const port = await listenOn(server, args.port, args.portFallback, 'storage port');
  parts.endpoint = `http://127.0.0.1:${port}`;
  return { parts, server, endpoint: parts.endpoint };
}
