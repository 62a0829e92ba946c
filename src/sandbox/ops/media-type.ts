import mime from 'mime';

const FALLBACK = 'application/octet-stream';

/**
 * The media type the server decides for a file from its name (V4 local_upload never takes one; V2 clients such as
 * fioctl create files without `filetype`). Part URLs are signed with it, so the client must PUT with exactly this.
 */
export function mediaTypeFor(name: string): string {
  return mime.getType(name) ?? FALLBACK;
}
