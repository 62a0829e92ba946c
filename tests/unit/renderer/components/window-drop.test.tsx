// Dragging files over the window: the overlay names where they would land (the open folder, a folder row, or a
// file row as a new version), and a drop turns the files into paths for the pre-flight.
import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../../../src/renderer/app';
import { createFakeApi, type FakeApi } from '../fake-api';
import { browsingStore, renderWithStore } from '../render';

interface FakeDataTransfer {
  types: string[];
  files: File[];
  dropEffect: string;
}

/** A drag event as Chromium sends it: during the drag only the types are known, the files come with the drop. */
function dispatchDrag(target: EventTarget, type: 'dragenter' | 'dragover' | 'dragleave' | 'drop', files: File[] = [], types = ['Files']) {
  const event = new Event(type, { bubbles: true, cancelable: true });
  const dataTransfer: FakeDataTransfer = { types, files, dropEffect: 'none' };
  Object.defineProperty(event, 'dataTransfer', { value: dataTransfer });
  act(() => void target.dispatchEvent(event));
  return { event, dataTransfer };
}

const overlayText = () => document.querySelector('.drop-overlay p')?.textContent ?? null;

async function renderApp(api: FakeApi = createFakeApi()) {
  const store = await browsingStore(api, 'folder:f-day1');
  return renderWithStore(<App />, api, store);
}

const contentsRow = (name: string) => within(screen.getByRole('grid', { name: /^Contents of/ })).getByText(name);

describe('drop overlay', () => {
  it('names the open folder when files are dragged over the window', async () => {
    await renderApp();
    expect(overlayText()).toBeNull();
    const { event } = dispatchDrag(window, 'dragenter');
    expect(event.defaultPrevented).toBe(true); // or Chromium would not allow the drop
    expect(overlayText()).toBe('Drop to upload to Demo Project › Day 1');
    expect(screen.getAllByRole('status').some((el) => el.classList.contains('drop-overlay'))).toBe(true);
  });

  it('over a file row it offers a new version of that file', async () => {
    await renderApp();
    dispatchDrag(window, 'dragenter');
    const { event, dataTransfer } = dispatchDrag(contentsRow('B001.mov'), 'dragover');
    expect(overlayText()).toBe('Drop to add a new version of B001.mov');
    expect(event.defaultPrevented).toBe(true);
    expect(dataTransfer.dropEffect).toBe('copy');
    expect(contentsRow('B001.mov').closest('[role="row"]')?.classList.contains('is-drop-target')).toBe(true);
  });

  it('over a folder row, or a folder in the tree, it names that folder', async () => {
    await renderApp();
    dispatchDrag(window, 'dragenter');
    dispatchDrag(contentsRow('Selects'), 'dragover');
    expect(overlayText()).toBe('Drop to upload to Demo Project › Day 1 › Selects');
    expect(contentsRow('Selects').closest('[role="row"]')?.classList.contains('is-drop-target')).toBe(true);

    dispatchDrag(screen.getByRole('treeitem', { name: 'Day 2' }), 'dragover');
    expect(overlayText()).toBe('Drop to upload to Demo Project › Day 2');
    expect(screen.getByRole('treeitem', { name: 'Day 2' }).classList.contains('is-drop-target')).toBe(true);
  });

  it('goes away when the drag leaves the window (every entered element left again)', async () => {
    await renderApp();
    dispatchDrag(window, 'dragenter');
    dispatchDrag(contentsRow('B001.mov'), 'dragenter');
    dispatchDrag(contentsRow('B001.mov'), 'dragleave');
    expect(overlayText()).not.toBeNull();
    dispatchDrag(window, 'dragleave');
    expect(overlayText()).toBeNull();
  });

  it('ignores drags that carry no files (text, links)', async () => {
    await renderApp();
    const { event } = dispatchDrag(window, 'dragenter', [], ['text/plain']);
    dispatchDrag(window, 'dragover', [], ['text/plain']);
    expect(event.defaultPrevented).toBe(false);
    expect(overlayText()).toBeNull();
  });
});

describe('dropping files', () => {
  it('sends the paths of the dropped files to the pre-flight for the open folder', async () => {
    const api = createFakeApi();
    await renderApp(api);
    const files = [api.droppedFile('A.mov', '/footage/A.mov'), api.droppedFile('link.html', null), api.droppedFile('B.mov', '/footage/B.mov')];
    dispatchDrag(window, 'dragenter');
    const { event } = dispatchDrag(window, 'drop', files);
    expect(event.defaultPrevented).toBe(true); // or the window would navigate to the file
    expect(overlayText()).toBeNull();
    expect(api.uploads.preflight).toHaveBeenCalledWith({ paths: ['/footage/A.mov', '/footage/B.mov'], folderId: 'f-day1', accountId: 'acc-1' });
    expect(await screen.findByRole('dialog', { name: 'Upload to Demo Project › Day 1' })).toBeTruthy();
  });

  it('a drop onto a folder row goes into that folder', async () => {
    const api = createFakeApi();
    await renderApp(api);
    dispatchDrag(contentsRow('Selects'), 'drop', [api.droppedFile('A.mov', '/footage/A.mov')]);
    expect(api.uploads.preflight).toHaveBeenCalledWith({ paths: ['/footage/A.mov'], folderId: 'f-selects', accountId: 'acc-1' });
    expect(await screen.findByRole('dialog', { name: 'Upload to Demo Project › Day 1 › Selects' })).toBeTruthy();
  });

  it('one file dropped onto a file row is confirmed as a new version, then sent', async () => {
    const api = createFakeApi();
    await renderApp(api);
    dispatchDrag(contentsRow('B001.mov'), 'drop', [api.droppedFile('B001_v2.mov', '/footage/B001_v2.mov')]);
    const sheet = await screen.findByRole('dialog', { name: 'New version of B001.mov' });
    expect(api.uploads.enqueue).not.toHaveBeenCalled();
    within(sheet).getByRole('button', { name: 'Add version' }).click();
    await waitFor(() => expect(api.uploads.enqueue).toHaveBeenCalledWith({ paths: ['/footage/B001_v2.mov'], folderId: 'f-day1', accountId: 'acc-1', versionOf: 'a-b001' }));
  });

  it('files with no local path are explained in the sheet', async () => {
    const api = createFakeApi();
    await renderApp(api);
    dispatchDrag(window, 'drop', [api.droppedFile('image.png', null)]);
    const sheet = await screen.findByRole('dialog');
    expect(within(sheet).getByRole('alert').textContent).toContain('These items have no location on disk');
    expect(api.uploads.preflight).not.toHaveBeenCalled();
  });
});
