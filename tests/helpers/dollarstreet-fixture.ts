import sharp from 'sharp';

import { serveBytes, type LocalHttpServer } from './local-http-server';

const HEADER = ',country,url,income,lat,lng,region,label';

export interface FixturePhoto {
  country: string;
  household: string;
  id: string;
  income: number;
  labels: string[];
  /** What the local server answers for this photo. */
  serve: 'jpeg' | 'missing' | 'html';
}

/** A small Dollar Street index in the dollarstreet_factors layout whose photos live on the local test server. */
export async function dollarStreetFixture(
  server: LocalHttpServer,
  photos: readonly FixturePhoto[],
): Promise<string> {
  const lines = [HEADER];
  for (const [index, photo] of photos.entries()) {
    const path = `/media/${encodeURIComponent(photo.household)}/image/${photo.id}/480x480-${photo.id}.jpg`;
    if (photo.serve === 'jpeg') {
      const jpeg = await sharp({
        create: { width: 48, height: 48, channels: 3, background: { r: (index * 40) % 256, g: 120, b: 30 } },
      })
        .jpeg()
        .toBuffer();
      server.route(path, serveBytes(jpeg, { ranges: true, etag: `"${photo.id}"` }));
    } else if (photo.serve === 'html')
      server.route(path, serveBytes(Buffer.from('<html><body>Sorry, moved</body></html>')));
    const labels = `[${photo.labels.map((label) => `'${label}'`).join(', ')}]`;
    lines.push(`${index},${photo.country},${server.url(path)},${photo.income},0,0,Africa,"${labels}"`);
  }
  return `${lines.join('\n')}\n`;
}
