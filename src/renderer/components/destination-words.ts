// Where a queued file goes, as people read a place: "Day 1 › CARD_A › Cam A" (the folder it was dropped on, then the
// folders of the drop), the way the breadcrumbs and the drop overlay say it, rather than a slash path.
export function destinationWords(destination: string): string {
  const parts = destination.split('/').filter((part) => part !== '');
  return parts.length > 0 ? parts.join(' › ') : 'the folder it was dropped on';
}
