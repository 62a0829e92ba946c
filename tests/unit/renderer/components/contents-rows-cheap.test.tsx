// The grid's rows are cheap to make (issue 13 §9, the 10,000-item skim): scrolling hands the elements of rows that
// leave to the rows that come in (no new elements per scrolled row), and an icon is one element, not an SVG tree.
import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ContentsTable } from '../../../../src/renderer/features/browser/contents-table';
import { assignSlots } from '../../../../src/renderer/features/browser/row-slots';
import { createFakeApi, folderAsset, manyFiles } from '../fake-api';
import { browsingStore, renderWithStore } from '../render';

/** The item rows, read straight from the DOM (role queries are slow over hundreds of cells). */
const itemRows = () => Array.from(document.querySelectorAll<HTMLElement>('[data-testid="contents-scroller"] [role="row"][data-index]'));

async function renderHugeFolder() {
  const api = createFakeApi();
  api.world.children['f-demo']!.push(folderAsset('f-huge', 'Card dump'));
  api.world.children['f-huge'] = manyFiles('huge', 10_000);
  const store = await browsingStore(api);
  await store.getState().openNode('folder:f-huge');
  return renderWithStore(<ContentsTable />, api, store);
}

describe('grid rows while scrolling', () => {
  it('rows that scroll in reuse the elements of rows that scrolled out', { timeout: 20_000 }, async () => {
    await renderHugeFolder();
    const scroller = screen.getByTestId('contents-scroller');
    const scrollTo = (top: number) => act(() => {
      scroller.scrollTop = top;
      scroller.dispatchEvent(new Event('scroll'));
    });
    // Away from the top first: there the window has no overscan above it, so it is smaller.
    scrollTo(36 * 100);
    await waitFor(() => expect(itemRows().some((row) => row.dataset.index === '100')).toBe(true));
    const before = new Set(itemRows());
    for (const top of [36 * 111, 36 * 122, 36 * 500]) scrollTo(top);
    await waitFor(() => expect(itemRows().some((row) => row.dataset.index === '500')).toBe(true));
    const after = itemRows();
    expect(after.length).toBe(before.size);
    expect(after.every((row) => before.has(row))).toBe(true); // not one new row element
    expect(after.find((row) => row.dataset.index === '500')?.textContent).toMatch(/^file-00501\.mov/);
  });

  it('a row is a handful of elements: its icon and state mark are one element each', async () => {
    await renderHugeFolder();
    const first = itemRows()[0]!;
    expect(first.querySelectorAll('svg')).toHaveLength(0);
    expect(first.querySelectorAll('*').length).toBeLessThanOrEqual(11);
  });
});

describe('skimming', () => {
  it('rows show only their name while the grid is skimmed, and fill in once the scroll settles', async () => {
    await renderHugeFolder();
    const scroller = screen.getByTestId('contents-scroller');
    // Read straight from the DOM: role queries take longer than the 150 ms after which a scroll counts as settled.
    const cellsOf = (index: string) => Array.from(scroller.querySelector(`[data-index="${index}"]`)?.children ?? [], (cell) => cell.textContent);
    // A brisk wheel (100 px a step) keeps full rows.
    act(() => {
      scroller.scrollTop = 100;
      scroller.dispatchEvent(new Event('scroll'));
    });
    await waitFor(() => expect(cellsOf('5')[1]).toBe('Video'));
    // Dragging the scrollbar: thousands of px a step.
    for (const top of [36 * 2_000, 36 * 4_000]) {
      act(() => {
        scroller.scrollTop = top;
        scroller.dispatchEvent(new Event('scroll'));
      });
    }
    expect(cellsOf('4000')).toEqual(['file-04001.mov', '', '', '', '']);
    await waitFor(() => expect(cellsOf('4000')).toEqual(['file-04001.mov', 'Video', '1.0 MB', expect.any(String), ' Uploaded']));
  });
});

describe('assignSlots', () => {
  it('keeps the slots of rows still on screen and gives freed ones to new rows', () => {
    const first = assignSlots(new Map(), [0, 1, 2, 3]);
    expect([...first.values()]).toEqual([0, 1, 2, 3]);
    const next = assignSlots(first, [2, 3, 4, 5]);
    expect([...next.entries()]).toEqual([[2, 2], [3, 3], [4, 0], [5, 1]]);
    const grown = assignSlots(next, [3, 4, 5, 6, 7]);
    expect(new Set(grown.values()).size).toBe(5);
    expect(grown.get(3)).toBe(3);
  });
});
