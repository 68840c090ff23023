import { describe, expect, it } from 'vitest';

import { downloadFileName } from '../../../../src-main/data/download/file-name';
import { parseDownloadUrl, upgradeToHttps } from '../../../../src-main/data/download/open-url';

describe('download names and addresses', () => {
  it('builds a plain name from the URL that can never leave the folder', () => {
    const name = (url: string) => downloadFileName(new URL(url));
    expect(name('https://huggingface.co/x/resolve/main/model-Q4_K_M.gguf?download=1')).toBe(
      'model-Q4_K_M.gguf',
    );
    expect(name('https://h.example/a/..%2F..%2Fetc%2Fpasswd')).toBe('etc_passwd');
    expect(name('https://h.example/%2E%2E')).toBe('download-from-h.example');
    expect(name('https://h.example/.bashrc')).toBe('bashrc');
    expect(name('https://h.example/')).toBe('download-from-h.example');
    expect(name('https://h.example/a%5C..%5Cb.txt')).toBe('a_._b.txt');
    expect(name('https://h.example/caf%C3%A9 menu.csv')).toBe('caf_menu.csv');
  });

  it('accepts only a plain name from the user', () => {
    const url = new URL('https://h.example/file');
    expect(downloadFileName(url, 'mine.csv')).toBe('mine.csv');
    for (const bad of ['../x', 'a/b', 'a\\b', '.hidden', '..', 'x..y', ''])
      expect(() => downloadFileName(url, bad)).toThrow(/not a plain file name/);
  });

  it('allows https anywhere and http only to this computer; upgrades index addresses to https', () => {
    expect(parseDownloadUrl('https://example.com/x').protocol).toBe('https:');
    expect(parseDownloadUrl('http://127.0.0.1:8080/x').hostname).toBe('127.0.0.1');
    expect(parseDownloadUrl('http://localhost/x').hostname).toBe('localhost');
    expect(() => parseDownloadUrl('http://static.dollarstreet.org/x.jpg')).toThrow(/unencrypted/);
    expect(upgradeToHttps('http://static.dollarstreet.org/media/a%2010/x.jpg')).toBe(
      'https://static.dollarstreet.org/media/a%2010/x.jpg',
    );
    expect(upgradeToHttps('http://127.0.0.1:9/x.jpg')).toBe('http://127.0.0.1:9/x.jpg');
  });
});
