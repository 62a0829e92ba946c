// Every response Ferry reads is checked against its schema first: an answer of an unexpected shape is a clear error
// naming the call and the field, never a crash somewhere later.
import type { z } from 'zod';
import { FrameioError } from './errors';

export function parse<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const result = schema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unexpected shape';
    throw new FrameioError('bad_response', `Frame.io answered ${what} with an unexpected shape (${where})`);
  }
  return result.data;
}
