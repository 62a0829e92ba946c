/** An API failure with its status; the server turns it into the V2 or the V4 JSON error body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
    /** V4: the JSON pointer of the request field at fault (`source.pointer`). */
    readonly pointer?: string,
  ) {
    super(message);
  }
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  422: 'Invalid Request',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

/** V2 error shape: {"code":404,"message":"…","errors":[{"code":404,"status":404,"title":"…","detail":"…"}]}. */
export function v2ErrorBody(status: number, detail: string): object {
  const title = TITLES[status] ?? 'Error';
  return { code: status, message: title, errors: [{ code: status, status, title, detail }] };
}

/** V4 error shape: {"errors":[{"detail","title","source":{"pointer"}?}]} (frameio-api.md "Errors and limits"). */
export function v4ErrorBody(status: number, detail: string, pointer?: string): object {
  const title = status === 422 ? 'Unprocessable Content' : (TITLES[status] ?? 'Error');
  return { errors: [{ detail, title, ...(pointer === undefined ? {} : { source: { pointer } }) }] };
}

export const notFound = (what: string): ApiError => new ApiError(404, `${what} not found`);
export const invalid = (detail: string, pointer?: string): ApiError => new ApiError(422, detail, {}, pointer);
