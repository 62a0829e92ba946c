// An engine's events as the window hears them: a batch gets its queue rows at once (no push: the window lists them
// when it hears of the new session or asks), a state change is pushed at once as its row, progress as the rows that
// moved (the engine already throttles it to ≈4/s), warnings and the network's state as they come.
import type { EngineEvent, UploadEngine } from '../../core/upload/engine';
import type { EventChannel, EventOf } from '../../shared/ipc/contract';
import type { UploadRow } from '../../shared/ipc/schemas';
import type { QueueRows } from './queue-rows';

export type Push = <E extends EventChannel>(event: E, payload: EventOf<E>) => void;

export function forwardEngineEvents(engine: UploadEngine, rows: QueueRows, push: Push): (event: EngineEvent) => void {
  return (event) => {
    switch (event.type) {
      case 'batch':
        rows.addBatch(event.batchId, event.fileIds.map((id) => engine.file(id)).filter((f) => f !== undefined));
        return;
      case 'state': {
        const row = rows.update(event.file);
        if (row) push('uploads:state', { row });
        return;
      }
      case 'progress': {
        const moved = event.files.map((f) => rows.update(f)).filter((r): r is UploadRow => r !== null);
        if (moved.length) push('uploads:progress', { rows: moved });
        return;
      }
      case 'warning':
        push('uploads:warning', { message: event.message });
        return;
      case 'network':
        push('network:changed', { online: event.online });
        return;
    }
  };
}
