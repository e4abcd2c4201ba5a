import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Every message a user can see is in both languages: the two files have the same keys, every key
 * the screens name literally exists, and every stable problem code the services answer with has
 * its Dutch and English text (so no screen ever falls back to the server's English).
 */
const web = path.resolve(__dirname, '..');
const root = path.resolve(__dirname, '../../../../..');

type Tree = { [key: string]: string | Tree };
const load = (lang: string) => JSON.parse(readFileSync(path.join(web, 'i18n', `${lang}.json`), 'utf8')) as Tree;

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(prefix + key, value);
    else for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

function files(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'node_modules' || name === 'web' ? [] : files(full, pattern);
    return pattern.test(name) ? [full] : [];
  });
}

const nl = flatten(load('nl'));
const en = flatten(load('en'));
const PLURALS = ['_zero', '_one', '_two', '_few', '_many', '_other'];
const known = (keys: Map<string, string>, key: string) =>
  keys.has(key) || PLURALS.some((s) => keys.has(key + s)) || [...keys.keys()].some((k) => k.startsWith(`${key}.`));

describe('the translations', () => {
  it('have the same keys in Dutch and English', () => {
    const strip = (key: string) => PLURALS.reduce((k, s) => (k.endsWith(s) ? k.slice(0, -s.length) : k), key);
    const nlKeys = new Set([...nl.keys()].map(strip));
    const enKeys = new Set([...en.keys()].map(strip));
    expect([...nlKeys].filter((k) => !enKeys.has(k))).toEqual([]);
    expect([...enKeys].filter((k) => !nlKeys.has(k))).toEqual([]);
  });

  it('have no empty text and the same placeholders in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)/g)].map((m) => m[1]).sort();
    const different = [...nl.entries()]
      .filter(([key, text]) => en.has(key) && placeholders(text).join() !== placeholders(en.get(key) ?? '').join())
      .map(([key]) => key);
    expect(different).toEqual([]);
    expect([...nl.entries(), ...en.entries()].filter(([, text]) => text.trim() === '').map(([key]) => key)).toEqual([]);
  });

  it('hold every key the screens name literally', () => {
    const used = new Set<string>();
    for (const file of files(web, /\.tsx?$/).filter((f) => !f.endsWith('.spec.ts'))) {
      const source = readFileSync(file, 'utf8');
      for (const match of source.matchAll(/\bt\(\s*'([a-zA-Z][\w.]*[\w])'/g)) used.add(match[1]);
      for (const match of source.matchAll(/\bkey:\s*'([a-z][\w]*\.[\w.]+)'/g)) used.add(match[1]);
    }
    expect(used.size).toBeGreaterThan(100);
    const missing = [...used].flatMap((key) => [
      ...(known(nl, key) ? [] : [`nl: ${key}`]),
      ...(known(en, key) ? [] : [`en: ${key}`]),
    ]);
    expect(missing).toEqual([]);
  });

  it('say every stable problem code of the services in both languages', () => {
    const codes = new Set<string>();
    for (const dir of ['services', 'libs']) {
      for (const file of files(path.join(root, dir), /\.ts$/).filter(
        (f) => !/\.(spec|int-spec|e2e-spec)\.ts$/.test(f),
      )) {
        const source = readFileSync(file, 'utf8');
        for (const match of source.matchAll(/(?:DomainError|Error)\(\s*'([A-Z]+\.[A-Z_]+)'/g)) codes.add(match[1]);
        for (const match of source.matchAll(/\bcode:\s*'([A-Z]+\.[A-Z_]+)'/g)) codes.add(match[1]);
      }
    }
    expect(codes.size).toBeGreaterThan(40);
    const translated = (keys: Map<string, string>, code: string) =>
      [...keys.keys()].some((key) => key.endsWith(`problems.${code}`) || key.endsWith(`Problems.${code}`));
    const missing = [...codes].flatMap((code) => [
      ...(translated(nl, code) ? [] : [`nl: ${code}`]),
      ...(translated(en, code) ? [] : [`en: ${code}`]),
    ]);
    expect(missing).toEqual([]);
  });
});
