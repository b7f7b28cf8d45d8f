/** Line icons as inline SVG (no icon font, no emoji: they render the same on every device, offline). */
const PATHS = {
  list: 'M8 6h13M8 12h13M8 18h13M3.5 6h.01M3.5 12h.01M3.5 18h.01',
  scale: 'M12 3v18M7 21h10M4 7h16M7 7l-3 7h6zM17 7l-3 7h6z',
  clock: 'M12 3a9 9 0 100 18 9 9 0 000-18zM12 7v5l3 2',
  archive: 'M3 4h18v4H3zM5 8v12h14V8M10 12h4',
  lock: 'M5 11h14v10H5zM8 11V7a4 4 0 018 0v4',
  chart: 'M3 3v18h18M7 16v2M11 11v7M15 7v11M19 13v5',
  phone: 'M7 2h10v20H7zM11 18h2',
  book: 'M4 4h11a3 3 0 013 3v14H7a3 3 0 01-3-3zM4 18a3 3 0 013-3h11',
  user: 'M12 4a4 4 0 100 8 4 4 0 000-8zM4 21a8 8 0 0116 0',
  camera: 'M3 7h4l2-3h6l2 3h4v13H3zM12 9a4 4 0 100 8 4 4 0 000-8z',
  image: 'M3 3h18v18H3zM9 7a2 2 0 100 4 2 2 0 000-4zM21 15l-5-5L5 21',
  pin: 'M12 21s-7-6.5-7-12a7 7 0 0114 0c0 5.5-7 12-7 12zM12 6.5a2.5 2.5 0 100 5 2.5 2.5 0 000-5z',
  printer: 'M6 9V3h12v6M6 18H4v-7h16v7h-2M6 14h12v7H6z',
  download: 'M12 3v12M7 10l5 5 5-5M4 21h16',
  alert: 'M12 3l10 18H2zM12 10v5M12 18h.01',
  stop: 'M8 3h8l5 5v8l-5 5H8l-5-5V8zM12 8v5M12 16h.01',
  check: 'M4 12l5 5L20 6',
  x: 'M6 6l12 12M18 6L6 18',
  wait: 'M7 3h10M7 21h10M8 3c0 5 8 5 8 9s-8 4-8 9M16 3c0 5-8 5-8 9s8 4 8 9',
  refresh: 'M20 11a8 8 0 10-2.3 5.7M20 4v7h-7',
  undo: 'M9 14L4 9l5-5M4 9h11a5 5 0 010 10h-3',
  barcode: 'M4 5v14M7 5v14M9.5 5v14M13 5v14M15.5 5v14M18 5v14M20 5v14',
  gear: 'M12 9a3 3 0 100 6 3 3 0 000-6zM12 2v3M12 19v3M2 12h3M19 12h3M4.9 4.9l2.1 2.1M17 17l2.1 2.1M4.9 19.1L7 17M17 7l2.1-2.1',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = '1.15em', className }: { name: IconName; size?: string; className?: string }) {
  return (
    <svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" width={size} height={size} fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" className={className ?? 'icon'}>
      <path d={PATHS[name]} />
    </svg>
  );
}
