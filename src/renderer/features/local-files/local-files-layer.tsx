// The browser window's extra layer over the app: the in-page chooser and the "Receiving…" strip (both absent in the
// desktop app, whose window has a native dialog and real paths).
import { useApi } from '../../store/context';
import { LocalChooser } from './chooser';
import { ReceivingStrip } from './receiving-strip';

export function LocalFilesLayer() {
  if (!useApi().host) return null;
  return (
    <>
      <LocalChooser />
      <ReceivingStrip />
    </>
  );
}
