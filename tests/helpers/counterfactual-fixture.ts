import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';

import sharp from 'sharp';

/**
 * Generated counterfactual sets in the Cultural Counterfactuals layout: two religion sets with three
 * contexts each, and one socioeconomic set with two, as flat-colour PNGs.
 */
export const FIXTURE_SETS: Record<string, string[]> = {
  r1: ['Church', 'Mosque', 'Hindu_temple'],
  r2: ['Church', 'Mosque', 'Synagogue'],
  e1: ['low_income', 'high_income'],
};

/** `personOnly`: also the person without a background (`<set>_person.png`) for these sets. */
export async function writeCounterfactualFixture(
  root: string,
  { personOnly = [] }: { personOnly?: string[] } = {},
): Promise<void> {
  let shade = 10;
  for (const [set, listed] of Object.entries(FIXTURE_SETS)) {
    const contexts = personOnly.includes(set) ? [...listed, 'person'] : listed;
    await mkdir(join(root, set), { recursive: true });
    for (const context of contexts) {
      shade += 25;
      await sharp({
        create: { width: 32, height: 32, channels: 3, background: { r: shade, g: 60, b: 200 - shade / 2 } },
      })
        .png()
        .toFile(join(root, set, `${set}_${context}.png`));
    }
  }
}
