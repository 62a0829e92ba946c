// A browser without JavaScript in front of a sign-in page (the sandbox's Adobe-IMS-like authorize page): open it,
// read its forms, press a button, read where the 302 goes. Used by the sandbox's own tests and by sign-in flows.

export const get = (url: string, headers: Record<string, string> = {}): Promise<Response> => fetch(url, { redirect: 'manual', headers });

export interface HtmlForm {
  action: string;
  method: string;
  fields: [string, string][];
  buttons: { name: string; value: string; label: string }[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (s: string): string =>
  s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) =>
    e.startsWith('#x') || e.startsWith('#X') ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : (ENTITIES[e] ?? m));

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
    out[(m[1] ?? '').toLowerCase()] = decode(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return out;
}

/** Every form of a page, as a browser sees it: hidden and text inputs with a name, and submit buttons. */
export function forms(html: string): HtmlForm[] {
  return [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)].map((f) => {
    const a = attributes(f[1] ?? '');
    const inner = f[2] ?? '';
    const fields: [string, string][] = [];
    for (const m of inner.matchAll(/<input\b([^>]*)>/gi)) {
      const i = attributes(m[1] ?? '');
      if (i.name && (i.type ?? 'text') !== 'submit') fields.push([i.name, i.value ?? '']);
    }
    const buttons = [...inner.matchAll(/<button\b([^>]*)>([\s\S]*?)<\/button>/gi)].map((m) => {
      const b = attributes(m[1] ?? '');
      return { name: b.name ?? '', value: b.value ?? '', label: decode((m[2] ?? '').replace(/<[^>]*>/g, '').trim()) };
    });
    return { action: a.action ?? '', method: (a.method ?? 'get').toLowerCase(), fields, buttons };
  });
}

/** Presses the button labelled `label` (a form POST, as a browser sends it). */
export function press(pageUrl: string, form: HtmlForm, label: string, headers: Record<string, string> = {}): Promise<Response> {
  const button = form.buttons.find((b) => b.label === label);
  if (!button) throw new Error(`no "${label}" button in the form`);
  const body = new URLSearchParams([...form.fields, ...(button.name ? [[button.name, button.value] as [string, string]] : [])]);
  return fetch(new URL(form.action || pageUrl, pageUrl), {
    method: form.method === 'post' ? 'POST' : 'GET', redirect: 'manual', body: body.toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  });
}

/** Where a 302 goes, with its query as a plain object. */
export function redirectOf(res: Response): { location: string; params: Record<string, string> } {
  const location = res.headers.get('location') ?? '';
  const query = location.includes('?') ? location.slice(location.indexOf('?') + 1) : '';
  return { location, params: Object.fromEntries(new URLSearchParams(query)) };
}

/** Opens the authorize page for `url` and presses `label` on it. */
export async function answer(url: string, label: 'Allow' | 'Deny'): Promise<Response> {
  const page = await get(url);
  if (page.status !== 200) throw new Error(`authorize page answered ${page.status}`);
  const [form] = forms(await page.text());
  if (!form) throw new Error('the authorize page has no form');
  return press(url, form, label);
}
