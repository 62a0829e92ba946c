// The V4 client on the sandbox's V4, through the conformance proxy: the calls the CLI and the engine make that the
// sandbox's own V4 tests do not (they speak HTTP directly), each answer read back and checked against the spec.
import { describe, expect, it } from 'vitest';
import { V4Client } from '../../../src/core/frameio/v4-client';
import { useV4Sandbox } from '../../support/v4-fixture';

const fx = useV4Sandbox({}, 'ferry-v4-client-');

describe('V4Client on the sandbox', () => {
  it('lists the versions in a version stack, as V2 lists a stack’s children', async () => {
    const folder = await fx.freshFolder('stack');
    const first = await fx.v4.createFile(folder, { name: 'cut.mov', size: 10, mediaType: 'video/quicktime' });
    const second = await fx.v4.createFile(folder, { name: 'cut.mov', size: 12, mediaType: 'video/quicktime' });
    const stack = await fx.v4.addVersion(first.asset.id, second.asset.id);
    expect(stack.type).toBe('version_stack');
    const versions = [first.asset.id, second.asset.id];

    // A client that learned the stack by listing its folder, and one that is given only the stack's id.
    expect((await fx.v4.listChildren(folder)).map((a) => a.type)).toEqual(['version_stack']);
    expect((await fx.v4.listChildren(stack.id)).map((a) => a.id).sort()).toEqual([...versions].sort());
    const fresh = new V4Client({ baseUrl: fx.proxy.apiUrl, token: fx.sandbox.token });
    expect((await fresh.listChildren(stack.id)).map((a) => a.id).sort()).toEqual([...versions].sort());
    const page = await fresh.listChildrenPage(stack.id, null, 1);
    expect(page.items).toHaveLength(1);
    expect(page.total).toBe(2);
    const rest = await fresh.listChildrenPage(stack.id, page.next, 1);
    expect([...page.items, ...rest.items].map((a) => a.id).sort()).toEqual([...versions].sort());
    expect(rest.next).toBeNull();
    // The same ids through V2, which reads the same store.
    expect((await fx.client.listChildren(stack.id)).map((a) => a.id).sort()).toEqual([...versions].sort());
    await fx.conforms();
  });
});
