// The queue's size and reach (issue 13 §8): the list is as tall as its rows up to a height set with the splitter
// (by keyboard too, and kept for the next launch); a failure anywhere in a long queue is one click away; the list is
// a keyboard stop with Home/End/Page keys; a row says where it goes in words.
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { QUEUE_HEIGHT_KEY, QueuePanel } from '../../../../src/renderer/features/uploads/queue-panel';
import type { UploadRow } from '../../../../src/shared/ipc/schemas';
import { uploadRow } from '../fake-api';
import { queueStore, renderWithStore } from '../render';

const ROW_PX = 52;
const list = () => screen.getByRole('grid', { name: 'Upload queue' });
const rowEl = (id: number) => within(list()).queryAllByRole('row').find((row) => row.dataset.uploadId === String(id));
const shownIds = () => within(list()).queryAllByRole('row').map((row) => Number(row.dataset.uploadId));
const many = (count: number, extra: (i: number) => Partial<UploadRow> = () => ({})) => Array.from({ length: count }, (_, i) => uploadRow(i + 1, { status: 'completed', ...extra(i + 1) }));

function renderQueue(rows: UploadRow[]) {
  const { api, store } = queueStore(rows);
  return { ...renderWithStore(<QueuePanel />, api, store), user: userEvent.setup() };
}

afterEach(() => window.localStorage.clear());

describe('the queue panel’s size', () => {
  it('empty, the list takes only its one line (no fixed share of the window)', () => {
    renderQueue([]);
    expect(list().style.height).toBe('');
    expect(screen.getByText('Nothing uploading. Drop files anywhere in the window.')).toBeTruthy();
  });

  it('grows with its rows, up to the chosen height (five rows unless the person chose)', () => {
    const two = renderQueue(many(2));
    expect(list().style.height).toBe(`${2 * ROW_PX}px`);
    two.unmount();
    renderQueue(many(40));
    expect(list().style.height).toBe(`${5 * ROW_PX}px`);
  });

  it('the splitter resizes it from the keyboard, and the height is kept for the next time', async () => {
    const { user, unmount } = renderQueue(many(40));
    const splitter = screen.getByRole('separator', { name: 'Uploads list height' });
    expect(splitter.getAttribute('aria-valuenow')).toBe(String(5 * ROW_PX));
    act(() => splitter.focus());
    await user.keyboard('{ArrowUp}{ArrowUp}');
    expect(list().style.height).toBe(`${6 * ROW_PX}px`);
    expect(splitter.getAttribute('aria-valuenow')).toBe(String(6 * ROW_PX));
    await user.keyboard('{Home}');
    expect(list().style.height).toBe(`${2 * ROW_PX}px`); // the least: two rows
    await user.keyboard('{PageUp}');
    expect(list().style.height).toBe(`${4 * ROW_PX}px`);
    unmount();
    renderQueue(many(40));
    expect(list().style.height).toBe(`${4 * ROW_PX}px`);
    expect(window.localStorage.getItem(QUEUE_HEIGHT_KEY)).toBe(String(4 * ROW_PX));
  });

  it('a stored height outside what the window allows is brought back within it', () => {
    window.localStorage.setItem(QUEUE_HEIGHT_KEY, '5');
    renderQueue(many(40));
    expect(list().style.height).toBe(`${2 * ROW_PX}px`);
  });
});

describe('reaching rows below the fold', () => {
  it('"Show first failed" scrolls the first failure into view, selects it and focuses it', async () => {
    const { user, store } = renderQueue(many(200, (id) => (id === 150 || id === 180 ? { status: 'failed', error: 'boom' } : {})));
    expect(rowEl(150)).toBeUndefined(); // far below the fold: not even rendered
    await user.click(screen.getByRole('button', { name: 'Show first failed' }));
    await waitFor(() => expect(document.activeElement).toBe(rowEl(150)));
    expect(store.getState().selectedUploadId).toBe(150);
  });

  it('…switching away from a filter that hides it', async () => {
    const { user, store } = renderQueue(many(30, (id) => (id === 25 ? { status: 'failed', error: 'boom' } : {})));
    await user.click(screen.getByRole('radio', { name: 'Done' }));
    expect(shownIds()).not.toContain(25);
    await user.click(screen.getByRole('button', { name: 'Show first failed' }));
    await waitFor(() => expect(document.activeElement).toBe(rowEl(25)));
    expect(store.getState().filter).toBe('failed');
  });

  // Focus follows the list's scroll and the rows' render: on a loaded machine that can take more than waitFor's 1 s.
  const SLOW = { timeout: 5000 };
  it('the list is a tab stop before anything is selected; Down, End, Home and Page Down move through it', async () => {
    const { user, store } = renderQueue(many(100));
    expect(list().tabIndex).toBe(0);
    act(() => list().focus());
    await user.keyboard('{ArrowDown}');
    await waitFor(() => expect(document.activeElement).toBe(rowEl(1)), SLOW);
    await user.keyboard('{End}');
    await waitFor(() => expect(document.activeElement).toBe(rowEl(100)), SLOW);
    await user.keyboard('{Home}');
    await waitFor(() => expect(document.activeElement).toBe(rowEl(1)), SLOW);
    await user.keyboard('{PageDown}');
    await waitFor(() => expect(store.getState().selectedUploadId).toBe(5), SLOW); // a page: the list's 5 rows, less one
  }, 30_000);
});

describe('where a row goes', () => {
  it('reads as a place: the folder dropped on, then the drop’s own folders', () => {
    renderQueue([uploadRow(1, { destination: 'Day 1/CARD_A/Cam A' }), uploadRow(2, { destination: 'Day 1' })]);
    expect(within(rowEl(1)!).getByText('→ Day 1 › CARD_A › Cam A')).toBeTruthy();
    expect(within(rowEl(2)!).getByText('→ Day 1')).toBeTruthy();
  });
});
