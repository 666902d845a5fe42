import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Every form fails safe without JavaScript. A <form> with no method submits as a GET before the page
 * hydrates (or with scripts off), and puts every named field, a password or a personality, into the URL,
 * the history and the server's logs. So each form must declare method="post", or be a deliberate GET
 * filter with its own action.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const sources = ['app', 'components'].flatMap((dir) =>
  (readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' }) as string[])
    .filter((file) => file.endsWith('.tsx'))
    .map((file) => path.join(dir, file)),
);

function formTags() {
  return sources.flatMap((file) => {
    const text = readFileSync(path.join(ROOT, file), 'utf8');
    return [...text.matchAll(/<form\b[^>]*>/g)].map((match) => ({ file, tag: match[0] }));
  });
}

describe('every <form> in app/ and components/', () => {
  it('is found (the scan is not vacuous)', () => {
    expect(formTags().length).toBeGreaterThanOrEqual(8);
  });

  it('posts, or is a GET filter with an explicit action', () => {
    const unsafe = formTags().filter(({ tag }) => !/method="post"/.test(tag) && !(/method="get"/.test(tag) && /action=/.test(tag)));
    expect(unsafe).toEqual([]);
  });
});
