import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export const ESPOO_DIR = fileURLToPath(new URL('../../data/espoo/', import.meta.url));
export const readEspoo = (relative: string) => readFile(`${ESPOO_DIR}${relative}`);

/** A fixed instant for tests: Tuesday 1 December 2026, 10:00 in Helsinki (08:00 UTC). */
export const TUESDAY_2026_12_01 = Date.UTC(2026, 11, 1, 8, 0, 0);
