// The grid's rows are cheap to make (issue 13 §9, the 10,000-item skim): scrolling hands the elements of rows that
// leave to the rows that come in (no new elements per scrolled row), and an icon is one element, not an SVG tree.
import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ContentsTable } from '../../../../src/renderer/features/browser/contents-table';
import { assignSlots } from '../../../../src/renderer/features/browser/row-slots';
import { createFakeApi, folderAsset, manyFiles } from '../fake-api';
import { browsingStore, renderWithStore } from '../render';

const itemRows = () => within(screen.getByRole('grid')).getAllByRole('row').filter((row) => row.dataset.index !== undefined);

async function renderHugeFolder() {
  const api = createFakeApi();
  api.world.children['f-demo']!.push(folderAsset('f-huge', 'Card dump'));
  api.world.children['f-huge'] = manyFiles('huge', 10_000);
  const store = await browsingStore(api);
  await store.getState().openNode('folder:f-huge');
  return renderWithStore(<ContentsTable />, api, store);
}

describe('grid rows while scrolling', () => {
  it('rows that scroll in reuse the elements of rows that scrolled out', async () => {
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
