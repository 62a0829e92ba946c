// While a drop streams from the page to the host's spool (the browser window's first step for a file that has no path
// on disk): "Receiving N files — x of y", with a bar over the bytes. The upload rows take over once it is received.
import { useStore } from 'zustand';
import { ProgressBar } from '../../components/progress-bar';
import { formatBytes, plural } from '../../format';
import { localFiles, showReceiving } from './local-files-store';
import { Button } from '../../components/button';

export function ReceivingStrip() {
  const receiving = useStore(localFiles, (s) => s.receiving);
  if (!receiving) return null;
  const { files, doneFiles, bytes, doneBytes, error } = receiving;
  const text = `Receiving ${plural(files, 'file')} — ${Math.min(doneFiles + 1, files).toLocaleString()} of ${files.toLocaleString()} (${formatBytes(doneBytes)} of ${formatBytes(bytes)})`;
  return (
    <div className={`receiving-strip${error ? ' receiving-strip--error' : ''}`} role="status" aria-live="polite">
      {error ? (
        <>
          <p>Could not receive the dropped files: {error}</p>
          <Button variant="quiet" onClick={() => showReceiving(null)}>Dismiss</Button>
        </>
      ) : (
        <>
          <p>{text}</p>
          <ProgressBar done={doneBytes} total={Math.max(bytes, 1)} label="Receiving dropped files" valueText={text} />
        </>
      )}
    </div>
  );
}
