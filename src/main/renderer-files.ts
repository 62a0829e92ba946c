// The built renderer's files, as both the app:// protocol (main.ts) and the browser host serve them: a path inside
// the renderer folder (never outside it) and its content type.
import path from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** The file a URL path names inside `rendererDir`, or null when it would be outside (e.g. `/../secret`). */
export function rendererFile(rendererDir: string, urlPathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPathname === '/' ? '/index.html' : urlPathname);
  } catch {
    return null; // malformed escapes name no file
  }
  const file = path.normalize(path.join(rendererDir, decoded));
  return file.startsWith(path.normalize(rendererDir + path.sep)) ? file : null;
}

export const contentTypeOf = (file: string): string => CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
