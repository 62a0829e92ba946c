// The pre-flight sheet: what a drop holds, what cannot go, and — when names clash — skip, keep both or add as
// versions, each of which enqueues with that policy. Escape cancels.
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { PreflightSheet } from '../../../../src/renderer/features/drop/preflight-sheet';
import type { DropTarget } from '../../../../src/renderer/store/ui-slice';
import type { Preflight } from '../../../../src/shared/ipc/schemas';
import { createFakeApi, deferred } from '../fake-api';
import { browsingStore, renderWithStore } from '../render';

const DAY_1: DropTarget = { folderId: 'f-day1', accountId: 'acc-1', label: 'Demo Project › Day 1' };
const PATHS = ['/footage/Card A', '/footage/B001.mov'];
const SUMMARY: Preflight = { files: 12, folders: 3, totalBytes: 4_200_000_000, skippedJunk: 2, problems: [], clashes: ['B001.mov'] };

async function renderSheet(summary: Preflight = SUMMARY) {
  const api = createFakeApi();
  api.uploads.preflight.mockResolvedValue(summary);
  const store = await browsingStore(api, 'folder:f-day1');
  const user = userEvent.setup();
  const rendered = renderWithStore(<PreflightSheet />, api, store);
  await act(() => store.getState().dropPaths(PATHS, DAY_1));
  return { ...rendered, user };
}

const dialog = () => screen.getByRole('dialog', { name: 'Upload to Demo Project › Day 1' });

describe('PreflightSheet', () => {
  it('is not there without a drop', async () => {
    renderWithStore(<PreflightSheet />, createFakeApi(), await browsingStore());
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('says it is looking while the pre-flight runs', async () => {
    const api = createFakeApi();
    const answer = deferred<Preflight>();
    api.uploads.preflight.mockReturnValueOnce(answer.promise);
    const store = await browsingStore(api, 'folder:f-day1');
    renderWithStore(<PreflightSheet />, api, store);
    let dropping!: Promise<void>;
    act(() => void (dropping = store.getState().dropPaths(PATHS, DAY_1)));
    expect(within(dialog()).getByText('Looking at what you dropped…')).toBeTruthy();
    expect(within(dialog()).getByRole<HTMLButtonElement>('button', { name: 'Upload' }).disabled).toBe(true);
    await act(async () => {
      answer.resolve({ ...SUMMARY, clashes: [] });
      await dropping;
    });
    expect(within(dialog()).queryByText('Looking at what you dropped…')).toBeNull();
  });

  it('sums up the drop: folders, files, size, and the system files left out', async () => {
    await renderSheet();
    expect(dialog().getAttribute('aria-modal')).toBe('true');
    expect(dialog().querySelector('.sheet__summary')?.textContent).toBe('3 folders, 12 files · 4.2 GB · 2 system files skipped');
    expect(within(dialog()).getByText((_, el) => el?.tagName === 'P' && el.textContent === 'B001.mov already exists in Demo Project › Day 1.')).toBeTruthy();
  });

  it('loose files name no folders', async () => {
    await renderSheet({ ...SUMMARY, files: 1, folders: 0, skippedJunk: 0, totalBytes: 1_500 });
    expect(dialog().querySelector('.sheet__summary')?.textContent).toBe('1 file · 1.5 KB');
  });

  it('lists what cannot be uploaded, five at most', async () => {
    const problems = Array.from({ length: 7 }, (_, i) => `/footage/locked-${i}.mov: permission denied`);
    await renderSheet({ ...SUMMARY, problems, clashes: [] });
    expect(within(dialog()).getByText(/7 items cannot be uploaded/)).toBeTruthy();
    expect(within(dialog()).getAllByRole('listitem').map((li) => li.textContent)).toEqual(problems.slice(0, 5));
    expect(within(dialog()).getByText('and 2 more')).toBeTruthy();
  });

  it.each([
    ['Skip existing', 'skip'],
    ['Keep both', 'rename'],
    ['Add as versions', 'version'],
  ] as const)('"%s" enqueues with onConflict %s and closes the sheet', async (label, onConflict) => {
    const { api, user } = await renderSheet();
    await user.click(within(dialog()).getByRole('button', { name: label }));
    expect(api.uploads.enqueue).toHaveBeenCalledWith({ paths: PATHS, folderId: 'f-day1', accountId: 'acc-1', onConflict });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('"Skip existing" has the focus: Enter keeps what is there', async () => {
    await renderSheet();
    expect(document.activeElement).toBe(within(dialog()).getByRole('button', { name: 'Skip existing' }));
  });

  it('with no clashes there is one Upload button, focused', async () => {
    const { api, user } = await renderSheet({ ...SUMMARY, clashes: [] });
    const upload = within(dialog()).getByRole('button', { name: 'Upload' });
    expect(document.activeElement).toBe(upload);
    expect(within(dialog()).queryByRole('button', { name: 'Keep both' })).toBeNull();
    await user.click(upload);
    expect(api.uploads.enqueue).toHaveBeenCalledWith({ paths: PATHS, folderId: 'f-day1', accountId: 'acc-1', onConflict: 'skip' });
  });

  it('several clashes are named, three at most', async () => {
    await renderSheet({ ...SUMMARY, clashes: ['A.mov', 'B.mov', 'C.mov', 'D.mov'] });
    expect(within(dialog()).getByText((_, el) => el?.tagName === 'P' && el.textContent === '4 names already exist (A.mov, B.mov, C.mov…) in Demo Project › Day 1.')).toBeTruthy();
  });

  describe('a re-dropped folder, compared at every depth', () => {
    const text = (content: string) => within(dialog()).getByText((_, el) => el?.tagName === 'P' && el.textContent === content);
    const DEEP = ['Card A/Cam B/B002.mov', 'Card A/Cam B/Sound/take.wav', 'Card A/notes.txt'];

    it('all there: says so, nothing to upload, and still offers the three choices', async () => {
      await renderSheet({ ...SUMMARY, clashes: DEEP, existing: { identical: 12, differing: 0, checkedAll: true } });
      expect(text('All 12 files are already in Demo Project › Day 1 — nothing to upload.')).toBeTruthy();
      for (const label of ['Skip existing', 'Keep both', 'Add as versions']) expect(within(dialog()).getByRole('button', { name: label })).toBeTruthy();
      expect(within(dialog()).queryByText(/names already exist/)).toBeNull();
    });

    it('one file, already there, is named', async () => {
      await renderSheet({ ...SUMMARY, files: 1, folders: 0, clashes: ['Card A/B001.mov'], existing: { identical: 1, differing: 0, checkedAll: true } });
      expect(text('Card A/B001.mov is already in Demo Project › Day 1 — nothing to upload.')).toBeTruthy();
    });

    it('some there: "9 of 12", and what Skip existing does with the rest', async () => {
      await renderSheet({ ...SUMMARY, clashes: DEEP, existing: { identical: 9, differing: 0, checkedAll: true } });
      expect(text('9 of 12 files are already in Demo Project › Day 1; Skip existing uploads the other 3.')).toBeTruthy();
      expect(document.activeElement).toBe(within(dialog()).getByRole('button', { name: 'Skip existing' }));
    });

    it('names held by a different file, deep down, are named and the choice explained', async () => {
      await renderSheet({ ...SUMMARY, clashes: DEEP, existing: { identical: 9, differing: 2, checkedAll: true } });
      expect(text('9 of 12 files are already in Demo Project › Day 1.')).toBeTruthy();
      expect(text('2 files have the name of a different file there (Card A/Cam B/B002.mov, Card A/Cam B/Sound/take.wav): Skip existing uploads them beside those, under the same name.')).toBeTruthy();
    });

    it('nothing there at any depth: one Upload button', async () => {
      await renderSheet({ ...SUMMARY, clashes: [], existing: { identical: 0, differing: 0, checkedAll: true } });
      expect(within(dialog()).getByRole('button', { name: 'Upload' })).toBeTruthy();
      expect(within(dialog()).queryByRole('button', { name: 'Keep both' })).toBeNull();
      expect(within(dialog()).queryByText(/already/)).toBeNull();
    });

    it('a drop too large to compare whole says it checked only the first folders', async () => {
      await renderSheet({ ...SUMMARY, clashes: [], existing: { identical: 0, differing: 0, checkedAll: false } });
      expect(within(dialog()).getByText(/Only the first folders were compared/)).toBeTruthy();
    });
  });

  it('nothing to upload: the reason as an alert, and no way to start', async () => {
    await renderSheet({ files: 0, folders: 0, totalBytes: 0, skippedJunk: 1, problems: [], clashes: [] });
    expect(within(dialog()).getByRole('alert').textContent?.trim()).toBe('Nothing to upload: no readable files in what you dropped.');
    expect(within(dialog()).getByRole<HTMLButtonElement>('button', { name: 'Upload' }).disabled).toBe(true);
  });

  it('is a real modal: Tab stays inside, and the focus goes back where it was when it closes', async () => {
    const api = createFakeApi();
    const store = await browsingStore(api, 'folder:f-day1');
    const user = userEvent.setup();
    renderWithStore(<><button type="button">outside</button><PreflightSheet /></>, api, store);
    const outside = screen.getByRole('button', { name: 'outside' });
    outside.focus();
    await act(() => store.getState().dropPaths(['/footage/A.mov'], DAY_1));
    const sheet = screen.getByRole('dialog');
    await waitFor(() => expect(sheet.contains(document.activeElement)).toBe(true));
    for (let i = 0; i < 4; i++) {
      await user.tab();
      expect(sheet.contains(document.activeElement)).toBe(true);
    }
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(outside);
  });

  it('Escape cancels: the sheet closes and nothing is enqueued', async () => {
    const { api, store, user } = await renderSheet();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(store.getState().pendingDrop).toBeNull();
    expect(api.uploads.enqueue).not.toHaveBeenCalled();
  });

  it('Cancel closes it too', async () => {
    const { api, user } = await renderSheet();
    await user.click(within(dialog()).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(api.uploads.enqueue).not.toHaveBeenCalled();
  });

  it('a version drop is titled for the file it was dropped on and says what happens', async () => {
    const api = createFakeApi();
    const store = await browsingStore(api, 'folder:f-day1');
    renderWithStore(<PreflightSheet />, api, store);
    await act(() => store.getState().dropPaths(['/footage/B001_v2.mov'], { ...DAY_1, versionOf: { assetId: 'a-b001', name: 'B001.mov' } }));
    const sheet = screen.getByRole('dialog', { name: 'New version of B001.mov' });
    expect(sheet.textContent).toContain('stacked on top of B001.mov as its newest version');
    expect(within(sheet).getByRole('button', { name: 'Add version' })).toBeTruthy();
    expect(within(sheet).queryByRole('button', { name: 'Keep both' })).toBeNull();
  });
});
