// One icon as one element: a span masked by the icon's shape (components/glyphs.css), for rows that are made by
// the hundred while a long list scrolls. Decorative, like every icon with text beside it.
export type GlyphName = 'folder' | 'versions' | 'video' | 'audio' | 'image' | 'document' | 'file' | 'done' | 'warning';

export function Glyph({ name, size = 16, className = '' }: { name: GlyphName; size?: 14 | 16; className?: string }) {
  return <span aria-hidden="true" className={`glyph glyph--${name}${size === 14 ? ' glyph--14' : ''}${className ? ` ${className}` : ''}`} />;
}
