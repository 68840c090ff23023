import { coreMigration } from './0001-core';
import type { Migration } from './types';

/** Every migration, in order. Append new ones at the end; never edit a released one. */
export const MIGRATIONS: readonly Migration[] = [coreMigration];
