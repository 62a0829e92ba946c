// Drops real files onto an element the way a person does: dragenter → dragover → drop with a DataTransfer holding
// File objects. Chromium cannot give a page a File with a disk path, which Electron's webUtils does in the app; the
// browser host's bridge maps each dropped File to its path instead (registerPath), and the rest is the real code.
import type { Locator, Page } from 'playwright-core';

export interface DropItem {
  name: string;
  path: string;
}

/** Starts a drag over `target` and leaves it hovering (so tests can read the overlay); returns a handle to drop. */
export async function dragOver(page: Page, target: Locator, items: DropItem[]) {
  const transfer = await page.evaluateHandle((list) => {
    const data = new DataTransfer();
    for (const item of list) {
      const file = new File([], item.name);
      (window as unknown as { __ferryHost: { registerPath(f: File, p: string): void } }).__ferryHost.registerPath(file, item.path);
      data.items.add(file);
    }
    return data;
  }, items);
  await target.dispatchEvent('dragenter', { dataTransfer: transfer });
  await target.dispatchEvent('dragover', { dataTransfer: transfer });
  return {
    drop: async () => target.dispatchEvent('drop', { dataTransfer: transfer }),
    leave: async () => target.dispatchEvent('dragleave', { dataTransfer: transfer }),
  };
}

export async function dropFiles(page: Page, target: Locator, items: DropItem[]): Promise<void> {
  const drag = await dragOver(page, target, items);
  await drag.drop();
}
